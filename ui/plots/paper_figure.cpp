#include "plots/paper_figure.h"

#include "base/input_error.h"
#include "plots/axis_ticks.h"
#include "plots/plot_export.h"

#include <QDir>

namespace unfold::ui {

namespace {
constexpr double kFontPt = 10.5;  // ticks and labels: readable at 300 dpi on paper and on a projector
constexpr const char* kBandLayer = "bands";
}  // namespace

PaperFigure::PaperFigure(const QString& title, int rows, int columns, int widthPx, int heightPx)
    : width_(widthPx), height_(heightPx) {
  plot_.resize(widthPx, heightPx);
  // Linear axes' numbers a readable distance apart in the figure's larger type (a short panel's
  // "12.5 10 7.5 5 2.5 0" ran together): ~85 px a tick across, ~30 up.
  QObject::connect(&plot_, &QCustomPlot::afterLayout, &plot_, [plot = &plot_] { fitLinearTickCounts(*plot, 85, 30); });
  QFont font = plot_.font();
  font.setPointSizeF(kFontPt);
  plot_.setFont(font);
  plot_.plotLayout()->clear();
  // The title's first line in bold; a second line (the setting) in the plain font.
  auto* heading = new QCPTextElement(&plot_, title.section('\n', 0, 0), QFont(font.family(), kFontPt + 1.5, QFont::Bold));
  plot_.plotLayout()->addElement(0, 0, heading);
  if (title.contains('\n')) {
    auto* setting = new QCPTextElement(&plot_, title.section('\n', 1), font);
    setting->setMargins(QMargins(0, 0, 0, 4));
    plot_.plotLayout()->insertRow(1);
    plot_.plotLayout()->addElement(1, 0, setting);
  }
  const int top = plot_.plotLayout()->rowCount();
  panels_ = new QCPLayoutGrid;
  plot_.plotLayout()->addElement(top, 0, panels_);
  // Panels in a column share their left and right margins, in a row their top and bottom ones.
  QVector<QCPMarginGroup*> columnMargins, rowMargins;
  for (int c = 0; c < columns; ++c) columnMargins << new QCPMarginGroup(&plot_);
  for (int r = 0; r < rows; ++r) rowMargins << new QCPMarginGroup(&plot_);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      auto* rect = new QCPAxisRect(&plot_);
      rect->setMarginGroup(QCP::msLeft | QCP::msRight, columnMargins[c]);
      rect->setMarginGroup(QCP::msTop | QCP::msBottom, rowMargins[r]);
      for (QCPAxis* axis : rect->axes()) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
      }
      rect->axis(QCPAxis::atBottom)->grid()->setVisible(true);
      rect->axis(QCPAxis::atLeft)->grid()->setVisible(true);
      panels_->addElement(r, c, rect);
    }
  }
  // The legend in a row of its own, entries side by side.
  legend_ = new QCPLegend;
  legend_->setFont(font);
  legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend_->setWrap(4);
  legend_->setBorderPen(Qt::NoPen);
  legend_->setIconTextPadding(12);  // SVG viewers' font metrics differ from Qt's: text clear of the icons there too
  plot_.plotLayout()->addElement(top + 1, 0, legend_);
  for (int row = 0; row < plot_.plotLayout()->rowCount(); ++row)
    plot_.plotLayout()->setRowStretchFactor(row, row == top ? 1.0 : 0.001);
  plot_.legend = legend_;
}

QCPAxisRect* PaperFigure::panel(int row, int column) const {
  return qobject_cast<QCPAxisRect*>(panels_->element(row, column));
}

QCPGraph* PaperFigure::addLine(QCPAxisRect* panel, const QString& name, const QVector<double>& x, const QVector<double>& y,
                               const QPen& pen, bool legend, QCPScatterStyle::ScatterShape marker) {
  QCPGraph* g = plot_.addGraph(panel->axis(QCPAxis::atBottom), panel->axis(QCPAxis::atLeft));
  g->setName(name);
  g->setPen(pen);
  g->setData(x, y, true);
  if (marker != QCPScatterStyle::ssNone) g->setScatterStyle(QCPScatterStyle(marker, pen.color(), pen.color(), 6));
  g->removeFromLegend();
  if (legend && !listed_.contains(name)) {  // a method drawn on several panels is listed once
    listed_.insert(name);
    g->addToLegend(legend_);
  }
  return g;
}

void PaperFigure::addBand(QCPAxisRect* panel, const QVector<double>& x, const QVector<double>& lower,
                          const QVector<double>& upper, const QColor& color, const QString& name) {
  QCPGraph* top = addLine(panel, name, x, upper, Qt::NoPen, !name.isEmpty());
  QCPGraph* bottom = addLine(panel, QString(), x, lower, Qt::NoPen, false);
  // Under every line, whatever the order they were added in: a translucent band over a line tints it, and
  // the line no longer has its legend's colour.
  if (!plot_.layer(kBandLayer)) plot_.addLayer(kBandLayer, plot_.layer("main"), QCustomPlot::limBelow);
  top->setLayer(kBandLayer);
  bottom->setLayer(kBandLayer);
  QColor fill = color;
  fill.setAlpha(50);
  top->setBrush(fill);
  top->setChannelFillGraph(bottom);
}

void PaperFigure::setLogarithmic(QCPAxis* axis) {
  ui::setLogarithmic(axis);
}

void PaperFigure::fitLogarithmic(QCPAxis* axis, double margin) {
  setLogarithmic(axis);
  axis->rescale();
  const QCPRange range = axis->range();
  axis->setRange(range.lower / margin, range.upper * margin);
}

void PaperFigure::setPanelTitle(QCPAxisRect* panel, const QString& title) {
  // A title above one panel: the panel's top axis label.
  QCPAxis* top = panel->axis(QCPAxis::atTop);
  top->setVisible(true);
  top->setTicks(false);
  top->setTickLabels(false);
  top->setBasePen(Qt::NoPen);
  top->setLabel(title);
}

void PaperFigure::alignLegendWithPanels() {
  // The legend's first column starts where the panels do: a row from the figure's edge, under the y label,
  // reads as apart from the panels.
  if (legend_->itemCount() == 0) return;
  QMargins margins = legend_->margins();
  margins.setLeft(std::max(0, margins.left() + panel(0, 0)->left() - legend_->item(0)->rect().left()));
  legend_->setMargins(margins);
}

void PaperFigure::setRowStretch(const QList<double>& factors) { panels_->setRowStretchFactors(factors); }

QByteArray PaperFigure::render(const QString& suffix) {
  plot_.replot();  // lays the panels out
  alignLegendWithPanels();
  // As many legend entries side by side as fit the width.
  for (int columns = 5; columns >= 1; --columns) {
    legend_->setWrap(columns);
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    if (legend_->minimumOuterSizeHint().width() <= width_ - 40) break;
  }
  plot_.replot();
  alignLegendWithPanels();  // the legend's new height may have moved the panels' edge a tick label's width
  QString error;
  const QByteArray bytes = renderPlot(&plot_, suffix, FigureSize{width_, height_, 300}, &error);
  if (!error.isEmpty()) throw InputError(error.toStdString());
  return bytes;
}

}  // namespace unfold::ui
