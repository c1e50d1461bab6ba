// The header of a .npy file: a Python dict literal such as
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
// parsed exactly as strictly as numpy does (numpy evaluates it with ast.literal_eval and then requires
// exactly these three keys): a missing '{', junk after '}', an extra or missing key, a shape that is not
// a tuple of non-negative integers ("(10,,20)", "(10)"), an unterminated string are all refused, with a
// message naming the file and the field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unfold {

struct NpyHeader {
  std::string descr;  // "<f8"
  bool fortranOrder = false;
  std::vector<long long> shape;
};

// Throws InputError.
NpyHeader parseNpyHeader(std::string_view header, const std::string& source);

}  // namespace unfold
