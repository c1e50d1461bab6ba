#include "base/quoted_text.h"

#include <cstdio>

namespace unfold {

namespace {

// The length of the UTF-8 sequence at text[i] and its code point; 0: not a valid sequence.
size_t utf8Sequence(std::string_view text, size_t i, char32_t& point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const size_t length = lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  point = lead & (0x7f >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    point = (point << 6) | (byte(i + k) & 0x3f);
  }
  const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  return point < least[length] || point > 0x10ffff || (point >= 0xd800 && point < 0xe000) ? 0 : length;
}

// Characters that act on a terminal or reorder the text around them rather than show: C1 controls
// (U+009B starts an escape sequence like ESC [) and the bidirectional controls (U+202E shows
// "txt.exe" as "exe.txt").
bool actsOnTheText(char32_t point) {
  return (point >= 0x80 && point < 0xa0) || point == 0x200e || point == 0x200f || (point >= 0x202a && point <= 0x202e) ||
         (point >= 0x2066 && point <= 0x2069);
}

// Appends the character at text[i] as printed and returns its length in bytes; `quoted`: inside quotes,
// where the quote and backslash are escaped too.
size_t appendPrintable(std::string& out, std::string_view text, size_t i, bool quoted) {
  const auto ch = static_cast<unsigned char>(text[i]);
  char escaped[16];
  switch (ch) {
    case '\n': out += "\\n"; return 1;
    case '\t': out += "\\t"; return 1;
    case '\r': out += "\\r"; return 1;
    case '\\': out += quoted ? "\\\\" : "\\"; return 1;
    case '\'': out += quoted ? "\\'" : "'"; return 1;
    default:
      if (ch < 0x20 || ch == 0x7f) {
        std::snprintf(escaped, sizeof escaped, "\\x%02x", ch);
        out += escaped;
        return 1;
      }
      if (ch < 0x80) {
        out.push_back(static_cast<char>(ch));
        return 1;
      }
  }
  char32_t point = 0;
  const size_t length = utf8Sequence(text, i, point);
  if (length == 0) {  // not UTF-8: the byte itself
    std::snprintf(escaped, sizeof escaped, "\\x%02x", ch);
    out += escaped;
    return 1;
  }
  if (actsOnTheText(point)) {
    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(point));
    out += escaped;
  } else {
    out.append(text.substr(i, length));
  }
  return length;
}

}  // namespace

std::string quotedInput(std::string_view text, size_t limit) {
  std::string out = "'";
  // The limit counts what is printed: 80 control characters print as 320, so stop at `limit` either way.
  size_t shown = 0;
  while (shown < text.size() && out.size() - 1 < limit) shown += appendPrintable(out, text, shown, true);
  out += "'";
  if (shown < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string printableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) i += appendPrintable(out, text, i, false);
  return out;
}

}  // namespace unfold
