// The one way every reader (CSV, .npy, network JSON, sessions, lessons) gets a file's bytes: it reads at
// most `limit` bytes and refuses a larger file with a message naming it and the limit. A size reported
// by the file system is not trusted (a device such as /dev/zero reports 0 and never ends), so the
// limit is enforced on what is actually read. Works for Qt resource paths (":/...") too.
#pragma once

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace unfold {

// Limits of the files the app reads; stated in the commands' --help.
constexpr std::int64_t kMatrixFileLimit = std::int64_t(2) << 30;   // 2 GiB: a CSV or .npy matrix
constexpr std::int64_t kNetworkFileLimit = std::int64_t(256) << 20;  // 256 MiB: a network JSON
// A session holds its trained networks: as much as one network file (a 20-layer LISTA for the paper's
// n = 64, m = 256 is 36 MB).
constexpr std::int64_t kSessionFileLimit = kNetworkFileLimit;  // a session or lesson JSON

// Looks at the bytes read so far each time a piece arrives (`from`: where the new piece starts) and throws
// InputError to stop: a device or a file of the wrong kind is refused in its first MiB, not at the limit.
using ReadCheck = std::function<void(std::string_view bytes, std::int64_t from)>;

// Throws InputError ("PATH: no such file", "PATH: cannot open (...)", "PATH: larger than the N MiB
// limit for WHAT", or what `check` throws).
QByteArray readBoundedFile(const std::string& path, std::int64_t limit, const std::string& what, const ReadCheck& check = {});

// A ReadCheck for text (CSV, JSON): no text file holds a NUL byte ("PATH: byte N is NUL: not a text file").
ReadCheck textOnly(const std::string& path);
void refuseNulBytes(std::string_view bytes, std::int64_t from, const std::string& path);

// Human-readable size of a limit ("2 GiB", "64 MiB").
std::string byteSizeText(std::int64_t bytes);

}  // namespace unfold
