// Running a headless command in-process for the CLI tests: its exit code and what it printed.
#pragma once

#include "commands.h"

#include <QString>
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
