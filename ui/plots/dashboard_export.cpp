#include "plots/dashboard_export.h"

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
#include <QTemporaryFile>
#include <qcustomplot.h>

#include <cmath>

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
bool paintPlots(QPaintDevice* device, const QList<WorkbenchPlot*>& plots, QWidget* window, const QRect& frame, double scale) {
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
    plot->toPainter(&painter, plot->width(), plot->height());
    plot->setNotAntialiasedElements(screen);
    painter.restore();
  }
  return painter.end();
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
  const QFileInfo target(path);
  const QString suffix = target.suffix().toLower();
  if (suffix != "png" && suffix != "pdf" && suffix != "svg")
    return QString("%1: unknown figure type (use .png, .pdf or .svg)").arg(path);
  if (!target.absoluteDir().exists()) return QString("%1: the folder does not exist").arg(path);
  const QList<WorkbenchPlot*> plots = plotsInDashboard(window, all);
  const QRect frame = dashboardFrame(window, all);
  if (plots.isEmpty())
    return plotsOnScreen(window, all).isEmpty() ? QString("%1: no plot is visible").arg(path)
                                                : QString("%1: no plot shows results yet (run a solver first)").arg(path);
  QTemporaryFile temporary(target.absoluteDir().filePath(".export-XXXXXX." + suffix));
  if (!temporary.open()) return QString("%1: cannot write in this folder (%2)").arg(path, temporary.errorString());
  const QString scratch = temporary.fileName();
  // QTemporaryFile creates 0600: a figure is for sharing, like any file the user saves.
  temporary.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
  temporary.close();
  const int screenDpi = window->logicalDpiX();
  const int screenDotsPerMeter = static_cast<int>(std::lround(screenDpi / 0.0254));
  bool ok = false;
  if (suffix == "png") {
    const double scale = double(dpi) / screenDpi;
    QImage image((QSizeF(frame.size()) * scale).toSize(), QImage::Format_ARGB32);
    // Painted at the screen's dpi, so that fonts resolve to the screen's pixel sizes and the painter's
    // scale alone makes them larger; the print dpi is only the file's metadata, set once painted (set
    // before, it would make the fonts resolve at that dpi and then be scaled again).
    image.setDotsPerMeterX(screenDotsPerMeter);
    image.setDotsPerMeterY(screenDotsPerMeter);
    ok = paintPlots(&image, plots, window, frame, scale);
    image.setDotsPerMeterX(static_cast<int>(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(dpi / 0.0254)));
    ok = ok && image.save(scratch, "PNG");
  } else if (suffix == "pdf") {
    QPdfWriter pdf(scratch);
    pdf.setResolution(screenDpi);  // one widget pixel = one PDF pixel: the layout stays as on screen
    pdf.setPageSize(QPageSize(QSizeF(frame.width() * 72.0 / screenDpi, frame.height() * 72.0 / screenDpi), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle("Unfold Lab dashboard");
    ok = paintPlots(&pdf, plots, window, frame, 1.0);
  } else {
    QSvgGenerator svg;
    svg.setFileName(scratch);
    svg.setSize(frame.size());
    svg.setViewBox(QRect(QPoint(0, 0), frame.size()));
    svg.setResolution(screenDpi);  // the default 72 dpi would shrink the text by ~25 %
    svg.setTitle("Unfold Lab dashboard");
    ok = paintPlots(&svg, plots, window, frame, 1.0);
  }
  if (!ok || QFileInfo(scratch).size() == 0) return QString("%1: the dashboard could not be rendered").arg(path);
  QFile::remove(path);
  if (!QFile::rename(scratch, path)) return QString("%1: cannot replace the file").arg(path);
  temporary.setAutoRemove(false);
  return {};
}

}  // namespace unfold::ui
