#include "npy_matrix.h"

#include "input_error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace unfold {

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

[[noreturn]] void fail(const std::string& source, const std::string& message) {
  throw InputError(source + ": " + message);
}

// The value of `key` in the header's Python dict literal, up to the next top-level ',' or '}'.
std::string_view dictValue(std::string_view header, std::string_view key, const std::string& source) {
  std::string quoted1(1, '\'');
  quoted1.append(key).push_back('\'');
  std::string quoted2(1, '"');
  quoted2.append(key).push_back('"');
  size_t at = header.find(quoted1);
  size_t keyLength = quoted1.size();
  if (at == std::string_view::npos) at = header.find(quoted2);
  if (at == std::string_view::npos) fail(source, "the .npy header has no '" + std::string(key) + "' field");
  size_t pos = header.find(':', at + keyLength);
  if (pos == std::string_view::npos) fail(source, "malformed .npy header near '" + std::string(key) + "'");
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  size_t end = pos;
  int depth = 0;
  while (end < header.size()) {
    const char ch = header[end];
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (depth == 0 && (ch == ',' || ch == '}')) break;
    if (depth < 0) break;
    ++end;
  }
  if (end >= header.size()) fail(source, "malformed .npy header: the '" + std::string(key) + "' field is not terminated");
  std::string_view value = header.substr(pos, end - pos);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return value;
}

std::vector<long long> parseShape(std::string_view value, const std::string& source) {
  if (value.size() < 2 || value.front() != '(' || value.back() != ')')
    fail(source, "malformed .npy header: shape " + std::string(value) + " is not a tuple");
  std::vector<long long> dims;
  std::string_view inner = value.substr(1, value.size() - 2);
  while (!inner.empty()) {
    const size_t comma = inner.find(',');
    std::string_view item = inner.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == 'L')) item.remove_suffix(1);
    if (!item.empty()) {
      long long dim = 0;
      for (char ch : item) {
        if (ch < '0' || ch > '9' || dim > (1LL << 40))
          fail(source, "malformed .npy header: bad dimension '" + std::string(item) + "' in shape");
        dim = dim * 10 + (ch - '0');
      }
      dims.push_back(dim);
    }
    if (comma == std::string_view::npos) break;
    inner = inner.substr(comma + 1);
  }
  return dims;
}

template <typename T>
T readScalar(const char* p, bool swap) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  if (swap) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    for (size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    std::memcpy(&value, bytes, sizeof(T));
  }
  return value;
}

}  // namespace

Matrix parseNpyMatrix(std::string_view bytes, const std::string& source) {
  if (bytes.empty()) fail(source, "empty file");
  if (bytes.substr(0, std::min(bytes.size(), kMagic.size())) != kMagic.substr(0, std::min(bytes.size(), kMagic.size())))
    fail(source, "not a .npy file (bad magic string)");
  if (bytes.size() < 10) fail(source, "truncated .npy header");
  const auto major = static_cast<unsigned char>(bytes[6]);
  size_t headerLength = 0, headerStart = 0;
  if (major == 1) {
    headerLength = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail(source, "truncated .npy header");
    headerLength = 0;
    for (int i = 3; i >= 0; --i) headerLength = (headerLength << 8) | static_cast<unsigned char>(bytes[8 + i]);
    headerStart = 12;
  } else {
    fail(source, "unsupported .npy format version " + std::to_string(major));
  }
  if (headerStart + headerLength > bytes.size())
    fail(source, "truncated .npy header (it claims " + std::to_string(headerLength) + " bytes)");
  const std::string_view header = bytes.substr(headerStart, headerLength);

  std::string_view descr = dictValue(header, "descr", source);
  if (descr.size() < 2 || (descr.front() != '\'' && descr.front() != '"'))
    fail(source, "malformed .npy header: descr " + std::string(descr));
  descr = descr.substr(1, descr.size() - 2);
  size_t itemSize = 0;
  bool bigEndian = false;
  if (descr == "<f8" || descr == "=f8" || descr == ">f8") itemSize = 8;
  else if (descr == "<f4" || descr == "=f4" || descr == ">f4") itemSize = 4;
  else fail(source, "unsupported dtype '" + std::string(descr) + "' (only float64 and float32)");
  bigEndian = descr.front() == '>';
  const bool swap = bigEndian != (std::endian::native == std::endian::big);

  const std::string_view order = dictValue(header, "fortran_order", source);
  if (order != "True" && order != "False")
    fail(source, "malformed .npy header: fortran_order is " + std::string(order));
  const bool fortran = order == "True";

  const std::vector<long long> shape = parseShape(dictValue(header, "shape", source), source);
  long long rows = 0, cols = 0;
  if (shape.size() == 1) {
    rows = 1;
    cols = shape[0];
  } else if (shape.size() == 2) {
    rows = shape[0];
    cols = shape[1];
  } else {
    fail(source, "expected a 1-D or 2-D array, the header says " + std::to_string(shape.size()) + "-D");
  }
  if (rows == 0 || cols == 0) fail(source, "empty array (shape has a zero dimension)");

  const size_t dataStart = headerStart + headerLength;
  const auto expected = static_cast<unsigned long long>(rows) * static_cast<unsigned long long>(cols) * itemSize;
  const size_t available = bytes.size() - dataStart;
  if (available < expected)
    fail(source, "truncated data: shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ") needs " +
                     std::to_string(expected) + " bytes but " + std::to_string(available) + " follow the header");
  if (available > expected)
    fail(source, "the header does not match the data: shape (" + std::to_string(rows) + ", " + std::to_string(cols) +
                     ") needs " + std::to_string(expected) + " bytes but " + std::to_string(available) + " follow");

  Matrix out(rows, cols);
  const char* data = bytes.data() + dataStart;
  for (long long k = 0; k < rows * cols; ++k) {
    const double value = itemSize == 8 ? readScalar<double>(data + k * 8, swap)
                                       : static_cast<double>(readScalar<float>(data + k * 4, swap));
    const long long r = fortran ? k % rows : k / cols;
    const long long c = fortran ? k / rows : k % cols;
    if (!std::isfinite(value))
      fail(source, "NaN or Inf at row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1));
    out(r, c) = value;
  }
  return out;
}

std::string formatNpyMatrix(const Matrix& matrix) {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                       std::to_string(matrix.rows()) + ", " + std::to_string(matrix.cols()) + "), }";
  // Pad with spaces so that the data starts on a 64-byte boundary, ending with '\n' (format 1.0).
  const size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out(kMagic);
  out.push_back('\x01');
  out.push_back('\x00');
  out.push_back(static_cast<char>(header.size() & 0xff));
  out.push_back(static_cast<char>((header.size() >> 8) & 0xff));
  out += header;
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = matrix;
  static_assert(std::endian::native == std::endian::little, "writer assumes a little-endian host");
  out.append(reinterpret_cast<const char*>(rowMajor.data()), static_cast<size_t>(rowMajor.size()) * sizeof(double));
  return out;
}

}  // namespace unfold
