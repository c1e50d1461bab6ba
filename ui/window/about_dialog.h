// Help → About: the version of this build, the license and the paper the tool is built around.
#pragma once

#include <QString>

class QWidget;

namespace unfold::ui {

// The About box's text (rich text), tested on its own.
QString aboutText();
void showAboutDialog(QWidget* parent);

}  // namespace unfold::ui
