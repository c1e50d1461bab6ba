// Spin boxes, combo boxes and sliders take the mouse wheel only when they have the keyboard focus: a
// wheel turned over a form scrolls the form, it never silently changes a setting under the pointer.
#pragma once

class QWidget;

namespace unfold::ui {

// Guards every spin box, combo box and slider inside `form` (call after the form is built).
void guardWheel(QWidget* form);

}  // namespace unfold::ui
