// LassoPlaneView's exports (lasso_plane_view.h): its two plots as figures, and the paths they show as a
// CSV, from a right click on either plot or the buttons under the side panel.
#include "teaching/lasso_plane_view.h"

#include "plots/figure_dialogs.h"

#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <qcustomplot.h>

namespace unfold::ui {

namespace {

QString number(double v) { return QString::number(v, 'g', 17); }

}  // namespace

QString LassoPlaneView::toCsv() const {
  const PlanePicture& p = picture_;
  // One row per step drawn: from z_t through the gradient step u_t to z_{t+1} = soft-threshold(u_t).
  QString out = "path,step,z1,z2,u1,u2,next_z1,next_z2,step_times_l,gap_after,rejected\n";
  const QCheckBox* shown[] = {showIsta_, showOista_, showSlista_};
  for (qsizetype k = 0; k < p.tracks.size(); ++k) {
    const PlaneTrack& t = p.tracks[k];
    if (k < 3 && !shown[k]->isChecked()) continue;
    for (int i = 0; i < std::min<int>(shown_, int(t.toX.size())); ++i)
      out += QString("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11\n").arg(t.method).arg(i + 1).arg(number(t.fromX[i]), number(t.fromY[i]),
                 number(t.gradX[i]), number(t.gradY[i]), number(t.toX[i]), number(t.toY[i]), number(t.stepTimesL[i]),
                 number(t.gap[i])).arg(t.rejected[i] ? 1 : 0);
  }
  for (qsizetype i = 0; i < manual_.size(); ++i) {
    const ManualStep& m = manual_[i];
    out += QString("manual,%1,%2,%3,%4,%5,%6,%7,%8,%9,0\n").arg(i + 1).arg(number(m.from[0]), number(m.from[1]), number(m.grad[0]),
               number(m.grad[1]), number(m.to[0]), number(m.to[1]), number(m.stepTimesL), number(m.gap));
  }
  return out;
}

QWidget* LassoPlaneView::buildExportRow(int width, const QMargins& margins) {
  auto* figure = new QPushButton("Export figure…");
  figure->setToolTip("The plane as PDF or PNG (right click the cost plot for its own)");
  auto* data = new QPushButton("Export data…");
  data->setToolTip("The steps drawn, as CSV: every path's z_t, gradient step, z_{t+1}, step and F − F*");
  // Its two lines are kept free from the start: a line that appeared on the first export would move the
  // buttons under the pointer, and a second click at the same place would miss.
  exportedText_ = new QLabel;
  exportedText_->setObjectName("exported");
  exportedText_->setFixedHeight(2 * exportedText_->fontMetrics().lineSpacing() + 2);
  exportedText_->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
  connect(figure, &QPushButton::clicked, this, [this] { exportFigure(plane_); });
  connect(plane_, &QCustomPlot::afterLayout, this, &LassoPlaneView::keepEqualScalesInFigure);
  connect(data, &QPushButton::clicked, this, &LassoPlaneView::exportData);
  for (QCustomPlot* plot : {plane_, cost_}) {
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot, &QWidget::customContextMenuRequested, this, [this, plot](const QPoint& at) {
      QMenu menu(plot);
      menu.addAction("Export figure…", this, [this, plot] { exportFigure(plot); });
      menu.addAction("Export data (CSV)…", this, &LassoPlaneView::exportData);
      menu.exec(plot->mapToGlobal(at));
    });
  }
  auto* box = new QWidget;
  box->setFixedWidth(width);
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(margins.left(), 0, margins.right(), 0);  // in line with the boxes above
  auto* row = new QHBoxLayout;
  row->addWidget(figure);
  row->addWidget(data);
  column->addWidget(exportedText_);
  column->addLayout(row);
  return box;
}

void LassoPlaneView::exportFigure(QCustomPlot* plot) {
  // The plane keeps equal scales at the figure's own shape (a one-column figure squashed the l1 ball into a
  // flat rhombus): laid out at that size, the axis with too few pixels a unit shows more around its centre.
  // The view on screen is left as it was.
  const QCPRange x = plane_->xAxis->range(), y = plane_->yAxis->range();
  figureAtEqualScales_ = plot == plane_;
  const QString path = exportFigureInteractively(plot, plot == plane_ ? "lasso-2d" : "lasso-2d-cost");
  if (figureAtEqualScales_) {
    figureAtEqualScales_ = false;
    plane_->xAxis->setRange(x);
    plane_->yAxis->setRange(y);
    plane_->replot();
  }
  if (!path.isEmpty()) sayExported(path);
}

void LassoPlaneView::keepEqualScalesInFigure() {
  const QRect rect = plane_->axisRect()->rect();
  QCPAxis *xAxis = plane_->xAxis, *yAxis = plane_->yAxis;
  if (!figureAtEqualScales_ || rect.width() <= 0 || rect.height() <= 0) return;
  const double across = rect.width() / xAxis->range().size(), up = rect.height() / yAxis->range().size();
  if (across > up) xAxis->setRange(xAxis->range().center(), rect.width() / up, Qt::AlignCenter);
  else if (up > across) yAxis->setRange(yAxis->range().center(), rect.height() / across, Qt::AlignCenter);
  else return;
  plane_->axisRect()->update(QCPLayoutElement::upPreparation);  // its ticks were made before the layout, for the old ranges
}

void LassoPlaneView::exportData() {
  const QString csv = toCsv();
  if (csv.count('\n') < 2) {  // the header alone: a file that says "exported" and holds nothing
    exportedText_->setText("No step drawn yet: take one\n(Step or Play), then export the steps");
    exportedText_->setToolTip({});
    return;
  }
  if (const QString path = exportDataInteractively(this, "lasso-2d-steps", csv); !path.isEmpty()) sayExported(path);
}

void LassoPlaneView::sayExported(const QString& path) {
  // The path on a line of its own (it has no space to wrap at), shortened in the middle where it is longer
  // than the line, the whole of it in the tooltip.
  const QString shown = exportedText_->fontMetrics().elidedText(QDir::toNativeSeparators(path), Qt::ElideMiddle,
                                                                exportedText_->contentsRect().width());
  exportedText_->setText("Exported to\n" + shown);
  exportedText_->setToolTip(QDir::toNativeSeparators(path));
}

}  // namespace unfold::ui
