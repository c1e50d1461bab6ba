#include "run/iterate_history.h"

#include <algorithm>

namespace unfold::ui {

IterateHistory::IterateHistory(int iterations, int inspected, int atoms)
    : capacity_(iterations + 1), inspected_(inspected), atoms_(atoms),
      codes_(static_cast<size_t>(capacity_) * inspected * atoms), lsOverL_(static_cast<size_t>(capacity_) * inspected),
      rejected_(static_cast<size_t>(capacity_) * inspected) {}

int IterateHistory::supportSize(int t, int signal) const {
  const double* z = codes_.data() + index(t, signal) * atoms_;
  return static_cast<int>(std::count_if(z, z + atoms_, [](double v) { return v != 0.0; }));
}

bool IterateHistory::signsChanged(int t, int signal) const {
  const double* now = codes_.data() + index(t, signal) * atoms_;
  const double* before = codes_.data() + index(t - 1, signal) * atoms_;
  const auto sign = [](double v) { return (v > 0.0) - (v < 0.0); };
  for (int i = 0; i < atoms_; ++i)
    if (sign(now[i]) != sign(before[i])) return true;
  return false;
}

void IterateHistory::record(int t, int signal, const double* z, double ratio, bool rejected) {
  if (t < 0 || t >= capacity_) return;  // a solver that runs past its budget records nothing more
  std::copy(z, z + atoms_, codes_.begin() + index(t, signal) * atoms_);
  lsOverL_[static_cast<size_t>(index(t, signal))] = ratio;
  rejected_[static_cast<size_t>(index(t, signal))] = rejected ? 1 : 0;
}

}  // namespace unfold::ui
