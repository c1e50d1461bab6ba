// The run's keys (Space, F5, F10, Esc, Shift+F5) act on the run wherever the keyboard focus is in the
// window: a focused spin box or combo box would otherwise take Space (and empty the field) or Esc before
// the window's shortcuts see them. Only a field where typing a space means something (free text) keeps
// Space, and a button or box reached with Tab, which Space presses or ticks.
#pragma once

#include <QList>

class QAction;
class QWidget;

namespace unfold::ui {

// Installs an application event filter, owned by `window`, for the shortcuts of `actions`.
void installRunKeys(QWidget* window, const QList<QAction*>& actions);

}  // namespace unfold::ui
