// Equal bins of log10(value) for histograms of quantities that span decades (a network's gaps on test
// signals and on attacked ones): both series counted in the same bins.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace unfold {

class LogBins {
 public:
  // `perDecade` bins a decade covering every positive value given (at least one decade). A value <= 0 or
  // not finite counts in the first bin.
  LogBins(const std::vector<double>& values, int perDecade = 2) : perDecade_(perDecade) {
    double low = INFINITY, high = -INFINITY;
    for (double v : values)
      if (v > 0 && std::isfinite(v)) low = std::min(low, std::log10(v)), high = std::max(high, std::log10(v));
    if (!std::isfinite(low)) low = high = 0.0;
    lowLog_ = low;
    highLog_ = high;
    first_ = std::floor(low * perDecade_) / perDecade_;
    count_ = std::max(perDecade_, static_cast<int>(std::floor(high * perDecade_) - first_ * perDecade_) + 1);
  }
  // As fine as the values' spread asks: the fewest bins a decade (2, 4, 5, 10 or 20) that put them in
  // at least `spanned` bins. A trained network's gaps may all lie within one decade, where half decades
  // make two or three bars of a histogram.
  static LogBins forSpread(const std::vector<double>& values, int spanned = 8) {
    for (int perDecade : {2, 4, 5, 10}) {
      LogBins bins(values, perDecade);
      if (std::floor(bins.highLog_ * perDecade) - std::floor(bins.lowLog_ * perDecade) + 1 >= spanned) return bins;
    }
    return LogBins(values, 20);
  }
  int count() const { return count_; }
  int perDecade() const { return perDecade_; }
  double width() const { return 1.0 / perDecade_; }          // in decades
  double lowEdge(int bin) const { return first_ + bin * width(); }  // log10
  double centre(int bin) const { return lowEdge(bin) + width() / 2; }
  int binOf(double value) const {
    if (!(value > 0) || !std::isfinite(value)) return 0;
    const int bin = static_cast<int>(std::floor((std::log10(value) - first_) * perDecade_));
    return std::clamp(bin, 0, count_ - 1);
  }
  std::vector<int> counts(const std::vector<double>& values) const {
    std::vector<int> out(static_cast<size_t>(count_), 0);
    for (double v : values) ++out[static_cast<size_t>(binOf(v))];
    return out;
  }

 private:
  int perDecade_;
  double lowLog_ = 0.0, highLog_ = 0.0;  // log10 of the smallest and largest positive value
  double first_ = 0.0;
  int count_ = 1;
};

}  // namespace unfold
