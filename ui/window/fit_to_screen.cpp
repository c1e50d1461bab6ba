#include "window/fit_to_screen.h"

#include <QScreen>
#include <QWidget>

namespace unfold::ui {

void fitToScreen(QWidget& window) {
  const QScreen* screen = window.screen();
  if (!screen) return;
  const QRect room = screen->availableGeometry();
  const QSize fits = window.size().boundedTo(room.size() - QSize(16, 48));  // the title bar and borders
  if (fits == window.size()) return;
  window.resize(fits);
  window.move(room.topLeft());
}

}  // namespace unfold::ui
