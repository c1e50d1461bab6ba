// The one way every reader (CSV, .npy, network JSON, sessions, lessons) gets a file's bytes: it reads at
// most `limit` bytes and refuses a larger file with a message naming it and the limit. A size reported
// by the file system is not trusted (a device such as /dev/zero reports 0 and never ends), so the
// limit is enforced on what is actually read. Works for Qt resource paths (":/...") too.
#pragma once

#include <QByteArray>

#include <cstdint>
#include <string>

namespace unfold {

// Limits of the files the app reads; stated in the commands' --help.
constexpr std::int64_t kMatrixFileLimit = std::int64_t(2) << 30;   // 2 GiB: a CSV or .npy matrix
constexpr std::int64_t kNetworkFileLimit = std::int64_t(256) << 20;  // 256 MiB: a network JSON
constexpr std::int64_t kSessionFileLimit = std::int64_t(64) << 20;   // 64 MiB: a session or lesson JSON

// Throws InputError ("PATH: no such file", "PATH: cannot open (...)", "PATH: larger than the N MiB
// limit for WHAT").
QByteArray readBoundedFile(const std::string& path, std::int64_t limit, const std::string& what);

// Human-readable size of a limit ("2 GiB", "64 MiB").
std::string byteSizeText(std::int64_t bytes);

}  // namespace unfold
