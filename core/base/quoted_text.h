// Quoting untrusted input in messages: a field of a file can be megabytes long or hold terminal control
// sequences (ESC, BEL). Every reader quotes what it refuses through this one helper.
#pragma once

#include <string>
#include <string_view>

namespace unfold {

// 'text' in single quotes, at most about `limit` printed characters of it (then "... (N bytes)"),
// with control characters, DEL and the quote and backslash escaped (\n, \t, \r, \\, \', \xNN).
std::string quotedInput(std::string_view text, size_t limit = 80);

}  // namespace unfold
