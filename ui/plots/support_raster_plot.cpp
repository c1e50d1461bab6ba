#include "plots/support_raster_plot.h"

#include "plots/axis_ticks.h"
#include "plots/method_palette.h"

#include <algorithm>
#include <cmath>

namespace unfold::ui {

namespace {

// What follows the |Sₜ| panel's axis label where OISTA fell back to 1/L: the key to its crosses, whole
// where the panel is wide enough, else shorter, else left out (cut at the plot's edge, it read "teration t").
constexpr const char* kRejectedKeys[] = {"      (×: 1/Lₛ step rejected)", "   (×: 1/Lₛ rejected)"};

const ConvergenceCurve* curveOf(const ConvergenceSnapshot& snapshot, MethodKey method, int signal) {
  const ConvergenceCurve* c = snapshot.inspectorCurve(method);
  return c && signal >= 0 && signal < c->inspected && c->atoms > 0 && c->iterates() > 0 ? c : nullptr;
}

}  // namespace

SupportRasterPlot::SupportRasterPlot(QWidget* parent) : WorkbenchPlot("Support evolution", parent) {
  legend->setVisible(false);
  xAxis->setLabel("iteration t");
  yAxis->setLabel("atom i");
  raster_ = new QCPColorMap(xAxis, yAxis);
  raster_->setInterpolate(false);
  scale_ = new QCPColorScale(this);
  body()->addElement(0, 1, scale_);
  raster_->setColorScale(scale_);
  // What the colours are, above the colour bar and upright (as the bar's axis label it would stand on its side).
  auto* scaleLabel = new QCPItemText(this);
  scaleLabel->setText("zₜ,ᵢ");
  scaleLabel->setFont(yAxis->labelFont());
  scaleLabel->setClipToAxisRect(false);
  scaleLabel->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
  scaleLabel->position->setType(QCPItemPosition::ptAbsolute);
  connect(this, &QCustomPlot::afterLayout, this, [this, scaleLabel] {
    const QRect bar = scale_->axis()->axisRect()->rect();
    scaleLabel->position->setCoords(bar.center().x(), bar.top() - 3);
    // Not drawn beyond the raster's panel when the view is zoomed or panned away from the marks.
    if (solutionLabel_) solutionLabel_->setVisible(solutionMarked_ && xAxis->range().contains(solutionLabel_->position->key()));
    fitSolutionMarks();
    // A new height may group the atoms otherwise (an export's too, laid out before it is drawn).
    if (const ConvergenceCurve* curve = curveOf(snapshot_, method_, signal_);
        curve && filledRows_ != rasterRows(curve->atoms))
      fillRaster(*curve);
  });
  // Diverging and colour-blind safe: blue < 0, white at 0 (off the support), vermillion > 0.
  QCPColorGradient gradient;
  gradient.setColorStopAt(0.0, QColor(0, 114, 178));
  gradient.setColorStopAt(0.5, Qt::white);
  gradient.setColorStopAt(1.0, QColor(213, 94, 0));
  raster_->setGradient(gradient);
  // The solution's support, to the right of the last iterate: ▲ positive, ▼ negative.
  solutionPositive_ = addGraph();
  solutionNegative_ = addGraph();
  for (QCPGraph* marks : {solutionPositive_, solutionNegative_}) {
    marks->setLineStyle(QCPGraph::lsNone);
    marks->setPen(Qt::NoPen);  // a bar's outline would be the graph's pen (blue): fill only
  }
  solutionPositive_->setName("z* > 0");
  solutionNegative_->setName("z* < 0");
  // The plot has no legend (the raster fills it): the marks' column is named over it, in the figure too.
  solutionLabel_ = new QCPItemText(this);
  solutionLabel_->setText("z*");
  solutionLabel_->setFont(yAxis->labelFont());
  solutionLabel_->setClipToAxisRect(false);
  solutionLabel_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
  solutionLabel_->position->setTypeX(QCPItemPosition::ptPlotCoords);
  solutionLabel_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);

  withoutLogToggle();  // atom indices (and |Sₜ| below them) on a log axis would mean nothing
  bottom_ = addPanelBelow(0.5, "iteration t", "|Sₜ|");
  bottom_->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
  // The colour scale spans the raster's height, not the height of its row (which holds the x axis too).
  auto* rasterHeight = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, rasterHeight);
  scale_->setMarginGroup(QCP::msTop | QCP::msBottom, rasterHeight);
  supportSize_ = addGraph(bottom_->axis(QCPAxis::atBottom), bottom_->axis(QCPAxis::atLeft));
  supportSize_->setName("|Sₜ|");
  supportSize_->setPen(QPen(Qt::black, 1.5));
  supportSize_->setLineStyle(QCPGraph::lsStepLeft);
  rejected_ = addGraph(bottom_->axis(QCPAxis::atBottom), bottom_->axis(QCPAxis::atLeft));
  rejected_->setName("1/Lₛ step rejected");
  rejected_->setLineStyle(QCPGraph::lsNone);
  rejected_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QColor(213, 94, 0), 6));
}

void SupportRasterPlot::showSignal(const ConvergenceSnapshot& snapshot, MethodKey method, int signal) {
  snapshot_ = snapshot;
  method_ = method;
  signal_ = signal;
  const ConvergenceCurve* curve = curveOf(snapshot, method, signal);
  raster_->data()->clear();
  for (QCPGraph* g : {supportSize_, rejected_, solutionPositive_, solutionNegative_}) g->data()->clear();
  solutionMarked_ = false;
  if (!curve) {  // nothing run yet, or this signal has no iterates: say what would show
    // Nor where the last run's support stopped changing ("the run went on to t = 200").
    setAxisLabel(xAxis, {"iteration t"});
    setAxisLabel(bottom_->axis(QCPAxis::atBottom), {"iteration t"});
    setHintTitle(QString("Support evolution (%1)").arg(snapshot.solversHint()));
    rescaleUnlessUserView();
    replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const int m = curve->atoms;
  const int iterates = curve->iterates();
  const IterateHistory& history = *curve->history;
  // A long run whose support was found early ends a little after it: its last columns all alike
  // squeezed the ones that change into the axis's first per cent. The solution's marks follow the last.
  const int end = settledIterationEnd(settledAt(*curve, signal), iterates - 1);
  columns_ = end >= 0 ? end + 1 : iterates;
  const double largest = fillRaster(*curve);
  QVector<double> times, sizes, rejectedTimes, rejectedSizes;
  // Each level of |S_t| spans its iterate's column of the raster, t - 1/2 to t + 1/2 (held from its left
  // edge, the last one closed at its right edge): the support's changes line up with the raster's.
  for (int t = 0; t < iterates; ++t) {
    const int support = history.supportSize(t, signal);
    times.append(t - 0.5);
    sizes.append(support);
    if (history.rejected(t, signal)) {
      rejectedTimes.append(t);
      rejectedSizes.append(support);
    }
  }
  if (iterates > 0) times.append(iterates - 0.5), sizes.append(sizes.back());
  supportSize_->setData(times, sizes, true);
  rejected_->setData(rejectedTimes, rejectedSizes, true);
  double half = largest;
  if (snapshot.solution.size() >= static_cast<qsizetype>(curve->inspected) * m) {
    for (int i = 0; i < m; ++i) {
      const double z = snapshot.solution[static_cast<qsizetype>(signal) * m + i];
      if (z > 0) solutionPositive_->addData(columns_ + 1, i);
      if (z < 0) solutionNegative_->addData(columns_ + 1, i);
      half = std::max(half, std::abs(z));
    }
  }
  // Symmetric, so that 0 is white, and out to the solution's largest |z*|: the scale stays put while the
  // iterates grow towards it (over the all-zero z_0 a scale of its own would mean nothing). At least 1e-12:
  // at λ = λₘₐₓ the codes are 0 or rounding (2e-16), which would fill the colours (and QCustomPlot refuses
  // a range narrower than ~1e-280: it kept its last, painting an all-zero raster blue).
  half = std::max(half, 1e-12);
  raster_->setDataRange(QCPRange(-half, half));
  solutionLabel_->position->setCoords(columns_ + 1, 0.0);
  for (QCPAxis* axis : {xAxis, bottom_->axis(QCPAxis::atBottom)}) setIterationTicks(axis, columns_ - 1);
  solutionMarked_ = !solutionPositive_->data()->isEmpty() || !solutionNegative_->data()->isEmpty();
  const QString along = curve->network ? "layer t" : "iteration t";  // a network's iterates are its layers' outputs
  setAxisLabel(xAxis, end < 0 ? QStringList{along} : settledAxisLabels(along, iterates - 1, "the support unchanged"));
  // The crosses' key where nothing is drawn (the plot has no legend; in an exported figure neither), as a
  // key in parentheses: "iteration t   × 1/Lₛ step rejected" read as one label, t times 1/Lₛ.
  QStringList keyed{along};
  if (!rejectedTimes.isEmpty()) keyed = {along + kRejectedKeys[0], along + kRejectedKeys[1], along};
  setAxisLabel(bottom_->axis(QCPAxis::atBottom), keyed);
  setTitle(QString("Support evolution: %1, %2").arg(methodLabel(method), snapshot.signalName(signal)));
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

void SupportRasterPlot::fitSolutionMarks() {
  // Triangles (up: z* > 0, down: z* < 0) where the atoms are 7 px apart or more; closer, triangles would
  // overlap into a chain in which no mark can be read: a bar as tall as an atom's row then, in the sign's
  // colour.
  // The bar no taller than the row (one pixel at least), so that neighbours' signs do not hide each other.
  const double pitch = axisRect()->rect().height() / std::max(1.0, yAxis->range().size());
  const int barHeight = pitch < 7.0 ? std::clamp(int(pitch), 1, 5) : 0;  // 0: triangles
  if (marksBarHeight_ == barHeight && solutionPositive_->scatterStyle().shape() != QCPScatterStyle::ssNone) return;
  marksBarHeight_ = barHeight;
  const QColor positive(213, 94, 0), negative(0, 114, 178);
  if (barHeight == 0) {
    solutionPositive_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, positive, 7));
    solutionNegative_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, negative, 7));
    return;
  }
  QPainterPath bar;  // in pixels: a custom shape is scaled by size / 6
  bar.addRect(QRectF(-4.0, -barHeight / 2.0, 8.0, barHeight));
  solutionPositive_->setScatterStyle(QCPScatterStyle(bar, Qt::NoPen, positive, 6));
  solutionNegative_->setScatterStyle(QCPScatterStyle(bar, Qt::NoPen, negative, 6));
}

int SupportRasterPlot::settledAt(const ConvergenceCurve& curve, int signal) {
  auto& scan = settledScan_;
  if (scan.history != curve.history || scan.signal != signal) scan = {curve.history, signal, 1, 0};
  for (; scan.scanned < curve.iterates(); ++scan.scanned)
    if (curve.history->signsChanged(scan.scanned, signal) || curve.history->rejected(scan.scanned, signal)) scan.settled = scan.scanned;
  return scan.settled;
}

int SupportRasterPlot::rasterRows(int atoms) const {
  return std::clamp(axisRect()->rect().height() / 2, 1, std::max(1, atoms));
}

// More atoms than pixel rows would leave rows out of the drawing (scaled down, the picture keeps every
// k-th row: the largest coefficient could be one left out). So a row of the raster is then a group of
// neighbouring atoms, drawn as its coefficient of largest magnitude: every active atom shows.
double SupportRasterPlot::fillRaster(const ConvergenceCurve& curve) {
  const int m = curve.atoms, iterates = std::min(columns_, curve.iterates()), rows = rasterRows(m);
  filledRows_ = rows;
  const IterateHistory& history = *curve.history;
  raster_->data()->setSize(iterates, rows);
  // One iterate (t = 0, after Reset) is one column, -0.5 to 0.5: QCustomPlot spans a single cell over the
  // whole range, and 0 to 1 drew a white block over the grid to t = 1.
  raster_->data()->setRange(iterates > 1 ? QCPRange(0, iterates - 1) : QCPRange(-0.5, 0.5), QCPRange(0, m - 1));
  double largest = 0.0;
  for (int t = 0; t < iterates; ++t)
    for (int row = 0; row < rows; ++row) {
      double shown = 0.0;
      for (int i = int(qint64(row) * m / rows); i < int(qint64(row + 1) * m / rows); ++i)
        if (const double z = history.code(t, signal_, i); std::abs(z) > std::abs(shown)) shown = z;
      raster_->data()->setCell(t, row, shown);
      largest = std::max(largest, std::abs(shown));
    }
  return largest;
}

// Built on demand, from the iterates (every update building it would stall the UI thread).
QString SupportRasterPlot::toCsv() const {
  const ConvergenceCurve* curve = curveOf(snapshot_, method_, signal_);
  if (!curve) return {};
  const int m = curve->atoms;
  const int iterates = curve->iterates();
  const IterateHistory& history = *curve->history;
  QString csv = "iteration,support_size,ls_over_l,rejected";
  for (int i = 0; i < m; ++i) csv += QString(",z_%1").arg(i);
  csv += "\n";
  for (int t = 0; t < iterates; ++t) {
    QString values;
    for (int i = 0; i < m; ++i) values += "," + QString::number(history.code(t, signal_, i), 'g', 17);
    csv += QString("%1,%2,%3,%4").arg(t).arg(history.supportSize(t, signal_)).arg(history.lsOverL(t, signal_), 0, 'g', 17)
               .arg(history.rejected(t, signal_) ? 1 : 0) + values + "\n";
  }
  return csv;
}

double SupportRasterPlot::readOutKey(const QCPGraph* graph, double key) const {
  if (graph != supportSize_) return key;
  return std::min(key + 0.5, supportSize_->data()->at(supportSize_->dataCount() - 1)->key - 0.5);  // the closing point is t's too
}

void SupportRasterPlot::rescale() {
  // The solution's marks (7 px triangles) stand at t = last + 2: the range ends 8 px beyond them, so that
  // they show whole at any number of iterations. With U the range's end and W the axis's width in pixels,
  // U = marks + 8 (U + 0.5) / W.
  const double marks = solutionLabel_->position->key();
  const double width = std::max(40, axisRect()->width());
  xAxis->setRange(-0.5, std::max(2.0, (marks + 4.0 / width) / (1.0 - 8.0 / width)));
  yAxis->setRange(-0.5, std::max(1.0, raster_->data()->valueRange().upper + 0.5));
  bottom_->axis(QCPAxis::atLeft)->rescale();
  QCPRange range = bottom_->axis(QCPAxis::atLeft)->range();
  bottom_->axis(QCPAxis::atLeft)->setRange(0, std::max(1.0, range.upper * 1.1));
}


}  // namespace unfold::ui
