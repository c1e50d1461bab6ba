// Reading the inputs every subcommand shares: D, a batch of signals checked against D, and codes files
// checked against both, with errors that name the files.
#pragma once

#include "base/types.h"

#include <string>

namespace unfold::cli {

Matrix readDictionary(const std::string& path);  // n x m, finite
// One signal per row in the file; returned as n x N. Checks the dimension against D and the values.
Matrix readSignalsFor(const Matrix& D, const std::string& dictPath, const std::string& path);
// One code per row in the file; returned as m x N. Checks the size against D and the signal count.
Matrix readCodesFor(const Matrix& D, Eigen::Index signalCount, const std::string& path);

}  // namespace unfold::cli
