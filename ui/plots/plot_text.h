// The text of the workbench's plots: labels as CSV data carries them, titles as they fit the plot.
#pragma once

#include <QFontMetrics>
#include <QSize>
#include <QString>
#include <QStringList>

namespace unfold::ui {

// A label as CSV data carries it: subscripts in the plain notation scripts match ("1/Lₛ" -> "1/L_S",
// "|Sₜ|" -> "|S_t|"), the same whatever the plots' typography.
QString csvLabel(QString label);

// The forms of an iteration axis's label (longest first, for setAxisLabel) where the axis ends before the
// run did, at `ran`, as nothing changes after: "iteration t (the run went on to t = 3000, `why`)", …,
// "t (run to 3000)" (a narrow panel's), `along` alone.
QStringList settledAxisLabels(const QString& along, double ran, const QString& why);

// A title as it fits `width` pixels: whole, else on up to `lines` lines (broken before its parenthesis,
// after a colon, or at a space), the last line cut with an ellipsis if it is still too long; `elided`, if
// given, says whether it was (the ellipsis Qt draws depends on the font: "…" or "...").
QString titleForWidth(const QString& title, const QFontMetrics& metrics, int width, int lines = 2, bool* elided = nullptr);

// The title a plot of `size` shows. A hint (an instruction, in an empty plot) takes the lines the plot's
// height allows, up to three; a title over results gets a second line only in a tall plot (a short one
// needs every pixel for its data; a figure from 200 px, a journal column's height). One that still does not fit drops the plot's name, which the dock's
// title shows: "Train a network to see it", "OISTA, signal 0"; what follows still too long, if a list,
// its last items ("solid train, dashed test", without ", ○ kept"). A figure has no dock title: there the
// name stays and what follows the colon loses its last items, down to the name alone ("Training loss",
// where a dashboard's narrow training panel would otherwise read "solid train, dashed test, ○ kept").
QString fittedTitle(const QString& title, bool hint, const QFontMetrics& metrics, QSize size, bool inFigure = false);

}  // namespace unfold::ui
