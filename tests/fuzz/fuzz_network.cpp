// libFuzzer target: the network JSON reader (see round_trip.h for the property: the same weights).
#include "io/network_file.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return loadsOrIsRefusedShortly(data, size, "json", unfold::parseNetworkJson, unfold::formatNetworkJson,
                                 [](const unfold::NetworkFile& a, const unfold::NetworkFile& b) {
                                   return a.weights.layerCount() == b.weights.layerCount() &&
                                          a.weights.flatten() == b.weights.flatten();
                                 });
}
