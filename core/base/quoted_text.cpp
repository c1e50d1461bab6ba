#include "base/quoted_text.h"

#include <cstdio>

namespace unfold {

namespace {

// Appends `ch` as printed; `quoted`: inside quotes, where the quote and backslash are escaped too.
void appendPrintable(std::string& out, unsigned char ch, bool quoted) {
  switch (ch) {
    case '\n': out += "\\n"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    case '\\': out += quoted ? "\\\\" : "\\"; return;
    case '\'': out += quoted ? "\\'" : "'"; return;
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

}  // namespace

std::string quotedInput(std::string_view text, size_t limit) {
  std::string out = "'";
  // The limit counts what is printed: 80 control characters print as 320, so stop at `limit` either way.
  size_t shown = 0;
  for (; shown < text.size() && out.size() - 1 < limit; ++shown) appendPrintable(out, static_cast<unsigned char>(text[shown]), true);
  out += "'";
  if (shown < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string printableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) appendPrintable(out, static_cast<unsigned char>(ch), false);
  return out;
}

}  // namespace unfold
