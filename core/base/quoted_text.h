// Quoting untrusted input in messages: a field of a file can be megabytes long or hold terminal control
// sequences (ESC, BEL). Every reader quotes what it refuses through this one helper.
#pragma once

#include <string>
#include <string_view>

namespace unfold {

// 'text' in single quotes, at most about `limit` printed characters of it (then "... (N bytes)"),
// with control characters, DEL and the quote and backslash escaped (\n, \t, \r, \\, \', \xNN), bytes
// that are not UTF-8 as \xNN, and the characters that act on a terminal or reorder text (C1 controls,
// bidirectional controls) as \uNNNN.
std::string quotedInput(std::string_view text, size_t limit = 80);

// A whole message as it may reach a terminal: its control characters and DEL escaped as above, nothing
// cut and no quotes added (a file name inside it can hold ESC or a newline that would forge a line).
std::string printableText(std::string_view text);

}  // namespace unfold
