// Fig. 2 (ISTA, FISTA, OISTA and OISTA's step) and Fig. E.1 (L_S/L against |S|/m, Marchenko-Pastur).
#include "reproduce.h"

#include "experiments/paper_experiments.h"
#include "plots/gap_floor.h"
#include "plots/method_palette.h"
#include "plots/paper_figure.h"

namespace unfold::reproduce {

namespace {

template <typename T>
QVector<double> toQVector(const std::vector<T>& values) {
  return QVector<double>(values.begin(), values.end());
}

// A band at rounding level runs on, off the bottom of the axis, rather than stop.
QVector<double> bandEdge(const std::vector<double>& values) {
  QVector<double> out;
  for (double v : values) out.append(std::max(v, ui::kGapRoundingLevel / 100));
  return out;
}

}  // namespace

void reproduceOista(const Context& context) {
  // The paper: one signal, n = 10, m = 50, lambda = 0.5, 200 iterations. We show the median and 10-90 %
  // band over 100 signals, and the step of the first one (the CSV has the means too).
  const int signalCount = context.scale == Scale::Tiny ? 10 : 100;
  const int iterations = context.scale == Scale::Tiny ? 60 : 200;
  const SolverComparison c = compareSolvers(10, 50, signalCount, 0.5, iterations, 0);
  const auto& solvers = SolverComparison::kSolvers;
  // The columns of the first three solvers come first, as before ISTA-BT joined (scripts read them).
  std::string csv = "iteration,ista_gap,fista_gap,oista_gap,ista_gap_q10,ista_gap_q90,fista_gap_q10,fista_gap_q90,"
                    "oista_gap_q10,oista_gap_q90,oista_step_times_l_mean,oista_step_times_l_signal0,ista_gap_median,fista_gap_median,"
                    "oista_gap_median,ista_bt_gap,ista_bt_gap_q10,ista_bt_gap_q90,ista_bt_gap_median,ista_bt_step_times_l_mean\n";
  for (size_t t = 0; t < c.iteration.size(); ++t) {
    // Appended piece by piece: GCC 12 warns (falsely, bug 105329) on "," + std::string chains.
    csv += std::to_string(c.iteration[t]);
    const auto cell = [&csv](double v) { csv.append(",").append(csvNumber(v)); };
    for (int k = 0; k < 3; ++k) cell(c.gapMean[k][t]);
    for (int k = 0; k < 3; ++k) cell(c.gapQ10[k][t]), cell(c.gapQ90[k][t]);
    cell(c.oistaStepMean[t]);
    cell(c.oistaStepFirstSignal[t]);
    for (int k = 0; k < 3; ++k) cell(c.gapQ50[k][t]);
    cell(c.gapMean[3][t]), cell(c.gapQ10[3][t]), cell(c.gapQ90[3][t]), cell(c.gapQ50[3][t]);
    cell(c.backtrackingStepMean[t]);
    csv += "\n";
  }
  context.files.writeCsv(csv);

  ui::PaperFigure figure(QString("ISTA, FISTA, OISTA and ISTA with backtracking\nGaussian D, n = 10, m = 50, λ = 0.5 λₘₐₓ: median over %1 signals").arg(signalCount), 2, 1, 720, 560);
  QCPAxisRect* top = figure.panel(0, 0);
  QCPAxisRect* bottom = figure.panel(1, 0);
  const QVector<double> t = toQVector(c.iteration);
  bool landed = false;
  for (int k = 0; k < 4; ++k) {
    const QColor color = ui::methodColor(solvers[k]);
    // The median: the mean is dominated by the few slowest signals and hides what most signals do.
    const ui::GapsAboveFloor median = ui::gapsAboveFloor(toQVector(c.gapQ50[k]), ui::kGapRoundingLevel);
    figure.addLine(top, ui::methodLabel(solvers[k]), t, median.shown, QPen(color, 2.2));
    if (median.landing >= 0)
      ui::addFloorMark(&figure.plot(), top->axis(QCPAxis::atBottom), top->axis(QCPAxis::atLeft), {t[median.landing]}, ui::kGapRoundingLevel, color);
    landed |= median.landing >= 0;
  }
  // One band, OISTA's (the CSV has every method's): four translucent bands overlap into muddy colours.
  constexpr int kOista = 2;
  static_assert(SolverComparison::kSolvers[kOista] == Algorithm::Oista);
  figure.addBand(top, t, bandEdge(c.gapQ10[kOista]), bandEdge(c.gapQ90[kOista]), ui::methodColor(Algorithm::Oista),
                 "OISTA: 10–90 % of signals");
  if (landed)  // what a curve's end on the axis means, in the legend
    figure.addLine(top, "reached rounding level", {}, {}, QPen(Qt::darkGray), true, QCPScatterStyle::ssTriangleInverted)->setLineStyle(QCPGraph::lsNone);
  ui::PaperFigure::setLogarithmic(top->axis(QCPAxis::atLeft));
  top->axis(QCPAxis::atLeft)->setLabel("F(zₜ) − F*");
  top->axis(QCPAxis::atLeft)->rescale();
  const QCPRange gaps = top->axis(QCPAxis::atLeft)->range();
  top->axis(QCPAxis::atLeft)->setRange(ui::kGapRoundingLevel / 3, gaps.upper * 3);  // the floor's marks whole
  top->axis(QCPAxis::atBottom)->setRange(0, iterations);
  const QColor oista = ui::methodColor(Algorithm::Oista);
  // The steps' entries start with "step": the cost's OISTA curve above has the same colour and line.
  figure.addLine(bottom, "step: OISTA, signal 0", t, toQVector(c.oistaStepFirstSignal), QPen(oista, 1.2));
  figure.addLine(bottom, "step: OISTA, mean", t, toQVector(c.oistaStepMean), QPen(oista, 1.5, Qt::DashLine));
  figure.addLine(bottom, "step: ISTA-BT, mean", t, toQVector(c.backtrackingStepMean),
                 QPen(ui::methodColor(Algorithm::IstaBacktracking), 1.5, Qt::DashLine));
  figure.addLine(bottom, "step: 1/L (ISTA, FISTA)", {0.0, double(iterations)}, {1.0, 1.0}, QPen(Qt::black, 1.2, Qt::DashDotLine));
  bottom->axis(QCPAxis::atLeft)->setLabel("step × L");
  bottom->axis(QCPAxis::atBottom)->setLabel("iteration t");
  bottom->axis(QCPAxis::atBottom)->setRange(0, iterations);
  bottom->axis(QCPAxis::atLeft)->rescale();
  bottom->axis(QCPAxis::atLeft)->setRange(0, bottom->axis(QCPAxis::atLeft)->range().upper * 1.1);
  figure.setRowStretch({2.0, 1.0});
  context.files.writeFigure(figure);
}

void reproduceLsRatio(const Context& context) {
  // Fig. E.1: n = 200, m = 600 (gamma = 3).
  const bool tiny = context.scale == Scale::Tiny;
  const int n = tiny ? 40 : 200, m = tiny ? 120 : 600;
  const int grid = tiny ? 12 : 40;
  const int draws = context.scale == Scale::Full ? 20 : tiny ? 3 : 8;
  const SupportRatioCurve c = supportRatioCurve(n, m, grid, draws, 0);
  std::string csv = "zeta,support_size,ls_over_l_mean,ls_over_l_q10,ls_over_l_q90,marchenko_pastur\n";
  for (size_t k = 0; k < c.zeta.size(); ++k)
    csv.append(csvNumber(c.zeta[k])).append(",").append(std::to_string(c.supportSize[k])).append(",")
        .append(csvNumber(c.mean[k])).append(",").append(csvNumber(c.q10[k])).append(",").append(csvNumber(c.q90[k]))
        .append(",").append(csvNumber(c.marchenkoPastur[k])).append("\n");
  context.files.writeCsv(csv);

  ui::PaperFigure figure(QString("Lₛ / L for random supports S\nGaussian D, n = %1, m = %2, γ = m/n = %3").arg(n).arg(m).arg(double(m) / n), 1, 1);
  QCPAxisRect* panel = figure.panel(0, 0);
  const QVector<double> zeta = toQVector(c.zeta);
  const QColor empirical(0, 114, 178);
  figure.addBand(panel, zeta, toQVector(c.q10), toQVector(c.q90), empirical);
  figure.addLine(panel, QString("empirical mean (%1 supports per size)").arg(draws), zeta, toQVector(c.mean),
                 QPen(empirical, 2.2), true, QCPScatterStyle::ssDisc);
  QVector<double> fine, law, line;
  for (int k = 1; k <= 200; ++k) {
    fine.append(k / 200.0);
    law.append(std::pow((1 + std::sqrt(k / 200.0 * m / n)) / (1 + std::sqrt(double(m) / n)), 2));
    line.append(k / 200.0);
  }
  figure.addLine(panel, "Marchenko–Pastur ((1+√(ζγ))/(1+√γ))²", fine, law, QPen(QColor(213, 94, 0), 2.2));
  figure.addLine(panel, "ζ", fine, line, QPen(Qt::gray, 1.2, Qt::DashLine));
  panel->axis(QCPAxis::atBottom)->setLabel("ζ = |S| / m");
  panel->axis(QCPAxis::atLeft)->setLabel("Lₛ / L");
  panel->axis(QCPAxis::atBottom)->setRange(0, 1);
  panel->axis(QCPAxis::atLeft)->setRange(0, 1.05);
  context.files.writeFigure(figure);
}

}  // namespace unfold::reproduce
