// Dense matrices as CSV text: comma separated, no header, one matrix row per line, numbers written with
// %.17g so that they read back bit-exactly. The parser rejects what would silently corrupt a run (ragged
// rows, non-numbers, NaN/Inf, empty input) with an InputError naming the source, line and column.
#pragma once

#include "base/types.h"

#include <string>
#include <string_view>

namespace unfold {

Matrix parseCsvMatrix(std::string_view text, const std::string& sourceName);
std::string formatCsvMatrix(const Matrix& matrix);

}  // namespace unfold
