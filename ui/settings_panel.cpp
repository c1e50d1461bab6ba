#include "settings_panel.h"

#include "method_palette.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace unfold::ui {

namespace {

// The slider covers lambda / lambda_max from 1e-3 to 1 on a log scale.
constexpr int kSliderSteps = 300;
constexpr double kLogMin = -3.0;

double sliderToLambda(int position) { return std::pow(10.0, kLogMin + (-kLogMin) * position / kSliderSteps); }
int lambdaToSlider(double lambda) {
  return static_cast<int>(std::lround((std::log10(std::clamp(lambda, 1e-3, 1.0)) - kLogMin) / -kLogMin * kSliderSteps));
}

QSpinBox* spinBox(int low, int high, int value, const QString& tip) {
  auto* box = new QSpinBox;
  box->setRange(low, high);
  box->setValue(value);
  box->setToolTip(tip);
  box->setKeyboardTracking(false);  // typing "256" must not run 2, 25 and 256
  return box;
}

QCheckBox* methodBox(const QString& method) {
  auto* box = new QCheckBox(method);
  box->setChecked(true);
  QPalette palette = box->palette();
  palette.setColor(QPalette::WindowText, methodColor(method));
  box->setPalette(palette);
  return box;
}

}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
  const ExperimentSettings defaults;
  auto* problem = new QGroupBox("Problem: Gaussian dictionary, unit-norm atoms");
  auto* form = new QFormLayout(problem);
  n_ = spinBox(1, 2000, defaults.n, "Signal dimension n");
  m_ = spinBox(1, 8000, defaults.m, "Number of atoms m");
  signals_ = spinBox(1, 100000, defaults.signalCount, "Signals x, on the equiregularization set ||D^T x||_inf = 1");
  seed_ = spinBox(0, 1000000, static_cast<int>(defaults.seed), "Seed of the dictionary and the signals");
  form->addRow("n", n_);
  form->addRow("m", m_);
  form->addRow("signals", signals_);
  form->addRow("seed", seed_);
  lambdaBox_ = new QDoubleSpinBox;
  lambdaBox_->setDecimals(4);
  lambdaBox_->setRange(1e-4, 1.5);
  lambdaBox_->setSingleStep(0.01);
  lambdaBox_->setValue(defaults.lambda);
  lambdaBox_->setKeyboardTracking(false);
  lambdaBox_->setToolTip("λ / λ_max: at 1 and above the solution is z* = 0");
  lambdaSlider_ = new QSlider(Qt::Horizontal);
  lambdaSlider_->setRange(0, kSliderSteps);
  lambdaSlider_->setValue(lambdaToSlider(defaults.lambda));
  lambdaSlider_->setToolTip("λ / λ_max on a log scale, 0.001 to 1");
  auto* lambdaRow = new QHBoxLayout;
  lambdaRow->addWidget(lambdaSlider_, 1);
  lambdaRow->addWidget(lambdaBox_);
  form->addRow("λ / λ_max", lambdaRow);

  auto* methods = new QGroupBox("Methods");
  auto* methodRow = new QVBoxLayout(methods);
  ista_ = methodBox("ISTA");
  fista_ = methodBox("FISTA");
  oista_ = methodBox("OISTA");
  for (QCheckBox* box : {ista_, fista_, oista_}) methodRow->addWidget(box);
  auto* runForm = new QFormLayout;
  iterations_ = spinBox(1, 100000, defaults.iterations, "Iterations of every method");
  runForm->addRow("iterations", iterations_);
  methodRow->addLayout(runForm);

  auto* inspect = new QGroupBox("Inspect (no recomputation)");
  auto* inspectForm = new QFormLayout(inspect);
  inspectMethod_ = new QComboBox;
  inspectMethod_->addItems({"OISTA", "ISTA", "FISTA"});
  inspectMethod_->setToolTip("The method whose iterates the support and L_S/L plots show");
  inspectSignal_ = spinBox(0, 49, 0, "The signal the support and L_S/L plots show (the first 50 are kept)");
  inspectSignal_->setKeyboardTracking(true);
  inspectForm->addRow("method", inspectMethod_);
  inspectForm->addRow("signal", inspectSignal_);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(problem);
  layout->addWidget(methods);
  layout->addWidget(inspect);
  layout->addStretch(1);

  connect(lambdaSlider_, &QSlider::valueChanged, this, &SettingsPanel::lambdaFromSlider);
  connect(lambdaBox_, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::lambdaFromBox);
  for (QSpinBox* box : {n_, m_, signals_, seed_, iterations_})
    connect(box, &QSpinBox::valueChanged, this, &SettingsPanel::changed);
  for (QCheckBox* box : {ista_, fista_, oista_}) connect(box, &QCheckBox::toggled, this, &SettingsPanel::changed);
  connect(inspectMethod_, &QComboBox::currentTextChanged, this, &SettingsPanel::inspectChanged);
  connect(inspectSignal_, &QSpinBox::valueChanged, this, &SettingsPanel::inspectChanged);
}

QString SettingsPanel::inspectedMethod() const { return inspectMethod_->currentText(); }
int SettingsPanel::inspectedSignal() const { return inspectSignal_->value(); }

void SettingsPanel::setInspectableSignals(int count) {
  const QSignalBlocker blocker(inspectSignal_);
  inspectSignal_->setMaximum(std::max(0, count - 1));
}

void SettingsPanel::lambdaFromSlider(int position) {
  if (syncing_) return;
  syncing_ = true;
  lambdaBox_->setValue(sliderToLambda(position));
  syncing_ = false;
  emit changed();
}

void SettingsPanel::lambdaFromBox(double value) {
  if (syncing_) return;
  syncing_ = true;
  lambdaSlider_->setValue(lambdaToSlider(value));
  syncing_ = false;
  emit changed();
}

ExperimentSettings SettingsPanel::settings() const {
  ExperimentSettings s;
  s.n = n_->value();
  s.m = m_->value();
  s.signalCount = signals_->value();
  s.seed = static_cast<quint64>(seed_->value());
  s.lambda = lambdaBox_->value();
  s.iterations = iterations_->value();
  s.ista = ista_->isChecked();
  s.fista = fista_->isChecked();
  s.oista = oista_->isChecked();
  return s;
}

void SettingsPanel::setSettings(const ExperimentSettings& s) {
  const QSignalBlocker blockers[] = {QSignalBlocker(n_), QSignalBlocker(m_), QSignalBlocker(signals_),
                                     QSignalBlocker(seed_), QSignalBlocker(iterations_), QSignalBlocker(lambdaBox_),
                                     QSignalBlocker(lambdaSlider_), QSignalBlocker(ista_), QSignalBlocker(fista_),
                                     QSignalBlocker(oista_)};
  n_->setValue(s.n);
  m_->setValue(s.m);
  signals_->setValue(s.signalCount);
  seed_->setValue(static_cast<int>(s.seed));
  iterations_->setValue(s.iterations);
  lambdaBox_->setValue(s.lambda);
  lambdaSlider_->setValue(lambdaToSlider(s.lambda));
  ista_->setChecked(s.ista);
  fista_->setChecked(s.fista);
  oista_->setChecked(s.oista);
  emit changed();
}

}  // namespace unfold::ui
