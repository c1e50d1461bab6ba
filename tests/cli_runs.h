// Running a headless command in-process for the CLI tests: its exit code and what it printed.
#pragma once

#include "commands.h"

#include <QString>
#include <QTest>
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

// A test class of the command line: the files its tests work on are generated before the first one into a
// temporary folder: D.csv (10 x 50, Gaussian), X.csv (40 signals) and X_test.csv (10), seed 0.
class CliTestCase : public QObject {
  Q_OBJECT

 protected:
  QString path(const QString& name) const { return dir_.path() + "/" + name; }
  QString folder() const { return dir_.path(); }
  // For a test class with more to prepare in its own initTestCase: call first, then check
  // QTest::currentTestFailed().
  void generateFiles() const {
    const Run r = run({"generate", "--dict", "gaussian", "--n", "10", "--m", "50", "--signals", "40", "--test", "10",
                       "--seed", "0", "--out", dir_.path()});
    QVERIFY2(r.code == 0 && r.out.contains("D is 10 x 50"), qPrintable(r.out + r.err));
  }

 private slots:
  void initTestCase() { generateFiles(); }

 private:
  QTemporaryDir dir_;
};
