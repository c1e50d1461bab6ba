// The workbench's docks' shares of the window: the defaults on a small screen, and more room for the plot a
// session is about (its "focus").
#include "window/main_window.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabBar>

#include <algorithm>

namespace unfold::ui {

void MainWindow::resizeEvent(QResizeEvent* event) {
  QMainWindow::resizeEvent(event);
  arrangeDocks();
}

void MainWindow::defaultDockShares() {
  QDockWidget* support = plotDocks_.value("support");
  resizeDocks({support}, {380}, Qt::Vertical);
  resizeDocks({support, plotDocks_.value("ratio")}, {3, 2}, Qt::Horizontal);  // the raster, the wider
  resizeDocks({stepsDock_}, {420}, Qt::Horizontal);
}

void MainWindow::focusOn(const QString& plot) {
  if (focus_ != plot && !focus_.isEmpty()) defaultDockShares();
  focus_ = plot;
  if (QDockWidget* dock = plotDocks_.value(plot)) dock->raise();
  arrangeDocks();
}

void MainWindow::arrangeDocks() {
  // The tabs of the network column with half the style's padding, so that "Learned steps", "Weight
  // coupling" and "Robustness" fit a 1280-px window's column whole. Set on the tab bars alone (a style
  // sheet on the window would restyle every widget in it); QMainWindow makes them as docks are tabbed.
  for (QTabBar* tabs : findChildren<QTabBar*>(Qt::FindDirectChildrenOnly))
    if (tabs->styleSheet().isEmpty()) tabs->setStyleSheet("QTabBar::tab { padding: 3px 6px; }");
  QDockWidget* support = plotDocks_.value("support");
  QDockWidget* ratio = plotDocks_.value("ratio");
  QDockWidget* focused = plotDocks_.value(focus_);
  const bool bottomRow = focused == support || focused == ratio;
  // The network column and the bottom row keep their share of a window resized small, so that the
  // cost plot and the bottom plots are not squeezed to nothing while the right column keeps 420 px.
  // A plot of the column in focus: a third of the width.
  if (focused && !bottomRow) resizeDocks({stepsDock_}, {width() / 3}, Qt::Horizontal);
  else if (width() < 1400) resizeDocks({stepsDock_}, {std::max(220, width() / 4)}, Qt::Horizontal);
  // Likewise the bottom row in a short window: 380 px of a 700-px window left the cost plot, the main
  // one, ~60 px under the welcome banner; it takes at most 40 % of the height. A plot of the row in
  // focus: the row takes half the height, and that plot three fifths of the row (a preset's figure is
  // the plot it opens for, not the smallest one on screen).
  if (bottomRow) {
    resizeDocks({support}, {height() / 2}, Qt::Vertical);
    QDockWidget* other = focused == ratio ? support : ratio;
    const int row = focused->width() + other->width();
    resizeDocks({focused, other}, {row * 3 / 5, row * 2 / 5}, Qt::Horizontal);
  } else if (height() < 950) {
    resizeDocks({support}, {std::max(150, height() * 2 / 5)}, Qt::Vertical);
  }
  // The network column in a short window: the training plot gets two fifths of it, room for a legend
  // of three networks; with less (138 px at 1024 x 700) its curves would have no names.
  // (The column's height from the window's: a tab behind another keeps a stale geometry.)
  QDockWidget* training = plotDocks_.value("training");
  const bool columnFocused = focused && !bottomRow;
  if (!columnFocused && height() < 800) {
    constexpr int kColumnChrome = 80;  // the toolbar, the two docks' title bars and the tab bar between them
    const int column = std::max(200, height() - menuBar()->height() - statusBar()->height() - kColumnChrome);
    resizeDocks({stepsDock_, training}, {column * 3 / 5, column * 2 / 5}, Qt::Vertical);
  }
}

}  // namespace unfold::ui
