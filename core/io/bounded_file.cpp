#include "io/bounded_file.h"

#include "base/input_error.h"

#include <QFile>
#include <QString>

#include <algorithm>

namespace unfold {

std::string byteSizeText(std::int64_t bytes) {
  if (bytes >= (std::int64_t(1) << 30) && bytes % (std::int64_t(1) << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (std::int64_t(1) << 20) && bytes % (std::int64_t(1) << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

void refuseNulBytes(std::string_view bytes, std::int64_t from, const std::string& path) {
  const size_t nul = bytes.find('\0', static_cast<size_t>(from));
  if (nul != std::string_view::npos)
    throw InputError(path + ": byte " + std::to_string(nul + 1) + " is NUL: not a text file");
}

ReadCheck textOnly(const std::string& path) {
  return [path](std::string_view bytes, std::int64_t from) { refuseNulBytes(bytes, from, path); };
}

QByteArray readBoundedFile(const std::string& path, std::int64_t limit, const std::string& what, const ReadCheck& check) {
  QFile file(QString::fromStdString(path == "-" ? "/dev/stdin" : path));  // '-': standard input, as for outputs
  if (!file.exists()) throw InputError(path + ": no such file");
  if (!file.open(QIODevice::ReadOnly)) throw InputError(path + ": cannot open (" + file.errorString().toStdString() + ")");
  const auto tooLarge = [&] {
    return InputError(path + ": larger than the " + byteSizeText(limit) + " limit for " + what);
  };
  // A regular file's size is known: refuse before allocating. Devices and pipes are read in chunks.
  if (!file.isSequential() && file.size() > limit) throw tooLarge();
  QByteArray bytes;
  if (!file.isSequential() && file.size() > 0) bytes.reserve(static_cast<qsizetype>(file.size()));
  constexpr qint64 kChunk = 1 << 20;
  while (true) {
    const qint64 room = std::min<qint64>(kChunk, limit + 1 - bytes.size());
    const qsizetype before = bytes.size();
    bytes.resize(before + static_cast<qsizetype>(room));
    const qint64 n = file.read(bytes.data() + before, room);
    if (n < 0) throw InputError(path + ": read failed (" + file.errorString().toStdString() + ")");
    bytes.resize(before + static_cast<qsizetype>(n));
    if (bytes.size() > limit) throw tooLarge();
    if (n == 0) break;
    if (check) check(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())), before);
  }
  return bytes;
}

}  // namespace unfold
