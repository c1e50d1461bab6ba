// Spin boxes and combo boxes take the mouse wheel only when they have the keyboard focus, and sliders
// never (a drag focuses them): a wheel turned over a form scrolls the form, it never silently changes a
// setting under the pointer.
#pragma once

class QWidget;

namespace unfold::ui {

// Guards every spin box, combo box and slider inside `form` (call after the form is built).
void guardWheel(QWidget* form);

}  // namespace unfold::ui
