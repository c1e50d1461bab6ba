#include "io/npz_archive.h"

#include "base/input_error.h"
#include "io/npy_matrix.h"

#include <array>
#include <cstdint>
#include <limits>

namespace unfold {

namespace {

// CRC-32 (IEEE 802.3, reflected), as ZIP stores it for every member.
std::uint32_t crc32(const std::string& bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (const unsigned char byte : bytes) c = table[(c ^ byte) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// The fields a local header and its central-directory entry share, from "version needed" to the name length.
void putCommonFields(std::string& out, std::uint32_t crc, std::uint32_t size, const std::string& name) {
  put16(out, 20);       // version needed to extract: 2.0
  put16(out, 0);        // flags
  put16(out, 0);        // method: stored
  put16(out, 0);        // time
  put16(out, 0x21);     // date: 1980-01-01
  put32(out, crc);
  put32(out, size);     // compressed
  put32(out, size);     // uncompressed
  put16(out, static_cast<std::uint32_t>(name.size()));
}

}  // namespace

std::string formatNpzArchive(const std::vector<std::pair<std::string, Matrix>>& arrays) {
  std::string archive, directory;
  for (const auto& [name, matrix] : arrays) {
    const std::string file = name + ".npy";
    const std::string bytes = formatNpyMatrix(matrix);
    if (bytes.size() >= std::numeric_limits<std::uint32_t>::max() || archive.size() + bytes.size() >= std::numeric_limits<std::uint32_t>::max())
      throw InputError(".npz: the array " + name + " takes the archive past 4 GiB");
    const std::uint32_t crc = crc32(bytes), size = static_cast<std::uint32_t>(bytes.size());
    const auto offset = static_cast<std::uint32_t>(archive.size());
    put32(archive, 0x04034b50);
    putCommonFields(archive, crc, size, file);
    put16(archive, 0);  // extra field length
    archive += file;
    archive += bytes;
    put32(directory, 0x02014b50);
    put16(directory, 20);  // made by: 2.0
    putCommonFields(directory, crc, size, file);
    for (int k = 0; k < 4; ++k) put16(directory, 0);  // extra, comment, disk, internal attributes
    put32(directory, 0);                               // external attributes
    put32(directory, offset);
    directory += file;
  }
  const auto directoryOffset = static_cast<std::uint32_t>(archive.size());
  archive += directory;
  put32(archive, 0x06054b50);
  put16(archive, 0);
  put16(archive, 0);
  put16(archive, static_cast<std::uint32_t>(arrays.size()));
  put16(archive, static_cast<std::uint32_t>(arrays.size()));
  put32(archive, static_cast<std::uint32_t>(directory.size()));
  put32(archive, directoryOffset);
  put16(archive, 0);  // comment length
  return archive;
}

}  // namespace unfold
