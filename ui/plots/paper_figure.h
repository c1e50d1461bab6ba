// A figure for print and slides, drawn with QCustomPlot off screen: a fixed size (in widget pixels at
// 96 dpi), fonts large enough for a projector, the legend in its own row under the panels so it never
// covers data, panels aligned, a colour-blind safe palette (method_palette.h). render() gives the bytes of the
// PNG (300 dpi), PDF or SVG file, for the caller to write with its other outputs all-or-none.
#pragma once

#include <QString>
#include <QStringList>

#include <qcustomplot.h>

namespace unfold::ui {

class PaperFigure {
 public:
  // `rows` x `columns` panels under a title ("What it shows\nthe setting": the second line in plain type).
  PaperFigure(const QString& title, int rows, int columns, int widthPx = 720, int heightPx = 450);

  QCPAxisRect* panel(int row, int column) const;
  QCustomPlot& plot() { return plot_; }
  // A line (optionally with markers) on a panel; `legend`: listed once under the panels.
  QCPGraph* addLine(QCPAxisRect* panel, const QString& name, const QVector<double>& x, const QVector<double>& y,
                    const QPen& pen, bool legend = true, QCPScatterStyle::ScatterShape marker = QCPScatterStyle::ssNone);
  // A shaded band between `lower` and `upper`; listed in the legend when it has a `name`.
  void addBand(QCPAxisRect* panel, const QVector<double>& x, const QVector<double>& lower, const QVector<double>& upper,
               const QColor& color, const QString& name = {});
  static void setLogarithmic(QCPAxis* axis);
  // Logarithmic over what is drawn along it, `margin` times beyond the lowest and the highest value (a
  // curve at the edge would lie on the frame).
  static void fitLogarithmic(QCPAxis* axis, double margin);
  void setPanelTitle(QCPAxisRect* panel, const QString& title);
  void setRowStretch(const QList<double>& factors);

  // The figure as a .png (300 dpi), .pdf or .svg file's bytes, by `suffix`; throws InputError.
  QByteArray render(const QString& suffix);

 private:
  void alignLegendWithPanels();  // after a layout
  QCustomPlot plot_;
  QCPLayoutGrid* panels_ = nullptr;
  QCPLegend* legend_ = nullptr;
  QSet<QString> listed_;
  int width_, height_;
};

}  // namespace unfold::ui
