// Running a headless command in-process for the CLI tests: its exit code and what it printed.
#pragma once

#include "commands.h"

#include <QString>
#include <QTemporaryDir>
#include <QStringList>

#include <sstream>

struct Run {
  int code = -1;
  QString out, err;
};

inline Run run(const QStringList& arguments) {
  std::ostringstream out, err;
  Run r;
  r.code = unfold::cli::runCommandLine(arguments, out, err);
  r.out = QString::fromStdString(out.str());
  r.err = QString::fromStdString(err.str());
  return r;
}

// The files the CLI tests work on, generated once per test executable into a temporary folder:
// D.csv (10 x 50, Gaussian), X.csv (40 signals) and X_test.csv (10), seed 0; test classes derive from it
// next to QObject.
class GeneratedProblem {
 public:
  // Empty, or why generate failed.
  QString generateProblem() const {
    const Run r = run({"generate", "--dict", "gaussian", "--n", "10", "--m", "50", "--signals", "40", "--test", "10",
                       "--seed", "0", "--out", dir_.path()});
    return r.code == 0 && r.out.contains("D is 10 x 50") ? QString() : r.out + r.err;
  }
  QString path(const QString& name) const { return dir_.path() + "/" + name; }
  QString folder() const { return dir_.path(); }

 private:
  QTemporaryDir dir_;
};
