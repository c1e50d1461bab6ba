#include "window/run_keys.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace unfold::ui {

namespace {

bool takesText(const QWidget* w) {
  if (const auto* edit = qobject_cast<const QLineEdit*>(w))
    return !edit->isReadOnly() && !qobject_cast<const QAbstractSpinBox*>(edit->parentWidget());
  if (const auto* edit = qobject_cast<const QTextEdit*>(w)) return !edit->isReadOnly();
  if (const auto* edit = qobject_cast<const QPlainTextEdit*>(w)) return !edit->isReadOnly();
  return false;
}

class RunKeyFilter : public QObject {
 public:
  RunKeyFilter(QWidget* window, QList<QAction*> actions) : QObject(window), window_(window), actions_(std::move(actions)) {}

  bool eventFilter(QObject* receiver, QEvent* event) override {
    auto* widget = qobject_cast<QWidget*>(receiver);
    if (!widget || widget->window() != window_) return false;  // dialogs and other windows keep their keys
    if (event->type() == QEvent::MouseButtonPress) tabbing_ = false;
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress) return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    if (event->type() == QEvent::KeyPress && (key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab)) tabbing_ = true;
    // A button or box reached with Tab is pressed or ticked with Space, as everywhere: the only way to do
    // it from the keyboard. After a click in the window, Space is the run's again.
    const bool pressedBySpace = tabbing_ && qobject_cast<const QAbstractButton*>(widget);
    const QKeySequence pressed(key->keyCombination());
    for (const QAction* action : actions_) {
      if (!action->shortcuts().contains(pressed)) continue;
      if (key->key() == Qt::Key_Space && (takesText(widget) || pressedBySpace)) return false;
      // Left unaccepted, the override lets the window's shortcut fire instead of the widget's key. A
      // disabled action (Pause with nothing running) fires nothing, and its key press reaches the
      // widget: eaten here, so that Space never types into a number field.
      event->ignore();
      return true;
    }
    return false;
  }

 private:
  QWidget* window_;
  QList<QAction*> actions_;
  bool tabbing_ = false;  // the focus moves by Tab since the last click
};

}  // namespace

void installRunKeys(QWidget* window, const QList<QAction*>& actions) {
  qApp->installEventFilter(new RunKeyFilter(window, actions));
}

void bindRunKeys(QWidget* window, const QList<QPair<QAbstractButton*, QKeySequence>>& keys) {
  QList<QAction*> actions;
  for (const auto& [button, key] : keys) {
    auto* action = new QAction(button->text(), window);
    action->setShortcut(key);
    QObject::connect(action, &QAction::triggered, button, &QAbstractButton::click);
    window->addAction(action);
    actions << action;
    button->setToolTip(key.toString(QKeySequence::NativeText));
  }
  installRunKeys(window, actions);
}

}  // namespace unfold::ui
