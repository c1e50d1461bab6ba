// libFuzzer target: the .npy reader (header parser, shapes, byte counts; see round_trip.h for the
// property).
#include "io/npy_matrix.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return loadsOrIsRefusedShortly(data, size, "npy", unfold::parseNpyMatrix, unfold::formatNpyMatrix, sameBits);
}
