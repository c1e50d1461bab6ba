// Exports the whole dashboard as one figure: the plots that are on screen, each where it sits in the
// window, as a PNG at a chosen DPI, or a PDF or SVG with the plots drawn as vectors
// (QCustomPlot::toPainter). Plots in a closed dock, a tab that is not the current one or a floating dock
// are left out: the figure is what the window shows, less the plots that show no results yet (a title
// saying "train a network to see it" is an instruction, not part of a figure). Written to a temporary
// file and renamed, like single plots (plot_export.h).
#pragma once

#include <QList>
#include <QRect>
#include <QString>

class QWidget;

namespace unfold::ui {

class WorkbenchPlot;

// The plots of `plots` that `window` shows: visible, docked in it, and the current tab of their dock group.
QList<WorkbenchPlot*> plotsOnScreen(QWidget* window, const QList<WorkbenchPlot*>& plots);
// Those of them that show results (WorkbenchPlot::showsResults): the plots of the figure.
QList<WorkbenchPlot*> plotsInDashboard(QWidget* window, const QList<WorkbenchPlot*>& plots);
// Their bounding box in `window` coordinates (widget pixels): the figure's frame. Empty if there are none.
QRect dashboardFrame(QWidget* window, const QList<WorkbenchPlot*>& plots);

// A PNG is the frame at dpi / (the window's logical dpi) pixels per widget pixel, so that a font of p
// points is p/72 inch tall at `dpi`; PDF and SVG pages are the frame at the window's logical dpi.
// Returns an empty string on success, else a message naming the file and the problem.
QString exportDashboard(QWidget* window, const QList<WorkbenchPlot*>& plots, const QString& path, int dpi = 300);

}  // namespace unfold::ui
