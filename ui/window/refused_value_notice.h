// A spin box drops a typed value outside its range without a word: on Enter it shows its last value again,
// and a person who typed "0" iterations sees nothing happen. This says why, naming the field, the value
// typed, the range and the value kept ("iterations: 0 is not taken (1 to 100000); kept 20"), or, for a
// keystroke the box refuses as it comes ("150000"), the field, the value and the range.
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace unfold::ui {

// Watches every spin box inside `form` (call after the form is built); `say` gets the sentence. The
// field's name is its row's label in a QFormLayout, else its object name.
void explainRefusedValues(QWidget* form, std::function<void(const QString&)> say);

}  // namespace unfold::ui
