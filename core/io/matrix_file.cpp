#include "io/matrix_file.h"

#include "base/input_error.h"
#include "io/bounded_file.h"
#include "io/csv_matrix.h"
#include "io/npy_matrix.h"
#include "io/output_files.h"

#include <QFileInfo>
#include <QString>

#include <iostream>
#include <optional>
#include <sys/stat.h>

namespace unfold {

namespace {

enum class Format { Csv, Npy };

QString suffixOf(const std::string& path) { return QFileInfo(QString::fromStdString(path)).suffix().toLower(); }

// '-', the names of descriptors the process has open (/dev/stdout, /dev/fd/N, /proc/self/fd/N: whatever
// the shell redirected, a file too) and what is not a regular file or a folder (a FIFO, a device): a stream, whose
// name says no type. Other names under /dev are files as any (/dev/shm/out).
bool isStream(const std::string& path) {
  if (path == "-" || descriptorAlias(path) >= 0) return true;
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode);
}

// By the name's type; a stream without one is CSV when written (text through a pipe; a reader finds the
// type in its first bytes), nullopt: no matrix file type.
std::optional<Format> formatOfName(const std::string& path) {
  const QString suffix = suffixOf(path);
  if (suffix == "csv") return Format::Csv;
  if (suffix == "npy") return Format::Npy;
  if (suffix.isEmpty() && isStream(path)) return Format::Csv;
  return std::nullopt;
}

Format formatOf(const std::string& path) {
  if (const auto format = formatOfName(path)) return *format;
  throw InputError(path + ": unknown file type (use a .csv or .npy file)");
}

}  // namespace

std::string readWholeFile(const std::string& path) {
  const QByteArray bytes = readBoundedFile(path, kNetworkFileLimit, "a network or text file", textOnly(path));
  return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

void writeFileAtomically(const std::string& path, const std::string& contents) {
  // Through the output plan, as every command's outputs: a regular file is replaced, never a link or a
  // device's node ('-' and /dev/stdout are standard output), and the temporary file is registered, so a
  // signal in the middle leaves none behind.
  OutputFiles files(std::cout);
  files.addOutput("", path);
  files.check();
  files.write(path, contents);
  files.commit();
}

Matrix readMatrixFile(const std::string& path) {
  Format format = formatOf(path);
  const bool named = !suffixOf(path).isEmpty();
  // A CSV holds no NUL byte and a .npy file starts with its magic string: a device or a file of the wrong
  // kind is refused as its first piece arrives, not at the 2 GiB limit. A stream says its type by its
  // first bytes.
  const auto check = [&](std::string_view bytes, std::int64_t from) {
    const std::string_view head = bytes.substr(0, kNpyMagic.size());
    const bool maybeNpy = kNpyMagic.starts_with(head);
    if (format == Format::Npy && named && !maybeNpy) throw InputError(path + ": not a .npy file (bad magic string)");
    if (format == Format::Csv && (named || !maybeNpy)) refuseNulBytes(bytes, from, path);
  };
  const QByteArray read = readBoundedFile(path, kMatrixFileLimit, "a matrix file", check);
  const std::string_view bytes(read.constData(), static_cast<size_t>(read.size()));
  // A stream cut inside the magic string is a truncated .npy file (its first byte, 0x93, begins no text).
  if (!named && !bytes.empty() && kNpyMagic.starts_with(bytes.substr(0, kNpyMagic.size()))) format = Format::Npy;
  return format == Format::Csv ? parseCsvMatrix(bytes, path) : parseNpyMatrix(bytes, path);
}

void checkMatrixFileName(const std::string& flag, const std::string& path) {
  if (!formatOfName(path)) throw InputError(flag + " " + path + ": unknown file type (use a .csv or .npy file)");
}

void checkTableFileName(const std::string& flag, const std::string& path) {
  const QString suffix = suffixOf(path);
  if (suffix == "npy" || suffix == "npz")
    throw InputError(flag + " " + path + ": this output is a CSV table, not a NumPy file (name it .csv)");
}

void checkJsonFileName(const std::string& flag, const std::string& path) {
  const QString suffix = suffixOf(path);
  if (suffix == "csv" || suffix == "npy" || suffix == "npz")
    throw InputError(flag + " " + path + ": this output is a network in JSON, not a ." + suffix.toStdString() + " file (name it .json)");
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
