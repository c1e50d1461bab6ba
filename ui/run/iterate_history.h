// The iterates of the inspected signals under one solver (codes z_t, L_S/L, and whether OISTA's oracle
// step was rejected), for the support and L_S/L plots. Allocated once for the whole run and filled one
// iteration at a time by the solver's thread: every snapshot shares it and reads only the iterations
// recorded before the snapshot was taken, while the solver writes later ones. So every snapshot can
// carry the iterates at no cost, and every plot draws the same t.
#pragma once

#include <QtGlobal>

#include <vector>

namespace unfold::ui {

// The support and L_S/L plots can inspect the first signals only (their iterates are kept).
constexpr int kInspectedSignalLimit = 50;

class IterateHistory {
 public:
  IterateHistory(int iterations, int inspected, int atoms);

  int inspected() const { return inspected_; }
  int atoms() const { return atoms_; }
  int capacity() const { return capacity_; }  // iterates t = 0..T

  double code(int t, int signal, int atom) const { return codes_[index(t, signal) * atoms_ + atom]; }
  double lsOverL(int t, int signal) const { return lsOverL_[index(t, signal)]; }
  bool rejected(int t, int signal) const { return rejected_[index(t, signal)] != 0; }
  int supportSize(int t, int signal) const;
  // Whether the signs of z_t (its support and their signs) differ from those of z_{t-1}; t >= 1.
  bool signsChanged(int t, int signal) const;

  // The solver's thread, once per (t, signal), before a snapshot counts t as recorded.
  void record(int t, int signal, const double* z, double ratio, bool rejected);

 private:
  qsizetype index(int t, int signal) const { return static_cast<qsizetype>(t) * inspected_ + signal; }

  int capacity_, inspected_, atoms_;
  std::vector<double> codes_, lsOverL_;
  std::vector<char> rejected_;
};

}  // namespace unfold::ui
