// unfoldlab bench: the speed goals of the project, measured on this machine.
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "benchmark_report.h"
#include "command_options.h"
#include "io/matrix_file.h"
#include "io/output_files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <cstdio>
#include <optional>
#include <thread>

namespace unfold::cli {

namespace {

ExtraBenchmarks extraBenchmarks = nullptr;

std::string toJson(const std::vector<BenchmarkResult>& results, bool quick) {
  QJsonArray rows;
  for (const BenchmarkResult& r : results) {
    QJsonObject row{{"name", QString::fromStdString(r.name)},
                    {"value", r.value},
                    {"unit", QString::fromStdString(r.unit)},
                    {"detail", QString::fromStdString(r.detail)},
                    {"ok", r.ok()}};
    if (r.target) row["target"] = *r.target;
    rows.append(row);
  }
  const QJsonObject root{{"quick", quick},
                         {"cores", static_cast<int>(std::thread::hardware_concurrency())},
                         {"cpu", QSysInfo::currentCpuArchitecture()},
                         {"results", rows}};
  return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::string toTable(const std::vector<BenchmarkResult>& results) {
  std::string out;
  char line[512];
  for (const BenchmarkResult& r : results) {
    const std::string goal = r.target ? (r.ok() ? "ok (<= " : "MISSED (<= ") + std::to_string(*r.target).substr(0, 4) + ")" : "";
    std::snprintf(line, sizeof line, "%-34s %10.4g %-3s %-16s %s\n", r.name.c_str(), r.value, r.unit.c_str(), goal.c_str(),
                  r.detail.c_str());
    out += line;
  }
  return out;
}

}  // namespace

void registerExtraBenchmarks(ExtraBenchmarks benchmarks) { extraBenchmarks = benchmarks; }

int runBench(const QStringList& arguments, std::ostream& out, std::ostream& err) {
  CommandOptions options("bench", "unfoldlab bench [--json] [--quick] [--only solvers|networks|ui|training] [--out FILE] [--curves FILE]",
                         "Measures the solvers and the learned networks on the paper's simulated setting (n=64, m=256, lambda=0.1),\n"
                         "and the workbench's responsiveness during a training run (offscreen), and checks them against the\n"
                         "project's speed goals. Takes about a minute; --quick runs small\n"
                         "sizes in a few seconds (no goals are checked at those sizes).\n"
                         "--only training (not in the default run: about 4 minutes) races GD, Adam and L-BFGS to the test gap\n"
                         "300 GD steps reach, for SLISTA T=20 and LISTA-CP T=10 on 2,000 signals.");
  options.addSwitch("json", "Print the results as JSON.");
  options.addSwitch("quick", "Small sizes, a few seconds.");
  options.addValue("out", "file", "Also write the report to this file.");
  options.addValue("only", "group", "Run one group: solvers, networks, ui or training.");
  options.addValue("curves", "file", "With --only training: the test gap against seconds of every optimizer (CSV:\n"
                                      "network,optimizer,seconds,test_gap).");
  if (!options.parse(arguments, out)) return 0;
  const bool quick = options.isSet("quick");
  const std::string only = options.optionalText("only").value_or("");
  if (options.isSet("only") && only != "solvers" && only != "networks" && only != "ui" && only != "training")
    throw InputError("--only: unknown group " + quotedInput(only) + " (solvers, networks, ui or training)");
  if (options.isSet("curves") && only != "training") throw InputError("--curves goes with --only training");
  OutputFiles files(out);
  files.addOutput("--out", options.optionalText("out"));
  files.addOutput("--curves", options.optionalText("curves"));
  files.check([&] {  // an unwritable --out fails now, not after a minute of measuring
    if (const auto curves = options.optionalText("curves")) checkTableFileName("--curves", *curves);
  });
  if (!options.isSet("json"))
    err << "benchmarking (" << (quick ? "quick" : only == "training" ? "about 4 minutes" : "about a minute") << ")...\n";
  const BenchmarkSizes sizes = quick ? BenchmarkSizes::quick() : BenchmarkSizes{};
  std::vector<BenchmarkResult> results;
  const auto append = [&results](std::vector<BenchmarkResult> rows) {
    for (BenchmarkResult& r : rows) results.push_back(std::move(r));
  };
  if (only.empty() || only == "solvers") append(runSolverBenchmarks(sizes));
  if (only.empty() || only == "networks") append(runNetworkBenchmarks(sizes));
  if ((only.empty() || only == "ui") && extraBenchmarks) append(extraBenchmarks(quick));
  std::optional<TrainingBenchmarks> training;
  if (only == "training") {
    training = runTrainingBenchmarks(sizes);
    append(training->rows);
  }
  // The goals are about the full sizes: at --quick's a ratio means little (a 100-iteration "whole run"
  // is mostly OISTA's first, costliest iterations), and a MISSED there would only alarm.
  if (quick)
    for (BenchmarkResult& r : results) r.target.reset();
  const std::string report = options.isSet("json") ? toJson(results, quick) : toTable(results);
  if (!files.writesToStandardOutput()) out << report;
  if (const auto path = options.optionalText("out")) files.write(*path, report);
  if (const auto path = options.optionalText("curves")) files.write(*path, formatTrainingCurvesCsv(training->curves));
  files.commit();
  return 0;
}

}  // namespace unfold::cli
