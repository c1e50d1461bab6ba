// The Robustness dock's shift controls: the network evaluated out of distribution, live as they move
// (another signal kind, added noise, another λ), and the request they make.
#include "window/robustness_panel.h"

#include "window/log_slider.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QSlider>

#include <cmath>

namespace unfold::ui {

namespace {

// The signal kinds offered out of distribution, in the combo's order after "as trained".
constexpr SignalKind kShiftKinds[] = {SignalKind::Gaussian, SignalKind::DictionaryCodes, SignalKind::Sparse};

}  // namespace

QWidget* RobustnessPanel::buildShiftBox() {
  // Out of distribution, evaluated live as the controls move: the signal kind, then noise and lambda.
  auto* box = new QWidget;
  auto* grid = new QGridLayout(box);
  grid->setContentsMargins(0, 0, 0, 0);
  signalKind_ = new QComboBox;
  signalKind_->setObjectName("shiftKind");
  signalKind_->addItem("signals as trained");
  // The command line's names ("dz") with what they draw, where a name alone says little.
  for (SignalKind kind : kShiftKinds)
    signalKind_->addItem(kind == SignalKind::DictionaryCodes ? QString("dz signals (x = D z, z Gaussian)")
                                                             : QString::fromStdString(signalKindName(kind)) + " signals");
  signalKind_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  signalKind_->setMinimumContentsLength(12);
  signalKind_->setToolTip("Out of distribution: test signals of another kind than the training set's (same count and seed).");
  noise_ = new QSlider(Qt::Horizontal);
  noise_->setObjectName("shiftNoise");
  noise_->setRange(0, 50);
  noise_->setMinimumWidth(40);
  noise_->setToolTip("Out of distribution: Gaussian noise added to every signal, in percent of its norm (then rescaled onto the set).");
  noiseText_ = new QLabel("noise 0 %");
  lambdaFactor_ = new LogSlider(0.25, 4.0, 40);
  lambdaFactor_->setObjectName("shiftLambda");
  lambdaFactor_->setToolTip("Out of distribution: evaluate at this multiple of the λ the network was trained for.");
  lambdaFactor_->showValue(1.0);
  lambdaFactor_->setMinimumWidth(40);
  lambdaText_ = new QLabel("λ × 1");
  shiftGrid_ = grid;  // filled by arrangeControls
  connect(signalKind_, &QComboBox::currentIndexChanged, &debounce_, qOverload<>(&QTimer::start));
  connect(noise_, &QSlider::valueChanged, this, [this](int percent) {
    noiseText_->setText(QString("noise %1 %").arg(percent));
    debounce_.start();
  });
  connect(lambdaFactor_, &LogSlider::logValueChanged, this, [this](double factor) {
    lambdaText_->setText(QString("λ × %1").arg(factor, 0, 'g', 2));
    debounce_.start();
  });
  return box;
}

RobustnessRequest RobustnessPanel::currentRequest() const {
  RobustnessRequest request;
  request.problem = run_.request;
  for (const NetworkCurve& n : run_.networks)
    if (n.trained && n.method == network_->currentText()) request.network = n.network;
  if (signalKind_->currentIndex() > 0) request.signalKind = kShiftKinds[signalKind_->currentIndex() - 1];
  request.noise = noise_->value() / 100.0;
  request.lambdaFactor = lambdaFactor_->value() == lambdaFactor_->positionOf(1.0) ? 1.0 : lambdaFactor_->logValue();
  return request;
}

void RobustnessPanel::setShift(std::optional<SignalKind> kind, double noise, double lambdaFactor) {
  int index = 0;
  for (int k = 0; k < static_cast<int>(std::size(kShiftKinds)); ++k)
    if (kind == kShiftKinds[k]) index = k + 1;
  signalKind_->setCurrentIndex(index);
  noise_->setValue(static_cast<int>(std::lround(noise * 100)));
  lambdaFactor_->setValue(lambdaFactor_->positionOf(lambdaFactor));  // moves the handle: re-evaluates
}

}  // namespace unfold::ui
