// The run's keys (Space, F5, F10, Esc, Shift+F5) act on the run wherever the keyboard focus is in the
// window: a focused spin box or combo box would otherwise take Space (and empty the field) or Esc before
// the window's shortcuts see them. Only a field where typing a space means something (free text) keeps
// Space, and a button or box reached with Tab, which Space presses or ticks where its action is disabled
// (nothing runs): an enabled action's shortcut takes the key first.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QPair>

class QAbstractButton;
class QAction;
class QWidget;

namespace unfold::ui {

// Installs an application event filter, owned by `window`, for the shortcuts of `actions`.
void installRunKeys(QWidget* window, const QList<QAction*>& actions);
// Gives each button a key that presses it wherever the focus is in `window` (an action of the window's,
// named in the button's tooltip), under the same rules.
void bindRunKeys(QWidget* window, const QList<QPair<QAbstractButton*, QKeySequence>>& keys);

}  // namespace unfold::ui
