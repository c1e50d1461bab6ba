// Dense matrices in NumPy's .npy format (format versions 1-3): float64 or float32, C or Fortran order,
// 1-D (read as one row) or 2-D. Writes float64 in C order, which every NumPy reads. The parser checks the
// header against the bytes that follow, so truncated or lying files are rejected with an InputError that
// names the source and the field at fault.
#pragma once

#include "base/types.h"

#include <string>
#include <string_view>

namespace unfold {

constexpr std::string_view kNpyMagic = "\x93NUMPY";  // a .npy file's first bytes

Matrix parseNpyMatrix(std::string_view bytes, const std::string& sourceName);
std::string formatNpyMatrix(const Matrix& matrix);

}  // namespace unfold
