// Fig. E.2 (iterations and time to F* + 1e-8 for ISTA, FISTA, OISTA and ISTA-BT) and Fig. E.3 (LISTA-CP
// and SLISTA against the number of training signals).
#include "reproduce.h"

#include "experiments/appendix_experiments.h"
#include "plots/method_palette.h"
#include "plots/paper_figure.h"

#include <algorithm>
#include <map>

namespace unfold::reproduce {

namespace {

constexpr Algorithm kSolvers[] = {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista, Algorithm::IstaBacktracking};

}  // namespace

void reproduceIterations(const Context& context) {
  // The paper: n = 100, m = 200, lambda in {0.1, 0.4, 0.8}, 10 seeds. Per seed a batch of signals, each
  // counted from z = 0 to F* + 1e-8.
  const bool tiny = context.scale == Scale::Tiny, full = context.scale == Scale::Full;
  const int n = tiny ? 20 : 100, m = tiny ? 40 : 200;
  const int seeds = full ? 10 : tiny ? 2 : 3, signalCount = full ? 100 : tiny ? 10 : 30;
  const std::vector<double> lambdas{0.1, 0.4, 0.8};
  const double tolerance = 1e-8;
  const int maxIterations = tiny ? 20000 : 100000;
  const std::vector<ToleranceRun> runs = iterationsToTolerance(n, m, signalCount, lambdas, seeds, tolerance, maxIterations);

  std::string csv = "lambda,seed,method,median_iterations,seconds_per_signal,unreached\n";
  for (const ToleranceRun& r : runs)
    csv.append(QString::number(r.lambda).toStdString()).append(",").append(std::to_string(r.seed)).append(",").append(algorithmName(r.algorithm))
        .append(",").append(csvNumber(r.medianIterations)).append(",").append(csvNumber(r.seconds)).append(",")
        .append(std::to_string(r.unreached)).append("\n");
  context.files.writeCsv(csv);

  ui::PaperFigure figure(QString("Iterations and time to F* + 1e-8\nGaussian D, n = %1, m = %2, %3 signals per seed: "
                                 "one point per seed (median over its signals)").arg(n).arg(m).arg(signalCount),
                         1, 2, 760, 420);
  QCPAxisRect* left = figure.panel(0, 0);
  QCPAxisRect* right = figure.panel(0, 1);
  // Points per lambda, the methods side by side around it (x = lambda index + offset).
  for (size_t k = 0; k < std::size(kSolvers); ++k) {
    QVector<double> x, iterations, seconds;
    for (const ToleranceRun& r : runs) {
      if (r.algorithm != kSolvers[k]) continue;
      const double at = double(std::find(lambdas.begin(), lambdas.end(), r.lambda) - lambdas.begin());
      x.append(at + (double(k) - 1.5) * 0.18);
      iterations.append(r.medianIterations);
      seconds.append(r.seconds * 1e3);
    }
    const QPen pen(Qt::NoPen);
    QCPGraph* a = figure.addLine(left, ui::methodLabel(kSolvers[k]), x, iterations, pen, true, QCPScatterStyle::ssDisc);
    QCPGraph* b = figure.addLine(right, ui::methodLabel(kSolvers[k]), x, seconds, pen, false, QCPScatterStyle::ssDisc);
    for (QCPGraph* g : {a, b}) {
      g->setLineStyle(QCPGraph::lsNone);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, ui::methodColor(kSolvers[k]), 7));
    }
  }
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (size_t l = 0; l < lambdas.size(); ++l) ticker->addTick(double(l), QString("λ = %1").arg(lambdas[l]));
  for (QCPAxisRect* panel : {left, right}) {
    panel->axis(QCPAxis::atBottom)->setTicker(ticker);
    panel->axis(QCPAxis::atBottom)->setRange(-0.6, double(lambdas.size()) - 0.4);
    ui::PaperFigure::fitLogarithmic(panel->axis(QCPAxis::atLeft), 1.5);
  }
  left->axis(QCPAxis::atLeft)->setLabel("iterations to F* + 1e-8");
  right->axis(QCPAxis::atLeft)->setLabel("ms per signal");
  context.files.writeFigure(figure);
}

void reproduceSampleSize(const Context& context) {
  // The paper: n = 5, m = 10, 10 layers, lambda = 0.3.
  const bool tiny = context.scale == Scale::Tiny, full = context.scale == Scale::Full;
  const std::vector<int> counts = tiny ? std::vector<int>{5, 20, 50}
                                 : full ? std::vector<int>{5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000}
                                        : std::vector<int>{5, 10, 20, 50, 100, 200, 500};
  const int steps = full ? 1000 : tiny ? 20 : 300, seeds = full ? 5 : tiny ? 1 : 3, testCount = tiny ? 200 : 1000;
  const std::vector<SampleSizeRun> runs = sampleSizeCurves(5, 10, 10, 0.3, counts, testCount, steps, seeds);

  std::string csv = "method,train_signals,seed,test_gap\n";
  for (const SampleSizeRun& r : runs)
    csv.append(parametrizationName(r.kind)).append(",").append(std::to_string(r.trainCount)).append(",")
        .append(std::to_string(r.seed)).append(",").append(csvNumber(r.testGap)).append("\n");
  context.files.writeCsv(csv);

  ui::PaperFigure figure(QString("Test F(z_T) − F* against the number of training signals\nGaussian D, n = 5, m = 10, "
                                 "10 layers, λ = 0.3, %1 L-BFGS steps: mean and range over %2 seed(s)").arg(steps).arg(seeds),
                         1, 1, 720, 450);
  QCPAxisRect* panel = figure.panel(0, 0);
  for (Parametrization kind : {Parametrization::ListaCp, Parametrization::Slista}) {
    std::map<int, std::vector<double>> gaps;
    for (const SampleSizeRun& r : runs)
      if (r.kind == kind) gaps[r.trainCount].push_back(std::max(r.testGap, 1e-16));
    QVector<double> x, mean, low, high;
    for (const auto& [count, values] : gaps) {
      x.append(count);
      double sum = 0;
      for (double v : values) sum += v;
      mean.append(sum / double(values.size()));
      low.append(*std::min_element(values.begin(), values.end()));
      high.append(*std::max_element(values.begin(), values.end()));
    }
    figure.addBand(panel, x, low, high, ui::methodColor(kind));
    figure.addLine(panel, ui::methodLabel(kind), x, mean, QPen(ui::methodColor(kind), 2.2), true, QCPScatterStyle::ssDisc);
  }
  ui::PaperFigure::setLogarithmic(panel->axis(QCPAxis::atBottom));
  panel->axis(QCPAxis::atBottom)->setRange(counts.front() / 1.3, counts.back() * 1.3);
  ui::PaperFigure::fitLogarithmic(panel->axis(QCPAxis::atLeft), 1.5);
  panel->axis(QCPAxis::atBottom)->setLabel("training signals");
  panel->axis(QCPAxis::atLeft)->setLabel("test F(z_T) − F*");
  context.files.writeFigure(figure);
}

}  // namespace unfold::reproduce
