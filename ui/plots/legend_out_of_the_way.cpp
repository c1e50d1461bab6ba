#include "plots/legend_out_of_the_way.h"

#include "plots/legend_icons.h"

#include <qcustomplot.h>

namespace unfold::ui {

namespace {

class LegendPlacer : public QObject {
 public:
  explicit LegendPlacer(QCustomPlot* plot)
      : QObject(plot), plot_(plot), font_(plot->legend->font()), icon_(plot->legend->iconSize()),
        padding_(plot->legend->iconTextPadding()), wrap_(plot->legend->wrap()), order_(plot->legend->fillOrder()) {
    // After each layout, at the size being drawn (a figure is laid out without a replot), and once more
    // where the legend's place or look changed.
    connect(plot, &QCustomPlot::afterLayout, this, &LegendPlacer::place);
  }

 private:
  struct Look {
    bool inRow;
    double pointSize;
    int wrap;
    QSize icon;
    bool operator==(const Look&) const = default;
  };

  Look look() const {
    const QCPLegend* legend = plot_->legend;
    return {!plot_->axisRect()->insetLayout()->elements(false).contains(legend), legend->font().pointSizeF(), legend->wrap(),
            legend->iconSize()};
  }

  void place() {
    if (placing_) return;
    placing_ = true;
    const Look before = look();
    QCPLegend* legend = plot_->legend;
    // Measured as it looks inside.
    legend->setFont(font_);
    setLegendIcons(legend, icon_, padding_);
    legend->setWrap(wrap_);
    legend->setFillOrder(order_, true);
    const QSize inside = legend->minimumOuterSizeHint();
    const QRect drawn = plot_->viewport();
    const bool small = legend->visible() &&
                       double(inside.width()) * inside.height() > kLegendShareInside * drawn.width() * drawn.height();
    if (small != before.inRow) moveLegend(small);
    if (small) fitRow(drawn.width());
    if (look() != before)  // laid out again, as QCustomPlot::updateLayout (protected) does
      for (const auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plot_->plotLayout()->update(phase);
    placing_ = false;
  }

  void moveLegend(bool toRow) {
    QCPLegend* legend = plot_->legend;
    QCPLayoutInset* inset = plot_->axisRect()->insetLayout();
    if (toRow) {
      alignment_ = inset->insetAlignment(int(inset->elements(false).indexOf(legend)));
      border_ = legend->borderPen();
      legend->setBorderPen(Qt::NoPen);  // a box as wide as the figure frames nothing, and its foot fell off the page
      inset->take(legend);
      inset->simplify();
      const int row = plot_->plotLayout()->rowCount();
      plot_->plotLayout()->addElement(row, 0, legend);
      plot_->plotLayout()->setRowStretchFactor(row, 0.001);  // as tall as its entries
    } else {
      plot_->plotLayout()->take(legend);
      plot_->plotLayout()->simplify();
      inset->addElement(legend, alignment_);
      legend->setBorderPen(border_);
    }
  }

  // The compact look (small icons), as many entries a row as the width takes, at a smaller font until two
  // do (or, where none does, at the smallest: the row's height is the axes' loss).
  void fitRow(int width) {
    QCPLegend* legend = plot_->legend;
    setLegendIcons(legend, QSize(16, 10), 4);
    QFont font = font_;
    for (double size = font_.pointSizeF(); size > 0; size -= 0.5) {
      font.setPointSizeF(size);
      legend->setFont(font);
      int columns = legend->itemCount();
      for (; columns > 1; --columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
        if (legend->minimumOuterSizeHint().width() <= width - 8) break;
      }
      legend->setWrap(columns);
      legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
      if (columns >= 2 || size - 0.5 < 7.0) break;
    }
  }

  QCustomPlot* plot_;
  const QFont font_;
  const QSize icon_;
  const int padding_;
  const int wrap_;
  const QCPLayoutGrid::FillOrder order_;
  Qt::Alignment alignment_ = Qt::AlignTop | Qt::AlignRight;
  QPen border_;
  bool placing_ = false;
};

}  // namespace

void keepLegendOutOfTheWay(QCustomPlot* plot) { new LegendPlacer(plot); }

}  // namespace unfold::ui
