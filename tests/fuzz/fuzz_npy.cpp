// libFuzzer target: the .npy reader (header parser, shapes, byte counts). Any input either loads or is
// refused with a short InputError; what loads writes back and reads again to the same bits.
#include "base/input_error.h"
#include "io/npy_matrix.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  unfold::Matrix M;
  try {
    M = unfold::parseNpyMatrix(bytes, "fuzz.npy");
  } catch (const unfold::InputError& e) {
    if (std::string_view(e.what()).size() > 400) std::abort();
    return 0;
  }
  const unfold::Matrix again = unfold::parseNpyMatrix(unfold::formatNpyMatrix(M), "again.npy");
  if (again.rows() != M.rows() || again.cols() != M.cols() || !(again.array() == M.array()).all()) std::abort();
  return 0;
}
