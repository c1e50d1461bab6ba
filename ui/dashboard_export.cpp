#include "dashboard_export.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include <qcustomplot.h>

namespace unfold::ui {

namespace {

// Draws every plot at its place in `frame` (window coordinates shifted to the frame's corner).
bool paintPlots(QPaintDevice* device, const QList<QCustomPlot*>& plots, QWidget* window, const QRect& frame, double scale) {
  QCPPainter painter;
  if (!painter.begin(device)) return false;
  painter.setRenderHint(QPainter::Antialiasing);
  painter.scale(scale, scale);
  painter.fillRect(QRect(QPoint(0, 0), frame.size()), Qt::white);
  for (QCustomPlot* plot : plots) {
    const QPoint corner = plot->mapTo(window, QPoint(0, 0)) - frame.topLeft();
    painter.save();
    painter.translate(corner);
    const QCP::AntialiasedElements screen = plot->notAntialiasedElements();
    plot->setNotAntialiasedElements(QCP::aeNone);  // figures are antialiased everywhere
    plot->toPainter(&painter, plot->width(), plot->height());
    plot->setNotAntialiasedElements(screen);
    painter.restore();
  }
  return painter.end();
}

}  // namespace

QString exportDashboard(QWidget* window, const QList<QCustomPlot*>& shown, const QString& path, int dpi) {
  const QFileInfo target(path);
  const QString suffix = target.suffix().toLower();
  if (suffix != "png" && suffix != "pdf" && suffix != "svg")
    return QString("%1: unknown figure type (use .png, .pdf or .svg)").arg(path);
  if (!target.absoluteDir().exists()) return QString("%1: the folder does not exist").arg(path);
  QList<QCustomPlot*> plots;
  QRect frame;
  for (QCustomPlot* plot : shown) {
    if (!plot->isVisible() || plot->width() < 2 || plot->height() < 2) continue;  // closed or tabbed away
    plots << plot;
    frame = frame.united(QRect(plot->mapTo(window, QPoint(0, 0)), plot->size()));
  }
  if (plots.isEmpty()) return QString("%1: no plot is visible").arg(path);
  QTemporaryFile temporary(target.absoluteDir().filePath(".export-XXXXXX." + suffix));
  if (!temporary.open()) return QString("%1: cannot write in this folder (%2)").arg(path, temporary.errorString());
  const QString scratch = temporary.fileName();
  // QTemporaryFile creates 0600: a figure is for sharing, like any file the user saves.
  temporary.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
  temporary.close();
  bool ok = false;
  if (suffix == "png") {
    const double scale = dpi / 96.0;
    QImage image(frame.size() * scale, QImage::Format_ARGB32);
    image.setDotsPerMeterX(static_cast<int>(dpi / 0.0254));
    image.setDotsPerMeterY(static_cast<int>(dpi / 0.0254));
    ok = paintPlots(&image, plots, window, frame, scale) && image.save(scratch, "PNG");
  } else if (suffix == "pdf") {
    QPdfWriter pdf(scratch);
    pdf.setResolution(96);  // one widget pixel = one PDF pixel: the layout stays as on screen
    pdf.setPageSize(QPageSize(QSizeF(frame.width() * 72.0 / 96, frame.height() * 72.0 / 96), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle("Unfold Lab dashboard");
    ok = paintPlots(&pdf, plots, window, frame, 1.0);
  } else {
    QSvgGenerator svg;
    svg.setFileName(scratch);
    svg.setSize(frame.size());
    svg.setViewBox(QRect(QPoint(0, 0), frame.size()));
    svg.setResolution(window->logicalDpiX());
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
