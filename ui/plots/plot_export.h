// Saving a plot as a figure file, chosen by extension: .png (at a given size and DPI), .pdf or .svg
// (vector, with text at the widget's logical DPI so it is not shrunk). Every file goes through the output
// plan (core/io/output_files.h): never over an input of the workbench, written to a temporary file in the
// same folder and renamed over the target, so a failed export never leaves a half-written figure.
#pragma once

#include <QSize>
#include <QString>

#include <functional>

class QCustomPlot;
class QWidget;

namespace unfold::ui {

struct FigureSize {
  int widthPx = 0, heightPx = 0;  // 0: the widget's size (PNG pixels = size x dpi / 96)
  int dpi = 96;                   // PNG only; 300 for print
  bool title = true;              // a workbench plot's title; a journal captions its figures instead
  bool legend = true;             // the plot's legend; a one-column figure of seven curves may
                                  // name them in its caption and leave the data the room
};

// What a PNG of `frame` pixels laid out at `frameDpi` (the screen's) comes to at `dpi`: "2500 × 1250 px,
// 21.2 × 10.6 cm at 300 dpi" (the print size is the frame's on screen; the pixels grow with the dpi).
QString pngSizeText(QSize frame, double frameDpi, int dpi);

// Why `path` cannot take a figure (not .png, .pdf or .svg; no such folder), or empty.
QString figurePathError(const QString& path);

// How every figure export writes its file: `path` is checked first, then `render` draws into a scratch
// file of the same type, whose bytes then replace `path`; a failed render leaves `path` as it was. Empty,
// or a message naming the file and what is wrong (`what` could not be rendered, say).
QString writeRenderedFile(const QString& path, const QString& what, const std::function<bool(const QString& scratch)>& render);

// Returns an empty string on success, else a message naming the file and the problem. A workbench plot is
// laid out for the figure's size, and its figure has its legend: a size given that leaves no room for it
// is refused; the default (the plot's size on screen) grows as tall as the legend needs.
QString exportPlot(QCustomPlot* plot, const QString& path, const FigureSize& size = {});

// The bytes of the figure file of type `suffix` (png, pdf or svg), for a caller that writes several files
// all-or-none (core/output_files.h). Empty with `*error` set if it could not be rendered.
QByteArray renderPlot(QCustomPlot* plot, const QString& suffix, const FigureSize& size, QString* error);

// Writes `contents` all-or-none through the output plan; same contract.
QString writeTextFile(const QString& path, const QString& contents);

// A save dialog for a file the program writes: a file the workbench imported is refused there, before
// the question whether to replace an existing file (asked after it, not by the file dialog). Empty if
// cancelled or refused. It opens in the folder the last file was written to, `suggested` given the type
// this dialog (by its title) wrote last (QSettings). A name with another output type than `filter` offers
// (a .pdf for Export data) is refused in a dialog.
QString askOutputPath(QWidget* parent, const QString& title, const QString& suggested, const QString& filter);

}  // namespace unfold::ui
