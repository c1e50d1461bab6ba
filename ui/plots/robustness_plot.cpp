#include "plots/robustness_plot.h"

#include "plots/axis_ticks.h"
#include "plots/gap_floor.h"
#include "plots/method_palette.h"

#include <cmath>

namespace unfold::ui {

namespace {

// A gap at rounding level (or below: F* is itself rounded) is counted at the floor, as the cost plot draws it
// there: the bins would otherwise fall back to a decade around 1, a bar at F − F* = 10⁰ for gaps of 0.
std::vector<double> values(const QVector<double>& v) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(v.size()));
  for (const double gap : v) out.push_back(std::isnan(gap) ? gap : std::max(gap, kGapRoundingLevel));
  return out;
}

// As the axis writes its decades: 3.5·10⁻³; at rounding level, ≤ 10⁻¹⁵.
QString scientific(double v) { return v < kGapRoundingLevel ? "≤ " + powerOfTenLabel(kGapRoundingLevel, 0) : powerOfTenLabel(v, 1); }

}  // namespace

RobustnessPlot::RobustnessPlot(QWidget* parent) : WorkbenchPlot("Robustness", parent) {
  setHintTitle("Robustness (train a network to see it)");
  xAxis->setLabel("F − F* per signal");  // of the network's output (the title names it); the decades say log
  yAxis->setLabel("signals");
  test_ = new QCPBars(xAxis, yAxis);
  attacked_ = new QCPBars(xAxis, yAxis);
  test_->setPen(Qt::NoPen);
  test_->setBrush(methodColor(Algorithm::Ista));
  attacked_->setPen(Qt::NoPen);
  attacked_->setBrush(methodColor(Parametrization::ListaCp));
  // The worst attacked signal may be alone in its bin, a bar a pixel high: a mark above it says where.
  worst_ = addGraph();
  worst_->setLineStyle(QCPGraph::lsNone);
  worst_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, methodColor(Parametrization::ListaCp),
                                          methodColor(Parametrization::ListaCp), 10));
  worst_->removeFromLegend();
  setLegendEntryOptional(worst_);  // the colours' key first: the summary under the plot names the worst too
  picked_ = new QCPBars(xAxis, yAxis);
  picked_->setPen(QPen(Qt::black, 2));
  picked_->setBrush(Qt::NoBrush);
  picked_->removeFromLegend();
  legend->setVisible(false);
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);  // gaps grow to the right
  // A count is never below 0: a wheel turned out over the bars took the axis to -250 signals.
  connect(yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& range) {
    if (range.lower < 0) yAxis->setRange(0, std::max(range.size(), 1.0));
  });
}

void RobustnessPlot::showSnapshot(const RobustnessSnapshot& snapshot) {
  snapshot_ = snapshot;
  std::vector<double> all = values(snapshot.testGap);
  const std::vector<double> attacked = values(snapshot.attackedGap);
  all.insert(all.end(), attacked.begin(), attacked.end());
  bins_ = LogBins::forSpread(all);
  // Side by side in each bin: the evaluated signals left, the attacked ones right.
  const double half = bins_.width() / 2;
  for (auto [bars, gaps, offset] : {std::tuple{test_, &snapshot.testGap, -half / 2}, std::tuple{attacked_, &snapshot.attackedGap, half / 2}}) {
    const std::vector<int> counts = bins_.counts(values(*gaps));
    QVector<double> keys, heights;
    for (int b = 0; b < bins_.count(); ++b) {
      keys << bins_.centre(b) + offset;
      heights << (gaps->isEmpty() ? 0.0 : double(counts[static_cast<size_t>(b)]));
    }
    bars->setWidth(half * 0.95);
    bars->setData(keys, heights, true);
  }
  drawPicked();
  worst_->data()->clear();
  worst_->removeFromLegend();
  if (const auto worst = std::max_element(snapshot.attackedGap.begin(), snapshot.attackedGap.end());
      worst != snapshot.attackedGap.end()) {
    const int bin = bins_.binOf(std::max(*worst, kGapRoundingLevel));
    double highest = 1.0;
    for (QCPBars* bars : {test_, attacked_})
      for (const QCPBarsData& d : *bars->data()) highest = std::max(highest, d.value);
    worst_->setName(QString("worst attacked: signal %1 (%2)")
                        .arg(worst - snapshot.attackedGap.begin()).arg(scientific(*worst)));
    worst_->addData(bins_.centre(bin) + half / 2, attacked_->data()->at(bin)->value + 0.06 * highest);
    worst_->addToLegend();  // the mark says itself what it is: its bar may be a pixel high
  }
  const bool evaluated = !snapshot.testGap.isEmpty();
  const QString which = snapshot.request.signalKind || snapshot.request.noise > 0 || snapshot.request.lambdaFactor != 1.0
                            ? "shifted signals" : "test signals";
  // Short entries: the tab's plot is about 300 px wide in a laptop window, and the panel shows how far an
  // attack went in its steps box's place.
  test_->setName(QString("%1: mean %2").arg(which, scientific(snapshot.meanTestGap())));
  const QString progress = snapshot.attackStep < snapshot.request.attackSteps
                               ? QString(", step %1/%2").arg(snapshot.attackStep).arg(snapshot.request.attackSteps) : QString();
  attacked_->setName(snapshot.attackedGap.isEmpty() ? QString("attacked (press Attack)")
                                                    : QString("attacked%1: mean %2").arg(progress, scientific(snapshot.meanAttackedGap())));
  legend->setVisible(evaluated);
  // Decades as powers of ten (10⁻³), at most ~6 of them labelled.
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  const int first = static_cast<int>(std::floor(bins_.lowEdge(0))), last = static_cast<int>(std::ceil(bins_.lowEdge(bins_.count())));
  const int every = std::max(1, (last - first + 5) / 6);
  for (int k = first; k <= last; k += every) ticker->addTick(k, powerOfTenLabel(std::pow(10.0, k), 0));
  xAxis->setTicker(ticker);
  if (evaluated) setTitle(QString("Robustness: %1 at λ = %2 λₘₐₓ").arg(snapshot.network).arg(snapshot.lambda, 0, 'g', 3));
  else setHintTitle("Robustness (train a network to see it)");
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

void RobustnessPlot::rescale() {
  // The end bars clear of the frame, and so the worst mark over the last one (10 px wide: it was cut in half).
  const double low = bins_.lowEdge(0), high = bins_.lowEdge(bins_.count());
  const double pad = std::max(0.1, 8.0 * (high - low) / std::max(1, axisRect()->width() - 16));
  xAxis->setRange(low - pad, high + pad);
  double highest = 1.0;
  for (QCPBars* bars : {test_, attacked_})
    for (const QCPBarsData& d : *bars->data()) highest = std::max(highest, d.value);
  yAxis->setRange(0, highest * 1.25);  // room for the legend
}

RobustnessPlot::Pick RobustnessPlot::signalAt(const QPointF& position) const {
  if (snapshot_.testGap.isEmpty() || !axisRect()->rect().contains(position.toPoint())) return {};
  const double key = xAxis->pixelToCoord(position.x());
  const int bin = static_cast<int>(std::floor((key - bins_.lowEdge(0)) / bins_.width()));
  if (bin < 0 || bin >= bins_.count()) return {};
  const bool attacked = key >= bins_.centre(bin);
  const QVector<double>& gaps = attacked ? snapshot_.attackedGap : snapshot_.testGap;
  Pick pick{attacked, -1};
  for (qsizetype j = 0; j < gaps.size(); ++j)
    if (bins_.binOf(gaps[j]) == bin && (pick.signal < 0 || gaps[j] > gaps[pick.signal])) pick.signal = static_cast<int>(j);
  return pick;
}

void RobustnessPlot::markPicked(std::optional<Pick> pick) {
  pick_ = pick;
  drawPicked();
  replot(QCustomPlot::rpQueuedReplot);
}

void RobustnessPlot::drawPicked() {
  picked_->data()->clear();
  if (!pick_) return;
  const QVector<double>& gaps = pick_->attacked ? snapshot_.attackedGap : snapshot_.testGap;
  if (pick_->signal < 0 || pick_->signal >= gaps.size()) return;
  const QCPBars* bars = pick_->attacked ? attacked_ : test_;
  const int bin = bins_.binOf(gaps[pick_->signal]);
  if (bin >= bars->data()->size()) return;
  picked_->setWidth(bars->width());
  picked_->addData(bars->data()->at(bin)->key, bars->data()->at(bin)->value);
}

void RobustnessPlot::mousePressEvent(QMouseEvent* event) {
  pressedAt_ = event->position();
  WorkbenchPlot::mousePressEvent(event);
}

void RobustnessPlot::mouseReleaseEvent(QMouseEvent* event) {
  WorkbenchPlot::mouseReleaseEvent(event);
  if (event->button() != Qt::LeftButton || (event->position() - pressedAt_).manhattanLength() > 3) return;  // a drag
  if (const Pick pick = signalAt(event->position()); pick.signal >= 0) emit signalPicked(pick.attacked, pick.signal);
}

QString RobustnessPlot::toCsv() const {
  QString out = "signal,gap,attacked_gap\n";
  for (qsizetype j = 0; j < snapshot_.testGap.size(); ++j)
    out += QString("%1,%2,%3\n").arg(j).arg(snapshot_.testGap[j], 0, 'g', 17)
               .arg(j < snapshot_.attackedGap.size() ? QString::number(snapshot_.attackedGap[j], 'g', 17) : QString());
  return out;
}

}  // namespace unfold::ui
