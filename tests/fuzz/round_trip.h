// The property every file reader is fuzzed for: any input either loads or is refused with an InputError
// whose message stays short (untrusted text is quoted, not echoed); what loads writes back and reads
// again to the same value. A broken property aborts, which libFuzzer reports as a finding.
#pragma once

#include "base/input_error.h"
#include "base/types.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>

// parse(text, sourceName) -> Value, format(Value) -> text, same(Value, Value) -> bool.
template <typename Parse, typename Format, typename Same>
int loadsOrIsRefusedShortly(const std::uint8_t* data, std::size_t size, const std::string& extension, Parse parse,
                            Format format, Same same) {
  using Value = std::invoke_result_t<Parse, const std::string&, const std::string&>;
  const std::string input(reinterpret_cast<const char*>(data), size);
  Value value;
  try {
    value = parse(input, "fuzz." + extension);
  } catch (const unfold::InputError& e) {
    if (std::string_view(e.what()).size() > 400) std::abort();
    return 0;
  }
  if (!same(parse(format(value), "again." + extension), value)) std::abort();
  return 0;
}

inline bool sameBits(const unfold::Matrix& a, const unfold::Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}
