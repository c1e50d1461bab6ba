#include "window/keys_dialog.h"

#include <QAction>
#include <QKeySequence>
#include <QMessageBox>
#include <QSet>
#include <QVariant>
#include <QWidget>

namespace unfold::ui {

namespace {

QString row(const QString& keys, const QString& what) {
  return QString("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what);
}

}  // namespace

QString keysAndMouseText(const QWidget* window) {
  QString keys;
  QSet<QString> listed;
  for (const QAction* action : window->findChildren<QAction*>()) {
    // A run control's key and text change with the run's state (after Reset, F5 and Space both Start): its
    // lasting key and what it does in each state, where it says them.
    const QVariant lasting = action->property(kLastingKeyProperty);
    const QString key = lasting.isValid() ? lasting.value<QKeySequence>().toString(QKeySequence::NativeText)
                                          : action->shortcut().toString(QKeySequence::NativeText);
    const QString name = QString(action->whatsThis().isEmpty() ? action->text() : action->whatsThis()).remove('&').remove("…").trimmed();
    if (key.isEmpty() || name.isEmpty() || listed.contains(key)) continue;
    listed.insert(key);
    keys += row(key, name.toHtmlEscaped());
  }
  keys += row("Alt+→, Alt+←", "Next and Back in a lesson");
  QString mouse;
  mouse += row("drag", "pan a plot; a plot you moved keeps its view as the run goes on");
  mouse += row("wheel", "zoom a plot at the pointer (in a panel that scrolls, as the Robustness dock in a short window: Ctrl+wheel)");
  mouse += row("double click", "fit the plot to its data again");
  mouse += row("click a legend entry", "hide or show its curve (and its band)");
  mouse += row("pointer on a curve", "its name, t and value");
  mouse += row("click a point or a bar", "inspect that signal (the L<sub>S</sub>/L cloud, the robustness histogram)");
  mouse += row("right click", "view options, copy, export the figure or its data");
  mouse += row("wheel over the form", "scrolls it; a box takes the wheel once clicked, a slider never");
  // One table, so that the keys' and the mouse's descriptions start in one column (two tables each sized
  // their own first column).
  const auto heading = [](const QString& text, int space) {
    return QString("<tr><td colspan='2' style='padding-top:%1px; padding-bottom:4px'><b>%2</b></td></tr>").arg(space).arg(text);
  };
  return "<table>" + heading("Keys", 0) + keys + heading("Mouse", 12) + mouse + "</table>";
}

void showKeysAndMouse(QWidget* window) {
  QMessageBox box(QMessageBox::NoIcon, "Keys and mouse", keysAndMouseText(window), QMessageBox::Close, window);
  box.setTextFormat(Qt::RichText);
  box.exec();
}

}  // namespace unfold::ui
