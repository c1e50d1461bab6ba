#include "base/quoted_text.h"

#include <cstdio>

namespace unfold {

std::string quotedInput(std::string_view text, size_t limit) {
  std::string out = "'";
  // The limit counts what is printed: 80 control characters print as 320, so stop at `limit` either way.
  size_t shown = 0;
  for (; shown < text.size() && out.size() - 1 < limit; ++shown) {
    const size_t i = shown;
    const auto ch = static_cast<unsigned char>(text[i]);
    switch (ch) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      default:
        if (ch < 0x20 || ch == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\x%02x", ch);
          out += escaped;
        } else {
          out.push_back(static_cast<char>(ch));  // UTF-8 bytes pass; a cut sequence is harmless text
        }
    }
  }
  out += "'";
  if (shown < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace unfold
