// libFuzzer target: the network JSON reader. Any input either loads or is refused with a short
// InputError; what loads writes back and reads again to the same weights.
#include "base/input_error.h"
#include "io/network_file.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  unfold::NetworkFile file;
  try {
    file = unfold::parseNetworkJson(text, "fuzz.json");
  } catch (const unfold::InputError& e) {
    if (std::string(e.what()).size() > 400) std::abort();
    return 0;
  }
  const unfold::NetworkFile again = unfold::parseNetworkJson(unfold::formatNetworkJson(file), "again.json");
  if (again.weights.layerCount() != file.weights.layerCount() || again.weights.flatten() != file.weights.flatten()) std::abort();
  return 0;
}
