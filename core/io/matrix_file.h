// Reading and writing matrix files by extension (.csv or .npy), with the project's conventions: a
// dictionary file is D itself (n rows x m columns); a signals or codes file has one signal per row, so
// it holds X^T (N x n) or Z^T (N x m). Writes are atomic (QSaveFile): a failed write leaves no
// half-written file behind.
#pragma once

#include "base/types.h"

#include <string>

namespace unfold {

Matrix readMatrixFile(const std::string& path);
void writeMatrixFile(const std::string& path, const Matrix& matrix);
// The bytes writeMatrixFile would write (by extension; '-', standard output, is CSV).
std::string formatMatrixFile(const std::string& path, const Matrix& matrix);
std::string formatSignalsFile(const std::string& path, const Matrix& columns);  // one column per row

// Whole-file I/O shared by every writer in the app (traces, reports, JSON): reads go through the bounded
// reader (bounded_file.h; by default the network-file limit), writes are an atomic replace.
std::string readWholeFile(const std::string& path);
void writeFileAtomically(const std::string& path, const std::string& contents);

Matrix readDictionaryFile(const std::string& path);  // n x m
Matrix readSignalsFile(const std::string& path);     // returns n x N (transposed from the file)
void writeSignalsFile(const std::string& path, const Matrix& columns);  // writes one column per row

}  // namespace unfold
