#include "io/csv_matrix.h"

#include "base/input_error.h"
#include "base/quoted_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace unfold {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string where(const std::string& source, size_t line, size_t column) {
  return source + ", line " + std::to_string(line) + ", column " + std::to_string(column);
}

// One field as a double: the whole field, at most one leading sign ('+' or '-'), no NaN or Inf. A number
// too small for a double (1e-400) is legal and reads as the nearest double (0 or a subnormal); a number
// too large (1e400) is refused.
double parseField(std::string_view field, const std::string& source, size_t line, size_t column) {
  std::string_view digits = field;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  const bool signOk = !(digits.size() < field.size() && !digits.empty() && digits.front() == '-');  // "+-1"
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const bool whole = ptr == digits.data() + digits.size();
  if (field.empty() || !signOk || !whole || (ec != std::errc() && ec != std::errc::result_out_of_range))
    throw InputError(where(source, line, column) + ": not a number " + quotedInput(field));
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports underflow and overflow alike; strtod tells them apart (HUGE_VAL on overflow).
    value = std::strtod(std::string(digits).c_str(), nullptr);
    if (std::isinf(value)) throw InputError(where(source, line, column) + ": number out of range " + quotedInput(field));
  }
  if (!std::isfinite(value)) throw InputError(where(source, line, column) + ": NaN or Inf is not allowed");
  return value;
}

}  // namespace

Matrix parseCsvMatrix(std::string_view text, const std::string& source) {
  std::vector<double> values;
  size_t columns = 0, rows = 0, lineNumber = 0;
  size_t lastDataLine = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++lineNumber;
    if (line.empty()) continue;
    if (lastDataLine != 0 && lastDataLine + 1 != lineNumber)
      throw InputError(source + ", line " + std::to_string(lineNumber - 1) + ": empty line inside the data");
    lastDataLine = lineNumber;
    size_t column = 0;
    while (true) {
      const size_t comma = line.find(',');
      const std::string_view field = trim(line.substr(0, comma));
      ++column;
      values.push_back(parseField(field, source, lineNumber, column));
      if (comma == std::string_view::npos) break;
      line = line.substr(comma + 1);
    }
    if (rows == 0) {
      columns = column;
    } else if (column != columns) {
      throw InputError(source + ", line " + std::to_string(lineNumber) + ": ragged row with " +
                       std::to_string(column) + " values, expected " + std::to_string(columns));
    }
    ++rows;
  }
  if (rows == 0) throw InputError(source + ": empty file (no numbers)");
  Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(columns));
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < columns; ++c)
      out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = values[r * columns + c];
  return out;
}

std::string formatCsvMatrix(const Matrix& matrix) {
  std::string out;
  out.reserve(static_cast<size_t>(matrix.size()) * 24);
  char buffer[40];
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) {
      const int length = std::snprintf(buffer, sizeof buffer, "%.17g", matrix(r, c));
      if (c > 0) out.push_back(',');
      out.append(buffer, static_cast<size_t>(length));
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace unfold
