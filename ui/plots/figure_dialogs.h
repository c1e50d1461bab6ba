// The questions an interactive export asks before it writes: where (a PDF, SVG or PNG figure, or a CSV),
// and the figure's size in the screen's pixels (as on screen, or a journal column's width), for a PNG its
// resolution too. The workbench's plots and the 2-D
// Lasso view ask them alike.
#pragma once

#include "plots/plot_export.h"

#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QCustomPlot;
class QWidget;

namespace unfold::ui {

// The least height from `height` up at which a figure `width` wide (with its title or not) shows its
// legend, -1 if none does; a figure without that concern: none (every height is as good).
using LeastFigureHeight = std::function<int(int width, int height, bool title)>;

constexpr int kTallestFigure = 4000;  // pixels at 96 dpi, as the PNG dialog offers
// Where the size dialog keeps its last choices for the next dialog and the next launch (QSettings).
constexpr const char* kLastFigureChoiceKey = "unfoldLastFigureSize";

// The figure's size (from `onScreen`, or a journal column's width and three quarters of it high, raised to
// the least height that shows the legend) and, for a `png`, its resolution; with `titleOptional` and
// `legendOptional`, whether the figure keeps the plot's title and its legend. A height typed in too short is raised
// and said before OK exports. The figure is laid out at that size: its fonts keep their point sizes. The choices
// come back in the next dialog, from any window, and after the next launch. nullopt: cancelled.
std::optional<FigureSize> askFigureSize(QWidget* parent, QSize onScreen, const LeastFigureHeight& leastHeight = {},
                                        bool png = true, bool titleOptional = false, bool legendOptional = false);

// Asks for the path (`stem`.pdf suggested) and the figure's size (a workbench plot's title optional, and any
// plot's legend: the 2-D view's too); writes the figure of `plot`. A failure is said in a message box. Returns the path written, or empty.
QString exportFigureInteractively(QCustomPlot* plot, const QString& stem, const LeastFigureHeight& leastHeight = {});

// Asks for the path (`stem`.csv suggested) and writes `csv` there; the same contract.
QString exportDataInteractively(QWidget* parent, const QString& stem, const QString& csv);

}  // namespace unfold::ui
