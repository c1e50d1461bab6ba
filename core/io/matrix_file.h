// Reading and writing matrix files by extension (.csv or .npy), with the project's conventions: a
// dictionary file is D itself (n rows x m columns); a signals or codes file has one signal per row, so
// it holds X^T (N x n) or Z^T (N x m). A stream ('-', /dev/stdout, a FIFO, /dev/fd/N) is CSV when written,
// and read as what its first bytes say. Writes are atomic (writeFileAtomically): a failed write leaves
// no half-written file behind.
#pragma once

#include "base/types.h"

#include <string>

namespace unfold {

Matrix readMatrixFile(const std::string& path);
void writeMatrixFile(const std::string& path, const Matrix& matrix);
// The bytes writeMatrixFile would write (by extension; '-', standard output, is CSV).
std::string formatMatrixFile(const std::string& path, const Matrix& matrix);
std::string formatSignalsFile(const std::string& path, const Matrix& columns);  // one column per row

// For a command to refuse, before any work, an output name whose type its contents would not have
// (InputError naming `flag`): a matrix must be .csv, .npy or a stream; a table (a trace, a report) is CSV
// text, so not .npy or .npz, whose readers would fail on it; a network is JSON.
void checkMatrixFileName(const std::string& flag, const std::string& path);
void checkTableFileName(const std::string& flag, const std::string& path);
void checkJsonFileName(const std::string& flag, const std::string& path);  // a network: not .csv, .npy, .npz

// Whole-file I/O shared by every writer in the app (traces, reports, JSON): reads go through the bounded
// reader (bounded_file.h; by default the network-file limit), writes are an atomic replace.
std::string readWholeFile(const std::string& path);
void writeFileAtomically(const std::string& path, const std::string& contents);

Matrix readDictionaryFile(const std::string& path);  // n x m
Matrix readSignalsFile(const std::string& path);     // returns n x N (transposed from the file)
void writeSignalsFile(const std::string& path, const Matrix& columns);  // writes one column per row

}  // namespace unfold
