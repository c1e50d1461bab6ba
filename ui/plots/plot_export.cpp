#include "plots/plot_export.h"

#include "base/input_error.h"
#include "io/matrix_file.h"
#include "io/output_files.h"
#include "plots/legend_icons.h"
#include "plots/plottables_clipped_to_axes.h"
#include "plots/workbench_plot.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSettings>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <iostream>

namespace unfold::ui {

namespace {

bool renderSvg(QCustomPlot* plot, const QString& path, int width, int height) {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(QSize(width, height));
  svg.setViewBox(QRect(0, 0, width, height));
  svg.setResolution(plot->logicalDpiX());  // the default 72 dpi shrinks the text by ~25 %
  svg.setTitle("Unfold Lab figure");
  QCPPainter painter;
  if (!painter.begin(&svg)) return false;
  const PlottablesClippedToAxes clipped(plot);  // the figure's ranges: a workbench plot was laid out for it
  const auto icons = legendIconsUnclipped(plot);
  plot->toPainter(&painter, width, height);
  return painter.end();
}

// A page of the figure's pixels at 96 to the inch, the size the figure dialog offers in cm (8.5 cm for a
// journal's column); QCustomPlot's savePdf makes a pixel a point, a third larger, which a journal then
// shrinks, fonts and all.
bool renderPdf(QCustomPlot* plot, const QString& path, int width, int height) {
  QPdfWriter pdf(path);
  constexpr double dpi = 96.0;
  pdf.setResolution(int(dpi));  // one figure pixel = one PDF pixel
  pdf.setPageSize(QPageSize(QSizeF(width * 72.0 / dpi, height * 72.0 / dpi), QPageSize::Point, QString(), QPageSize::ExactMatch));
  pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
  pdf.setTitle("Unfold Lab figure");
  pdf.setCreator("Unfold Lab");
  QCPPainter painter;
  if (!painter.begin(&pdf)) return false;
  plot->toPainter(&painter, width, height);
  return painter.end();
}

// Renders into `scratch`, a file whose suffix names the format (QCustomPlot picks the format from it).
bool renderPlotFile(QCustomPlot* plot, const QString& scratch, const QString& suffix, const FigureSize& size) {
  const int width = size.widthPx > 0 ? size.widthPx : plot->width();
  const int height = size.heightPx > 0 ? size.heightPx : plot->height();
  // Figures are antialiased everywhere (the screen skips it for filled bands, for speed).
  const QCP::AntialiasedElements screen = plot->notAntialiasedElements();
  plot->setNotAntialiasedElements(QCP::aeNone);
  auto* workbenchPlot = qobject_cast<WorkbenchPlot*>(plot);
  if (workbenchPlot) workbenchPlot->layOutForFigure(QSize(width, height), size.title, size.legend);
  // Another plot (the 2-D view's) leaves its legend out by hiding it while it is drawn.
  const bool hideLegend = !workbenchPlot && !size.legend && plot->legend->visible();
  if (hideLegend) plot->legend->setVisible(false);
  bool ok = false;
  if (suffix == "png") ok = plot->savePng(scratch, width, height, size.dpi / 96.0, -1, size.dpi);
  else if (suffix == "pdf") ok = renderPdf(plot, scratch, width, height);
  else ok = renderSvg(plot, scratch, width, height);
  plot->setNotAntialiasedElements(screen);
  if (hideLegend) plot->legend->setVisible(true);
  // The layout is the figure's until the next replot: the window's again at once (a click on the plot
  // would otherwise be placed by the figure's geometry).
  if (workbenchPlot) workbenchPlot->layOutForScreen();
  else plot->replot(QCustomPlot::rpQueuedReplot);
  return ok;
}

bool isFigureType(const QString& suffix) { return suffix == "png" || suffix == "pdf" || suffix == "svg"; }

}  // namespace

QString pngSizeText(QSize frame, double frameDpi, int dpi) {
  const double cmPerPixel = 2.54 / frameDpi, scale = dpi / frameDpi;  // QCustomPlot rounds the scaled size
  return QString("%1 × %2 px, %3 × %4 cm at %5 dpi")
      .arg(qRound(frame.width() * scale))
      .arg(qRound(frame.height() * scale))
      .arg(frame.width() * cmPerPixel, 0, 'f', 1)
      .arg(frame.height() * cmPerPixel, 0, 'f', 1)
      .arg(dpi);
}

QString figurePathError(const QString& path) {
  const QFileInfo target(path);
  if (!isFigureType(target.suffix().toLower())) return QString("%1: unknown figure type (use .png, .pdf or .svg)").arg(path);
  if (!target.absoluteDir().exists()) return QString("%1: the folder does not exist").arg(path);
  return {};
}

QString writeRenderedFile(const QString& path, const QString& what, const std::function<bool(const QString& scratch)>& render) {
  // Through the output plan, as every file the program writes: checked before the rendering (an input of
  // the workbench, a folder, a missing folder), then written to a temporary file and renamed over `path`.
  OutputFiles file(std::cout);
  const std::string target = path.toStdString();
  try {
    file.addOutput("", target);
    file.check();
  } catch (const InputError& error) {
    return QString::fromStdString(error.what());
  }
  // The renderers write only to a named file of their format: a private folder holds it.
  const QTemporaryDir scratchFolder;
  const QString scratch = scratchFolder.filePath("figure." + QFileInfo(path).suffix().toLower());
  QFile rendered(scratch);
  if (!scratchFolder.isValid() || !render(scratch) || !rendered.open(QIODevice::ReadOnly) || rendered.size() == 0)
    return QString("%1: the %2 could not be rendered").arg(path, what);
  try {
    file.write(target, rendered.readAll().toStdString());
    file.commit();
  } catch (const InputError& error) {
    return QString::fromStdString(error.what());
  }
  return {};
}

QString exportPlot(QCustomPlot* plot, const QString& path, const FigureSize& asked) {
  if (const QString error = figurePathError(path); !error.isEmpty()) return error;
  const QString suffix = QFileInfo(path).suffix().toLower();
  FigureSize size = asked;
  if (auto* workbenchPlot = qobject_cast<WorkbenchPlot*>(plot); workbenchPlot && asked.legend) {
    // A figure has its legend: a size asked for that leaves it out is refused; the plot's own size (a
    // short plot in a small window), the default, grows to the least height that shows it.
    const int width = asked.widthPx > 0 ? asked.widthPx : plot->width();
    const int height = asked.heightPx > 0 ? asked.heightPx : plot->height();
    const int least = workbenchPlot->smallestFigureHeight(width, height, asked.title);
    if (least < 0) return QString("%1: at %2 px wide the plot's legend fits no height: make it wider").arg(path).arg(width);
    if (least != height && asked.heightPx > 0)
      return QString("%1: at %2 × %3 px the plot's legend has no room (%4 px high at least)").arg(path).arg(width).arg(height).arg(least);
    if (least > height) size.widthPx = width, size.heightPx = least;
  }
  return writeRenderedFile(path, "figure", [&](const QString& scratch) { return renderPlotFile(plot, scratch, suffix, size); });
}

QByteArray renderPlot(QCustomPlot* plot, const QString& suffix, const FigureSize& size, QString* error) {
  // QCustomPlot writes PDF only to a named file: render into a private folder and read it back.
  QTemporaryDir scratchFolder;
  const QString scratch = scratchFolder.filePath("figure." + suffix);
  QFile file(scratch);
  if (!isFigureType(suffix)) *error = QString("unknown figure type .%1 (use .png, .pdf or .svg)").arg(suffix);
  else if (!scratchFolder.isValid()) *error = QString("cannot create a temporary folder (%1)").arg(scratchFolder.errorString());
  else if (!renderPlotFile(plot, scratch, suffix, size) || file.size() == 0) *error = QString("the .%1 figure could not be rendered").arg(suffix);
  else if (!file.open(QIODevice::ReadOnly)) *error = QString("cannot read the rendered figure (%1)").arg(file.errorString());
  else return file.readAll();
  return {};
}

QString writeTextFile(const QString& path, const QString& contents) {
  try {
    writeFileAtomically(path.toStdString(), contents.toStdString());
  } catch (const InputError& error) {
    return QString::fromStdString(error.what());
  }
  return {};
}

QString askOutputPath(QWidget* parent, const QString& title, const QString& suggested, const QString& filter) {
  // In the folder the last file went to, and of the type this dialog wrote last: an author exporting figure
  // after figure into a paper's folder was sent back to the launch folder, and to PDF, every time.
  QSettings remembered;
  const QString typeKey = "lastOutputType/" + title;
  QString start = suggested, chosenFilter;
  if (const QString type = remembered.value(typeKey).toString(); !type.isEmpty())
    for (const QString& offered : filter.split(";;"))
      if (offered.contains("(*." + type + ")")) {
        const QFileInfo given(suggested);  // a file's own folder is kept (Save as of a session)
        start = (given.isAbsolute() ? given.dir().filePath(given.completeBaseName()) : given.completeBaseName()) + "." + type;
        chosenFilter = offered;
      }
  if (const QString folder = remembered.value("lastOutputFolder").toString(); QFileInfo(start).isRelative() && QFileInfo(folder).isDir())
    start = QDir(folder).filePath(start);
  QString path = QFileDialog::getSaveFileName(parent, title, start, filter, &chosenFilter, QFileDialog::DontConfirmOverwrite);
  if (path.isEmpty()) return {};
  // A name typed without a suffix takes the chosen filter's ("session" → "session.json"): saved bare, a
  // session did not show in the Open dialog's list.
  if (QFileInfo(path).suffix().isEmpty() && !path.endsWith('.')) {
    const QRegularExpressionMatch suffix = QRegularExpression(R"(\(\*\.(\w+)\))").match(chosenFilter.isEmpty() ? filter : chosenFilter);
    if (suffix.hasMatch()) path += "." + suffix.captured(1);
  }
  // A name with another of the program's output types than this dialog writes is a slip (Export data…
  // chosen for a figure): CSV text in a file named .pdf was written without a word.
  QStringList offered;
  for (auto types = QRegularExpression(R"(\*\.(\w+))").globalMatch(filter); types.hasNext();) offered << types.next().captured(1);
  const QString typed = QFileInfo(path).suffix().toLower();
  if (!offered.isEmpty() && !offered.contains(typed) && QStringList{"pdf", "svg", "png", "csv", "json"}.contains(typed)) {
    QMessageBox::warning(parent, title, QString("%1: %2 writes .%3, not .%4: name the file %5.%6")
                                            .arg(QFileInfo(path).fileName(), title, offered.join(", ."), typed,
                                                 QFileInfo(path).completeBaseName(), offered.front()));
    return {};
  }
  if (const std::string refusal = standingInputRefusal(path.toStdString()); !refusal.empty()) {
    QMessageBox::warning(parent, title, QString::fromStdString(refusal));
    return {};
  }
  if (QFileInfo::exists(path) &&
      QMessageBox::question(parent, title, QString("%1 already exists. Replace it?").arg(QFileInfo(path).fileName())) != QMessageBox::Yes)
    return {};
  remembered.setValue("lastOutputFolder", QFileInfo(path).absolutePath());
  remembered.setValue(typeKey, QFileInfo(path).suffix().toLower());
  return path;
}

}  // namespace unfold::ui
