#include "io/npy_matrix.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "io/npy_header.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace unfold {

namespace {


[[noreturn]] void fail(const std::string& source, const std::string& message) {
  throw InputError(source + ": " + message);
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
  if (bytes.substr(0, std::min(bytes.size(), kNpyMagic.size())) != kNpyMagic.substr(0, std::min(bytes.size(), kNpyMagic.size())))
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

  const NpyHeader parsed = parseNpyHeader(header, source);
  const std::string& descr = parsed.descr;
  size_t itemSize = 0;
  if (descr == "<f8" || descr == "=f8" || descr == ">f8") itemSize = 8;
  else if (descr == "<f4" || descr == "=f4" || descr == ">f4") itemSize = 4;
  else fail(source, "unsupported dtype " + quotedInput(descr) + " (only float64 and float32)");
  const bool bigEndian = descr.front() == '>';
  const bool swap = bigEndian != (std::endian::native == std::endian::big);
  const bool fortran = parsed.fortranOrder;

  const std::vector<long long>& shape = parsed.shape;
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
  // Checked: a shape such as (2^31, 2^31) must not wrap the byte count to something small.
  unsigned long long count = 0, expected = 0;
  if (__builtin_mul_overflow(static_cast<unsigned long long>(rows), static_cast<unsigned long long>(cols), &count) ||
      __builtin_mul_overflow(count, static_cast<unsigned long long>(itemSize), &expected) ||
      count > static_cast<unsigned long long>(Eigen::Index(-1) >> 1) / 8)
    fail(source, "the shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ") is too large (its byte count overflows)");
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
  std::string out(kNpyMagic);
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
