#include "experiments/digits_dataset.h"

#include "base/input_error.h"

#include <QFile>
#include <QString>

#include <mutex>

namespace unfold {

namespace {

constexpr int kPixels = 64;
constexpr const char* kResource = ":/unfoldlab/data/digits.csv";

DigitsDataset load() {
  QFile file(kResource);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
    throw InputError(std::string("cannot open the digits data set ") + kResource);
  std::vector<std::vector<double>> rows;
  std::vector<int> labels;
  int lineNumber = 0;
  while (!file.atEnd()) {
    const QString line = QString::fromLatin1(file.readLine()).trimmed();
    ++lineNumber;
    if (line.isEmpty()) continue;
    const QStringList fields = line.split(',');
    if (fields.size() != kPixels + 1)
      throw InputError("digits data set, line " + std::to_string(lineNumber) + ": expected 65 fields");
    std::vector<double> pixels(kPixels);
    for (int p = 0; p < kPixels; ++p) pixels[static_cast<size_t>(p)] = fields[p].toDouble();
    rows.push_back(std::move(pixels));
    labels.push_back(fields[kPixels].toInt());
  }
  DigitsDataset out;
  out.images.resize(kPixels, static_cast<Eigen::Index>(rows.size()));
  for (size_t j = 0; j < rows.size(); ++j)
    for (int p = 0; p < kPixels; ++p) out.images(p, static_cast<Eigen::Index>(j)) = rows[j][static_cast<size_t>(p)];
  out.labels = std::move(labels);
  return out;
}

}  // namespace

const DigitsDataset& digitsDataset() {
  static std::once_flag once;
  static DigitsDataset data;
  std::call_once(once, [] { data = load(); });
  return data;
}

}  // namespace unfold
