#include "io/matrix_file.h"

#include "base/input_error.h"
#include "io/bounded_file.h"
#include "io/csv_matrix.h"
#include "io/npy_matrix.h"
#include "io/output_files.h"

#include <QFileInfo>
#include <QString>

#include <sstream>

namespace unfold {

namespace {

enum class Format { Csv, Npy };

Format formatOf(const std::string& path) {
  if (path == "-") return Format::Csv;
  const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
  if (suffix == "csv") return Format::Csv;
  if (suffix == "npy") return Format::Npy;
  throw InputError(path + ": unknown file type (use a .csv or .npy file)");
}

}  // namespace

std::string readWholeFile(const std::string& path) {
  const QByteArray bytes = readBoundedFile(path, kNetworkFileLimit, "a network or text file");
  return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

void writeFileAtomically(const std::string& path, const std::string& contents) {
  // Through the output plan, as every command's outputs: a regular file is replaced, never a link or a
  // device's node, and the temporary file is registered, so a signal in the middle leaves none behind.
  std::ostringstream unused;  // '-' is a file name here, not standard output
  OutputFiles files(unused);
  files.addOutput("", path == "-" ? "./-" : path);
  files.check();
  files.write(path == "-" ? "./-" : path, contents);
  files.commit();
}

Matrix readMatrixFile(const std::string& path) {
  const Format format = formatOf(path);
  const QByteArray read = readBoundedFile(path, kMatrixFileLimit, "a matrix file");
  const std::string_view bytes(read.constData(), static_cast<size_t>(read.size()));
  return format == Format::Csv ? parseCsvMatrix(bytes, path) : parseNpyMatrix(bytes, path);
}

std::string formatMatrixFile(const std::string& path, const Matrix& matrix) {
  return formatOf(path) == Format::Csv ? formatCsvMatrix(matrix) : formatNpyMatrix(matrix);
}

std::string formatSignalsFile(const std::string& path, const Matrix& columns) {
  return formatMatrixFile(path, columns.transpose());
}

void writeMatrixFile(const std::string& path, const Matrix& matrix) {
  writeFileAtomically(path, formatMatrixFile(path, matrix));
}

Matrix readDictionaryFile(const std::string& path) { return readMatrixFile(path); }

Matrix readSignalsFile(const std::string& path) { return readMatrixFile(path).transpose(); }

void writeSignalsFile(const std::string& path, const Matrix& columns) {
  writeMatrixFile(path, columns.transpose());
}

}  // namespace unfold
