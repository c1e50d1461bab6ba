// The _data() rows of a test that runs every iterative solver: one row per algorithm, named and valued by
// its command-line name ("ista", "fista", "oista", "ista-bt").
#pragma once

#include "lasso/solver.h"

#include <QtTest>

inline void addAlgorithmRows(const char* column) {
  QTest::addColumn<QString>(column);
  for (unfold::Algorithm algorithm : {unfold::Algorithm::Ista, unfold::Algorithm::Fista, unfold::Algorithm::Oista,
                                      unfold::Algorithm::IstaBacktracking}) {
    const std::string name = unfold::algorithmName(algorithm);
    QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
}
