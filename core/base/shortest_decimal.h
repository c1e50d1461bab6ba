// A number as a person typed it, for messages and generated text: the shortest decimal that reads back
// as the same double (0.3, not 0.29999999999999999 as %.17g prints it). Data files keep %.17g.
#pragma once

#include <charconv>
#include <string>

namespace unfold {

inline std::string shortestDecimal(double value) {
  char digits[32];
  return std::string(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

}  // namespace unfold
