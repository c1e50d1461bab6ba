// Help → Keys and mouse: every shortcut of the window, read from its actions (a new one shows here
// without an edit), the lessons' page keys, and what the mouse does on the plots and in the form. A
// first-time user found no list of them anywhere.
#pragma once

#include <QString>

class QWidget;

namespace unfold::ui {

// An action whose shortcut changes with the state (the run controls) names its lasting key in this
// property (a QKeySequence), and what it does in each state in its whatsThis.
inline constexpr const char* kLastingKeyProperty = "lastingKey";

QString keysAndMouseText(const QWidget* window);  // rich text
void showKeysAndMouse(QWidget* window);

}  // namespace unfold::ui
