// Help → Keys and mouse: every shortcut of the window, read from its actions (a new one shows here
// without an edit), the lessons' page keys, and what the mouse does on the plots and in the form. A
// first-time user found no list of them anywhere.
#pragma once

#include <QString>

class QWidget;

namespace unfold::ui {

QString keysAndMouseText(const QWidget* window);  // rich text
void showKeysAndMouse(QWidget* window);

}  // namespace unfold::ui
