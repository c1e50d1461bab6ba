// The UCI 8x8 handwritten digits (1,797 images, pixels 0..16), shipped as a Qt resource
// (resources/data/digits.csv, description in digits.rst). Used for digits dictionaries and signals.
#pragma once

#include "base/types.h"

#include <vector>

namespace unfold {

struct DigitsDataset {
  Matrix images;            // 64 x 1797, one image per column (row-major pixels)
  std::vector<int> labels;  // the digit shown, 0..9
};

// Loaded once and cached; throws InputError if the resource is missing or malformed.
const DigitsDataset& digitsDataset();

}  // namespace unfold
