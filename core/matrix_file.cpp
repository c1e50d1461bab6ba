#include "matrix_file.h"

#include "csv_matrix.h"
#include "input_error.h"
#include "npy_matrix.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

namespace unfold {

namespace {

enum class Format { Csv, Npy };

Format formatOf(const std::string& path) {
  const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
  if (suffix == "csv") return Format::Csv;
  if (suffix == "npy") return Format::Npy;
  throw InputError(path + ": unknown file type (use a .csv or .npy file)");
}

}  // namespace

std::string readWholeFile(const std::string& path) {
  QFile file(QString::fromStdString(path));
  if (!file.exists()) throw InputError(path + ": no such file");
  if (!file.open(QIODevice::ReadOnly)) throw InputError(path + ": cannot open (" + file.errorString().toStdString() + ")");
  const QByteArray bytes = file.readAll();
  return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

void writeFileAtomically(const std::string& path, const std::string& contents) {
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly))
    throw InputError(path + ": cannot write (" + file.errorString().toStdString() + ")");
  if (file.write(contents.data(), static_cast<qint64>(contents.size())) != static_cast<qint64>(contents.size()) ||
      !file.commit())
    throw InputError(path + ": write failed (" + file.errorString().toStdString() + ")");
}

Matrix readMatrixFile(const std::string& path) {
  const Format format = formatOf(path);
  const std::string bytes = readWholeFile(path);
  return format == Format::Csv ? parseCsvMatrix(bytes, path) : parseNpyMatrix(bytes, path);
}

void writeMatrixFile(const std::string& path, const Matrix& matrix) {
  const Format format = formatOf(path);
  writeFileAtomically(path, format == Format::Csv ? formatCsvMatrix(matrix) : formatNpyMatrix(matrix));
}

Matrix readDictionaryFile(const std::string& path) { return readMatrixFile(path); }

Matrix readSignalsFile(const std::string& path) { return readMatrixFile(path).transpose(); }

void writeSignalsFile(const std::string& path, const Matrix& columns) {
  writeMatrixFile(path, columns.transpose());
}

}  // namespace unfold
