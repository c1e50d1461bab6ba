// A window of its own fits the screen it opens on, frame included: on a laptop's 1366 x 768 (or a
// 1024 x 700 projector) the whole window shows, not its top-left corner.
#pragma once

class QWidget;

namespace unfold::ui {

void fitToScreen(QWidget& window);

}  // namespace unfold::ui
