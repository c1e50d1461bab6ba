// libFuzzer target: the workbench's session reader. Any input either loads or is refused with a short
// message; what loads writes back and reads again to the same settings.
#include "run/session_file.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  QString error;
  const auto session = unfold::ui::parseSession(json, "fuzz.json", &error);
  if (!session) {
    if (error.isEmpty() || error.size() > 400) std::abort();
    return 0;
  }
  QString again;
  const auto reread = unfold::ui::parseSession(unfold::ui::formatSession(*session), "again.json", &again);
  if (!reread || !(reread->settings == session->settings)) std::abort();
  return 0;
}
