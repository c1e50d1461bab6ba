#include "plots/dashboard_export.h"

#include "plots/legend_icons.h"
#include "plots/plottables_clipped_to_axes.h"

#include "plots/plot_export.h"
#include "plots/workbench_plot.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMainWindow>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTabBar>
#include <qcustomplot.h>

#include <cmath>
#include <optional>

namespace unfold::ui {

namespace {

// Whether `dock` is a tab behind another one. A tabbed-away dock is not reliably reported hidden (its
// widgets may keep isVisible() and a stale geometry), so the tab bar of its group is asked: the group's
// docks are tabs of one QTabBar of the main window, and only the current tab is on screen.
bool tabbedAway(QDockWidget* dock, QMainWindow* window) {
  const QList<QDockWidget*> group = window->tabifiedDockWidgets(dock);
  if (group.isEmpty()) return false;
  for (QTabBar* bar : window->findChildren<QTabBar*>(Qt::FindDirectChildrenOnly)) {
    if (!bar->isVisible()) continue;
    bool holdsGroup = false;
    for (int i = 0; i < bar->count(); ++i) holdsGroup |= bar->tabText(i) == dock->windowTitle();
    for (QDockWidget* other : group) {
      bool found = false;
      for (int i = 0; i < bar->count(); ++i) found |= bar->tabText(i) == other->windowTitle();
      holdsGroup &= found;
    }
    if (holdsGroup) return bar->tabText(bar->currentIndex()) != dock->windowTitle();
  }
  return false;
}

bool onScreen(QCustomPlot* plot, QWidget* window) {
  if (!plot->isVisible() || plot->width() < 2 || plot->height() < 2 || plot->window() != window) return false;
  auto* main = qobject_cast<QMainWindow*>(window);
  for (QWidget* w = plot->parentWidget(); w && w != window; w = w->parentWidget()) {
    auto* dock = qobject_cast<QDockWidget*>(w);
    if (!dock) continue;
    if (!dock->isVisible() || dock->isFloating() || (main && tabbedAway(dock, main))) return false;
  }
  return true;
}

// Draws every plot at its place in `frame` (window coordinates shifted to the frame's corner).
// An SVG keeps no clip paths: the plottables are cut to their axes, and for `svg` the legends' lines to
// their icons.
bool paintPlots(QPaintDevice* device, const QList<WorkbenchPlot*>& plots, QWidget* window, const QRect& frame, double scale,
                bool svg = false) {
  QCPPainter painter;
  if (!painter.begin(device)) return false;
  painter.setRenderHint(QPainter::Antialiasing);
  painter.scale(scale, scale);
  painter.fillRect(QRect(QPoint(0, 0), frame.size()), Qt::white);
  for (WorkbenchPlot* plot : plots) {
    const QPoint corner = plot->mapTo(window, QPoint(0, 0)) - frame.topLeft();
    painter.save();
    painter.translate(corner);
    painter.setClipRect(QRect(QPoint(0, 0), plot->size()));  // a plot never draws over its neighbour
    const QCP::AntialiasedElements screen = plot->notAntialiasedElements();
    plot->setNotAntialiasedElements(QCP::aeNone);  // figures are antialiased everywhere
    plot->layOutForFigure(plot->size());  // as every figure of a plot, at the size it has here
    {
      const PlottablesClippedToAxes clipped(plot);  // in every format: a PDF's or PNG's loses nothing
      std::optional<QScopeGuard<std::function<void()>>> icons;
      if (svg) icons.emplace(legendIconsUnclipped(plot));
      plot->toPainter(&painter, plot->width(), plot->height());
    }
    plot->layOutForScreen();
    plot->setNotAntialiasedElements(screen);
    painter.restore();
  }
  return painter.end();
}

// The figure of `plots` as they stand in `window`, into a .png (at `dpi`), .pdf or .svg file.
bool paintDashboard(const QString& scratch, QWidget* window, const QList<WorkbenchPlot*>& plots, const QRect& frame, int dpi) {
  const QString suffix = QFileInfo(scratch).suffix();
  const int screenDpi = window->logicalDpiX();
  const int screenDotsPerMeter = static_cast<int>(std::lround(screenDpi / 0.0254));
  if (suffix == "png") {
    const double scale = double(dpi) / screenDpi;
    QImage image((QSizeF(frame.size()) * scale).toSize(), QImage::Format_ARGB32);
    // Painted at the screen's dpi, so that fonts resolve to the screen's pixel sizes and the painter's
    // scale alone makes them larger; the print dpi is only the file's metadata, set once painted (set
    // before, it would make the fonts resolve at that dpi and then be scaled again).
    image.setDotsPerMeterX(screenDotsPerMeter);
    image.setDotsPerMeterY(screenDotsPerMeter);
    if (!paintPlots(&image, plots, window, frame, scale)) return false;
    image.setDotsPerMeterX(static_cast<int>(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(dpi / 0.0254)));
    return image.save(scratch, "PNG");
  }
  if (suffix == "pdf") {
    QPdfWriter pdf(scratch);
    pdf.setResolution(screenDpi);  // one widget pixel = one PDF pixel: the layout stays as on screen
    pdf.setPageSize(QPageSize(QSizeF(frame.width() * 72.0 / screenDpi, frame.height() * 72.0 / screenDpi), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle("Unfold Lab dashboard");
    return paintPlots(&pdf, plots, window, frame, 1.0);
  }
  QSvgGenerator svg;
  svg.setFileName(scratch);
  svg.setSize(frame.size());
  svg.setViewBox(QRect(QPoint(0, 0), frame.size()));
  svg.setResolution(screenDpi);  // the default 72 dpi would shrink the text by ~25 %
  svg.setTitle("Unfold Lab dashboard");
  return paintPlots(&svg, plots, window, frame, 1.0, true);
}

}  // namespace

QList<WorkbenchPlot*> plotsOnScreen(QWidget* window, const QList<WorkbenchPlot*>& plots) {
  QList<WorkbenchPlot*> shown;
  for (WorkbenchPlot* plot : plots)
    if (onScreen(plot, window)) shown << plot;
  return shown;
}

QList<WorkbenchPlot*> plotsInDashboard(QWidget* window, const QList<WorkbenchPlot*>& plots) {
  QList<WorkbenchPlot*> shown = plotsOnScreen(window, plots);
  shown.removeIf([](const WorkbenchPlot* plot) { return !plot->showsResults(); });
  return shown;
}

QRect dashboardFrame(QWidget* window, const QList<WorkbenchPlot*>& plots) {
  QRect frame;
  for (WorkbenchPlot* plot : plotsInDashboard(window, plots)) frame = frame.united(QRect(plot->mapTo(window, QPoint(0, 0)), plot->size()));
  return frame;
}

QString exportDashboard(QWidget* window, const QList<WorkbenchPlot*>& all, const QString& path, int dpi) {
  if (const QString error = figurePathError(path); !error.isEmpty()) return error;
  const QList<WorkbenchPlot*> plots = plotsInDashboard(window, all);
  const QRect frame = dashboardFrame(window, all);
  if (plots.isEmpty())
    return plotsOnScreen(window, all).isEmpty() ? QString("%1: no plot is visible").arg(path)
                                                : QString("%1: no plot shows results yet (run a solver first)").arg(path);
  return writeRenderedFile(path, "dashboard", [&](const QString& scratch) {
    return paintDashboard(scratch, window, plots, frame, dpi);
  });
}

}  // namespace unfold::ui
