#include "window/log_slider.h"

#include <QSignalBlocker>

#include <algorithm>
#include <cmath>

namespace unfold::ui {

LogSlider::LogSlider(double minimum, double maximum, int positions, QWidget* parent)
    : QSlider(Qt::Horizontal, parent), logMinimum_(std::log10(minimum)), logMaximum_(std::log10(maximum)) {
  setRange(0, positions);
  // A tick at every decade from the minimum (0.01, 0.1, 1): where the handle is on the log scale.
  setTickPosition(QSlider::TicksBelow);
  setTickInterval(std::max(1, static_cast<int>(std::lround(positions / (logMaximum_ - logMinimum_)))));
  connect(this, &QSlider::valueChanged, this, [this](int position) { emit logValueChanged(valueAt(position)); });
}

double LogSlider::valueAt(int position) const {
  return std::pow(10.0, logMinimum_ + (logMaximum_ - logMinimum_) * position / maximum());
}

int LogSlider::positionOf(double value) const {
  const double fraction = (std::log10(value) - logMinimum_) / (logMaximum_ - logMinimum_);
  return static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * maximum()));
}

void LogSlider::showValue(double value) {
  const QSignalBlocker quiet(this);
  setValue(positionOf(value));
}

}  // namespace unfold::ui
