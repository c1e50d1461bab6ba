// A horizontal slider over [minimum, maximum] on a log scale: equal moves of the handle multiply the value
// by equal factors, so that 0.01 and 0.5 are both within reach of a few pixels' precision. Ticks below
// mark the decades from the minimum.
#pragma once

#include <QSlider>

namespace unfold::ui {

class LogSlider : public QSlider {
  Q_OBJECT
 public:
  // `positions` steps of the handle (the arrow keys' resolution) from `minimum` to `maximum`, both > 0.
  LogSlider(double minimum, double maximum, int positions, QWidget* parent = nullptr);

  double valueAt(int position) const;
  int positionOf(double value) const;  // the nearest position; values outside the range go to its ends
  double logValue() const { return valueAt(value()); }
  // Moves the handle to the position nearest `value` without emitting anything (the caller keeps the
  // exact value; the handle shows it to its resolution).
  void showValue(double value);

 signals:
  void logValueChanged(double value);  // the handle moved: the value at its new position

 private:
  double logMinimum_, logMaximum_;
};

}  // namespace unfold::ui
