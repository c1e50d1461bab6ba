// Exports the whole dashboard, every visible plot where it sits in the window, as one figure: PNG at a
// chosen DPI, or PDF and SVG with the plots drawn as vectors (QCustomPlot::toPainter). Written to a
// temporary file and renamed, like single plots (plot_export.h).
#pragma once

#include <QList>
#include <QString>

class QCustomPlot;
class QWidget;

namespace unfold::ui {

// `window`: the coordinate frame (the main window); the figure is the bounding box of the plots.
// Returns an empty string on success, else a message naming the file and the problem.
QString exportDashboard(QWidget* window, const QList<QCustomPlot*>& plots, const QString& path, int dpi = 300);

}  // namespace unfold::ui
