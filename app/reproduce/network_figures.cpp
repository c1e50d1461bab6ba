// Fig. 4 (SLISTA's learned steps against the distribution of 1/L_S) and Fig. 5 (weight coupling of a
// deep LISTA-CP), each a training followed by the per-layer diagnostics of network_diagnostics.h.
#include "reproduce.h"

#include "base/progress_throttle.h"
#include "experiments/experiment.h"
#include "networks/network_diagnostics.h"
#include "plots/method_palette.h"
#include "plots/paper_figure.h"

#include <chrono>
#include <cstdio>

namespace unfold::reproduce {

namespace {

// One progress line every 2 s on stderr: step, elapsed time and ETA.
class TrainingProgressLine : public TrainingObserver {
 public:
  TrainingProgressLine(std::ostream& err, std::string label) : err_(err), label_(std::move(label)) {}
  bool onIteration(const TrainingProgress& p) override {
    if (!throttle_.due()) return false;
    const double eta = p.iteration > 0 ? p.elapsedSeconds / p.iteration * (p.maxIterations - p.iteration) : 0.0;
    char line[256];
    std::snprintf(line, sizeof line, "  %s: step %d/%d, %d layers, test loss %.4e, %.0f s elapsed, ETA %.0f s\n",
                  label_.c_str(), p.iteration, p.maxIterations, p.layers, p.testLoss, p.elapsedSeconds, eta);
    err_ << line << std::flush;
    return false;
  }

 private:
  std::ostream& err_;
  std::string label_;
  ProgressThrottle throttle_{std::chrono::seconds(2), ProgressThrottle::First::AfterInterval};
};

// A figure's network on the problem `generate --n N --m M --signals S --test S --seed 0` writes, trained
// as `train` would, then diagnosed layer by layer.
std::vector<LayerDiagnostics> trainAndDiagnose(const ProblemSpec& spec, const NetworkSettings& settings,
                                               const Context& context) {
  const ExperimentProblem p = makeProblem(spec);
  const Dictionary& d = *p.dictionary;
  const std::string label = parametrizationLabel(settings.kind);
  const ReferenceSolution reference = solveReference(d, p.test.X, settings.lambda);
  const TrainingData data = trainingData(d, p.train, p.test, settings.lambda, settings.training.loss, reference);
  TrainingProgressLine progress(context.err, label);
  const TrainedNetwork trained = trainNetwork(d, data, settings, &progress);
  context.err << "  " << label << ": " << trained.result.iterations << " steps, " << stopReasonText(trained.result.reason) << "\n";
  const UnfoldedNetwork network(d, settings.lambda, trained.file.weights);
  return diagnoseNetwork(network, data.trainX, data.testX, reference.optimalCost);
}

// The Gaussian problems of Fig. 4 and 5: n = 10, m = 20, as many test as training signals.
ProblemSpec figureProblem(int signalCount) {
  ProblemSpec spec;
  spec.n = 10;
  spec.m = 20;
  spec.trainCount = spec.testCount = signalCount;
  return spec;
}

QVector<double> layerAxis(size_t count) {
  QVector<double> t;
  for (size_t k = 1; k <= count; ++k) t.append(double(k));
  return t;
}

}  // namespace

void reproduceLearnedSteps(const Context& context) {
  // Fig. 4: n = 10, m = 20, lambda = 0.2, 1,000 training and test signals, 20 layers, unsupervised, end to end.
  const bool tiny = context.scale == Scale::Tiny;
  const int signalCount = tiny ? 100 : 1000, layers = tiny ? 8 : 20;
  NetworkSettings settings{Parametrization::Slista, layers, 0.2, {}};
  settings.training.maxIterations = context.scale == Scale::Full ? 3000 : tiny ? 30 : 600;
  const std::vector<LayerDiagnostics> rows = trainAndDiagnose(figureProblem(signalCount), settings, context);
  context.files.writeCsv(formatDiagnosticsCsv(rows));

  ui::PaperFigure figure(QString("Step sizes learned by SLISTA\n%1 layers, n = 10, m = 20, λ = 0.2 λₘₐₓ, %2 training signals").arg(layers).arg(signalCount), 1, 1);
  QCPAxisRect* panel = figure.panel(0, 0);
  const QVector<double> t = layerAxis(rows.size());
  QVector<double> q10, q50, q90, twice, steps;
  for (const LayerDiagnostics& row : rows) {
    q10.append(row.inverseLsQ10);
    q50.append(row.inverseLsQ50);
    q90.append(row.inverseLsQ90);
    twice.append(2 * row.inverseLsQ50);
    steps.append(row.stepTimesL.value_or(qQNaN()));
  }
  figure.addBand(panel, t, q10, q90, Qt::gray);
  figure.addLine(panel, "1/Lₛ: median, 10–90 % band", t, q50, QPen(Qt::darkGray, 1.8, Qt::DashLine));
  figure.addLine(panel, "2/Lₛ (median)", t, twice, QPen(Qt::darkGray, 1.8, Qt::DotLine));
  figure.addLine(panel, "1/L", {0.5, layers + 0.5}, {1.0, 1.0}, QPen(Qt::black, 1.2, Qt::DashDotLine));
  figure.addLine(panel, "SLISTA's learned step", t, steps, QPen(ui::methodColor(Parametrization::Slista), 2.2), true, QCPScatterStyle::ssDisc);
  panel->axis(QCPAxis::atBottom)->setLabel("layer t");
  panel->axis(QCPAxis::atLeft)->setLabel("step × L (units of 1/L)");
  panel->axis(QCPAxis::atBottom)->setRange(0.5, layers + 0.5);
  panel->axis(QCPAxis::atLeft)->rescale();
  panel->axis(QCPAxis::atLeft)->setRange(0, panel->axis(QCPAxis::atLeft)->range().upper * 1.1);
  context.files.writeFigure(figure);
}

void reproduceCoupling(const Context& context) {
  // Fig. 5: LISTA-CP with 40 layers on n = 10, m = 20, lambda = 0.05, trained layer by layer, long training.
  // New layers start as ISTA steps (or copies), which are coupled: the control trains the same network with
  // every new layer started kControlOffset from coupling, so that coupling found there was learned.
  constexpr double kControlOffset = 0.5;
  const bool tiny = context.scale == Scale::Tiny;
  const int signalCount = tiny ? 100 : 1000;
  const int layers = context.scale == Scale::Full ? 40 : tiny ? 5 : 20;
  NetworkSettings settings{Parametrization::ListaCp, layers, 0.05, {}};
  settings.training.layerWise = true;
  settings.training.patience = 0;  // the deep layers improve slowly: let the budget decide
  settings.training.maxIterations = context.scale == Scale::Full ? 20000 : tiny ? 40 : 2000;
  const std::vector<LayerDiagnostics> rows = trainAndDiagnose(figureProblem(signalCount), settings, context);
  context.files.writeCsv(formatDiagnosticsCsv(rows));
  context.err << "  control: every new layer starts " << kControlOffset << " from coupling\n";
  settings.training.couplingOffset = kControlOffset;
  const std::vector<LayerDiagnostics> control = trainAndDiagnose(figureProblem(signalCount), settings, context);
  context.files.writeCsv("control", formatDiagnosticsCsv(control));

  ui::PaperFigure figure(QString("Weight coupling of LISTA-CP\n%1 layers trained layer by layer, n = 10, m = 20, λ = 0.05 λₘₐₓ").arg(layers),
                         2, 1, 720, 660);
  QCPAxisRect* top = figure.panel(0, 0);
  QCPAxisRect* bottom = figure.panel(1, 0);
  const QVector<double> t = layerAxis(rows.size());
  const auto distances = [](const std::vector<LayerDiagnostics>& of) {
    QVector<double> out;
    for (const LayerDiagnostics& row : of) out.append(row.coupling.value_or(qQNaN()));
    return out;
  };
  const auto ratios = [](const std::vector<LayerDiagnostics>& of) {
    QVector<double> out;
    for (const LayerDiagnostics& row : of) {
      const double threshold = row.thresholdTimesL.value_or(0.0);
      out.append(threshold > 0 ? row.stepTimesL.value_or(qQNaN()) / threshold : qQNaN());
    }
    return out;
  };
  const QColor color = ui::methodColor(Parametrization::ListaCp);
  figure.addLine(top, "‖W − D diag(θ)‖ / ‖D‖, new layers from ISTA steps", t, distances(rows), QPen(color, 2.2), true,
                 QCPScatterStyle::ssDisc);
  figure.addLine(top, QString("the same, control: new layers started %1 away").arg(kControlOffset), t, distances(control),
                 QPen(Qt::darkGray, 1.8), true, QCPScatterStyle::ssCircle);
  figure.addLine(top, "the control's start", {0.5, layers + 0.5}, {kControlOffset, kControlOffset},
                 QPen(Qt::darkGray, 1.2, Qt::DotLine));
  ui::PaperFigure::fitLogarithmic(top->axis(QCPAxis::atLeft), 2);
  top->axis(QCPAxis::atLeft)->setLabel("distance to coupling");
  figure.addLine(bottom, "step / threshold, from ISTA steps", t, ratios(rows), QPen(color, 2.2, Qt::DashLine), true,
                 QCPScatterStyle::ssSquare);
  figure.addLine(bottom, "step / threshold, control", t, ratios(control), QPen(Qt::darkGray, 1.8, Qt::DashLine), true, QCPScatterStyle::ssCircle);
  figure.addLine(bottom, "coupled (ISTA step)", {0.5, layers + 0.5}, {1.0, 1.0}, QPen(Qt::black, 1.2, Qt::DashDotLine));
  bottom->axis(QCPAxis::atLeft)->setLabel("step / threshold");
  bottom->axis(QCPAxis::atLeft)->rescale();
  bottom->axis(QCPAxis::atLeft)->setRange(0, std::max(1.2, bottom->axis(QCPAxis::atLeft)->range().upper * 1.1));
  for (QCPAxisRect* panel : {top, bottom}) panel->axis(QCPAxis::atBottom)->setRange(0.5, layers + 0.5);
  bottom->axis(QCPAxis::atBottom)->setLabel("layer t");
  figure.setRowStretch({1.6, 1.0});
  context.files.writeFigure(figure);
}

}  // namespace unfold::reproduce
