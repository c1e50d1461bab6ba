// libFuzzer target: the CSV matrix reader (see round_trip.h for the property).
#include "io/csv_matrix.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return loadsOrIsRefusedShortly(data, size, "csv", unfold::parseCsvMatrix, unfold::formatCsvMatrix, sameBits);
}
