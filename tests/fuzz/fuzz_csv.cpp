// libFuzzer target: the CSV matrix reader. Any input either loads or is refused with an InputError whose
// message stays short; what loads writes back and reads again to the same bits.
#include "base/input_error.h"
#include "io/csv_matrix.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  unfold::Matrix M;
  try {
    M = unfold::parseCsvMatrix(text, "fuzz.csv");
  } catch (const unfold::InputError& e) {
    if (std::string_view(e.what()).size() > 400) std::abort();  // untrusted text is quoted, not echoed
    return 0;
  }
  const unfold::Matrix again = unfold::parseCsvMatrix(unfold::formatCsvMatrix(M), "again.csv");
  if (again.rows() != M.rows() || again.cols() != M.cols() || !(again.array() == M.array()).all()) std::abort();
  return 0;
}
