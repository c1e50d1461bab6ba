// The questions an interactive export asks before it writes: where (a PDF, SVG or PNG figure, or a CSV),
// and for a PNG its size in the screen's pixels and its resolution. The workbench's plots and the 2-D
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

// The least height from `height` up at which a figure `width` wide shows its legend, -1 if none does; a
// figure without that concern: none (every height is as good).
using LeastFigureHeight = std::function<int(int width, int height)>;

constexpr int kTallestFigure = 4000;  // pixels at 96 dpi, as the PNG dialog offers

// The PNG's size (from `onScreen`, raised to the least height that shows the legend) and resolution; a
// height typed in too short is raised and said before OK exports. nullopt: cancelled.
std::optional<FigureSize> askPngSize(QWidget* parent, QSize onScreen, const LeastFigureHeight& leastHeight = {});

// Asks for the path (`stem`.pdf suggested) and, for a PNG, its size; writes the figure of `plot`. A
// failure is said in a message box. Returns the path written, or empty. Without `svg`, an .svg path is
// refused (a plot whose colour maps and curves an SVG could not keep inside its axes: GraphsClippedToAxes
// cuts graphs only).
QString exportFigureInteractively(QCustomPlot* plot, const QString& stem, const LeastFigureHeight& leastHeight = {},
                                  bool svg = true);

// Asks for the path (`stem`.csv suggested) and writes `csv` there; the same contract.
QString exportDataInteractively(QWidget* parent, const QString& stem, const QString& csv);

}  // namespace unfold::ui
