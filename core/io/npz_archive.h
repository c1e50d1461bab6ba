// NumPy's .npz: a ZIP archive of .npy files, stored uncompressed (numpy.load reads it as a dict of arrays).
#pragma once

#include "base/types.h"

#include <string>
#include <utility>
#include <vector>

namespace unfold {

// Arrays by name (without ".npy"), float64. Throws InputError past ZIP's 4 GiB limits (no ZIP64).
std::string formatNpzArchive(const std::vector<std::pair<std::string, Matrix>>& arrays);

}  // namespace unfold
