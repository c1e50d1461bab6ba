#include "run/session_script.h"

#include "base/version.h"

#include <QLocale>

namespace unfold::ui {

namespace {

// The shortest decimal that reads back as `value` (0.1, not 0.10000000000000001).
QString number(double value) { return QString::number(value, 'g', QLocale::FloatingPointShortest); }

// A path as one bash word: in single quotes, a quote in it closed, escaped and reopened.
QString shellWord(const QString& text) { return "'" + QString(text).replace("'", "'\\''") + "'"; }

QString generateCommand(const ExperimentSettings& s) {
  const bool digits = s.source == ProblemSource::Digits;
  QString command = QString("\"$unfoldlab\" generate --dict %1 --n %2 --m %3 --signals %4 --test %5 --seed %6")
                        .arg(digits ? "digits" : "gaussian")
                        .arg(digits ? 64 : s.n)
                        .arg(s.m)
                        .arg(s.anyNetwork() ? s.trainCount : 1)
                        .arg(s.signalCount)
                        .arg(s.seed);
  if (s.loss == LossKind::Supervised && s.anyNetwork()) command += " --signal-kind sparse";
  return command + " --out \"$out\"\ndict=\"$out/D.csv\" train=\"$out/X.csv\" test=\"$out/X_test.csv\"\n";
}

// The imported files, whole: the workbench found their signals on the equiregularization set.
QString importedFiles(const ExperimentSettings& s) {
  const bool ownTestFile = !s.testSignalsFile.isEmpty();
  QString files = "dict=" + shellWord(s.dictionaryFile) + "\n";
  if (s.anyNetwork()) files += "train=" + shellWord(s.signalsFile) + "\n";
  return files + "test=" + shellWord(ownTestFile ? s.testSignalsFile : s.signalsFile) + "\n";
}

QString trainCommand(const ExperimentSettings& s, Parametrization kind) {
  const QString name = QString::fromStdString(parametrizationName(kind));
  QString command = QString("\"$unfoldlab\" train --dict \"$dict\" --train \"$train\" --test \"$test\" "
                            "--lambda %1 --net %2 --layers %3 --loss %4 --max-iter %5")
                        .arg(number(s.lambda), name)
                        .arg(s.layers)
                        .arg(QString::fromStdString(lossKindName(s.loss)))
                        .arg(s.trainingIterations);
  if (s.layerWise) command += " --layer-wise";
  if (s.loss == LossKind::Supervised) command += " --train-codes \"$out/Z0.csv\" --test-codes \"$out/Z0_test.csv\"";
  return command + QString(" \\\n    --out \"$out/%1.json\" --report \"$out/%1-report.csv\"\n").arg(name);
}

}  // namespace

QString sessionScript(const ExperimentSettings& s, const QString& title, const ConvergenceSnapshot& shown, QString* why) {
  const bool files = s.source == ProblemSource::Files;
  if (files && (shown.request != s || shown.problem.isEmpty())) {
    *why = "the workbench has not read the imported files for these settings yet: run them, then export";
    return {};
  }
  if (files && !shown.filesNotAsImported.isEmpty()) {
    *why = shown.filesNotAsImported;
    return {};
  }
  QString script = QString("#!/usr/bin/env bash\n# %1: the Unfold Lab %2 session as commands; the same settings give the same numbers.\n"
                           "# Usage: bash SCRIPT [OUTPUT_FOLDER]   (UNFOLDLAB names the binary; default: unfoldlab on the PATH)\n"
                           "set -euo pipefail\nunfoldlab=${UNFOLDLAB:-unfoldlab}\nout=${1:-unfoldlab-session}\nmkdir -p \"$out\"\n\n")
                       .arg(title.isEmpty() ? QString("A workbench session") : title, kVersion);
  if (files) {
    script += "# The problem: the imported files as they are (their signals lie on ||D^T x||_inf = 1, so lambda is a\n"
              "# fraction of lambda_max).\n" + importedFiles(s);
  } else {
    script += "# The problem: D, training signals X and test signals X_test (lambda is a fraction of lambda_max).\n";
    script += generateCommand(s);
  }
  if (!s.solvers.empty()) script += "\n# The solvers on the test signals, traced at every iterate (the gap's mean, and its median over the\n"
                                        "# signals in gap_median: the statistic the cost plot draws for the paper's Fig. 2).\n";
  for (const Algorithm algorithm : s.solvers) {
    const QString name = QString::fromStdString(algorithmName(algorithm));
    script += QString("\"$unfoldlab\" solve --dict \"$dict\" --signals \"$test\" --lambda %1 --algo %2 --iters %3 "
                      "\\\n    --trace \"$out/%2-trace.csv\" --codes \"$out/%2-codes.csv\"\n")
                  .arg(number(s.lambda), name)
                  .arg(s.iterations);
  }
  if (!s.networks.empty()) script += "\n# The networks, trained on the training signals and scored layer by layer on the test signals.\n";
  for (const Parametrization kind : s.networks) script += trainCommand(s, kind);
  script += "\necho \"the session's files are in $out\"\n";
  return script;
}

}  // namespace unfold::ui
