#include "window/settings_panel.h"

#include "plots/method_palette.h"
#include "run/iterate_history.h"
#include "window/log_slider.h"
#include "window/problem_file_rows.h"
#include "window/wheel_guard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>

namespace unfold::ui {

namespace {

// The slider covers lambda / lambda_max from 0.01 to 1 on a log scale, 1 % per step (arrow keys): below
// 0.01 the solutions are dense and runs take long, so smaller values are typed in the spin box.
constexpr double kSliderLambdaMin = 0.01, kSliderLambdaMax = 1.0;
constexpr int kSliderSteps = 460;
constexpr int kSliderPageStep = 23;  // a tenth of a decade
constexpr int kLambdaDecimals = 4;   // the spin box's, and the slider's values rounded to them
constexpr int kDigitPixels = 64;     // the digits' signal dimension: 8 x 8 images

double roundedLambda(double value) {
  const double scale = std::pow(10.0, kLambdaDecimals);
  return std::round(value * scale) / scale;
}

QSpinBox* spinBox(int low, int high, int value, const QString& tip) {
  auto* box = new QSpinBox;
  box->setRange(low, high);
  box->setValue(value);
  box->setToolTip(tip);
  box->setKeyboardTracking(false);  // typing "256" must not run 2, 25 and 256
  return box;
}

// A method's check box, in the method's colour (the same as its curves').
QCheckBox* methodBox(const QString& label, const QColor& color, bool checked) {
  auto* box = new QCheckBox(label);
  box->setChecked(checked);
  QPalette palette = box->palette();
  palette.setColor(QPalette::WindowText, color);
  box->setPalette(palette);
  return box;
}

const QStringList kLosses{"unsupervised", "semi-supervised", "supervised"};

}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildProblemBox());
  layout->addWidget(buildSolverBox());
  layout->addWidget(buildNetworkBox());
  layout->addWidget(buildInspectBox());
  layout->addStretch(1);
  nameWidgets();
  updateSourceRows();
  updateLossNote();
  guardWheel(this);
  connectEdits();
}

QGroupBox* SettingsPanel::buildProblemBox() {
  const ExperimentSettings defaults;
  auto* box = new QGroupBox("Problem");
  auto* form = problemForm_ = new QFormLayout(box);
  source_ = new QComboBox;
  source_->addItems({"Gaussian dictionary", "Digits atoms (8×8)", "Import D and signals…"});
  source_->setToolTip("Gaussian: unit-norm random atoms. Digits: centred, unit-norm 8×8 images (n = 64).\n"
                      "Import: D (n × m) and signals (one per row) from CSV or .npy files.");
  form->addRow("source", source_);
  form->addRow(buildFileRows());
  n_ = spinBox(1, 2000, defaults.n, "Signal dimension n");
  m_ = spinBox(1, 8000, defaults.m, "Number of atoms m");
  signals_ = spinBox(1, 100000, defaults.signalCount,
                     "Test signals: the solvers run on them, networks are scored on them.\n"
                     "On the equiregularization set ||D^T x||_inf = 1, so λ is a fraction of λₘₐₓ.");
  train_ = spinBox(2, 100000, defaults.trainCount, "Training signals of the networks");
  seed_ = spinBox(0, 1000000, static_cast<int>(defaults.seed), "Seed of the dictionary and the signals");
  auto* regenerate = new QPushButton("Regenerate");
  regenerate->setToolTip("Draw a new dictionary and new signals (next seed)");
  connect(regenerate, &QPushButton::clicked, this, [this] { seed_->setValue(seed_->value() + 1); });
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(seed_, 1);
  seedRow->addWidget(regenerate);
  form->addRow("n", n_);
  form->addRow("m", m_);
  form->addRow("test signals", signals_);
  form->addRow("train signals", train_);
  form->addRow("seed", seedRow);
  form->addRow("λ / λₘₐₓ", buildLambdaRow());
  return box;
}

QWidget* SettingsPanel::buildFileRows() {
  fileRows_ = new ProblemFileRows;
  connect(fileRows_, &ProblemFileRows::chosen, this, &SettingsPanel::changed);
  return fileRows_;
}

QLayout* SettingsPanel::buildLambdaRow() {
  const ExperimentSettings defaults;
  lambdaBox_ = new QDoubleSpinBox;
  lambdaBox_->setDecimals(kLambdaDecimals);
  lambdaBox_->setRange(1e-4, 1.5);
  lambdaBox_->setSingleStep(0.01);
  lambdaBox_->setValue(defaults.lambda);
  lambdaBox_->setKeyboardTracking(false);
  lambdaBox_->setToolTip("λ / λₘₐₓ: at 1 and above the solution is z* = 0");
  lambdaSlider_ = new LogSlider(kSliderLambdaMin, kSliderLambdaMax, kSliderSteps);
  lambdaSlider_->showValue(defaults.lambda);
  lambdaSlider_->setPageStep(kSliderPageStep);
  lambdaSlider_->setToolTip("λ / λₘₐₓ on a log scale, 0.01 to 1 (arrow keys: 1 % steps);\n"
                            "type smaller values in the box");
  auto* row = new QHBoxLayout;
  row->addWidget(lambdaSlider_, 1);
  row->addWidget(lambdaBox_);
  return row;
}

QGroupBox* SettingsPanel::buildSolverBox() {
  auto* box = new QGroupBox("Solvers");
  auto* column = new QVBoxLayout(box);
  const ExperimentSettings defaults;
  auto* checks = new QGridLayout;  // two by two, as the networks
  int place = 0;
  for (const Algorithm algorithm : ExperimentSettings::kAlgorithms) {
    solverBoxes_[algorithm] = methodBox(methodLabel(algorithm), methodColor(algorithm), defaults.chosen(algorithm));
    checks->addWidget(solverBoxes_[algorithm], place / 2, place % 2);
    ++place;
  }
  solverBoxes_[Algorithm::IstaBacktracking]->setToolTip(
      "ISTA with backtracking: per signal, the last step x 2, halved until the quadratic upper bound holds");
  column->addLayout(checks);
  auto* form = new QFormLayout;
  iterations_ = spinBox(1, 100000, defaults.iterations, "Iterations of every solver");
  form->addRow("iterations", iterations_);
  column->addLayout(form);
  return box;
}

QGroupBox* SettingsPanel::buildNetworkBox() {
  const ExperimentSettings defaults;
  auto* box = new QGroupBox("Networks (trained in the app)");
  auto* column = new QVBoxLayout(box);
  auto* checks = new QGridLayout;  // two by two
  int place = 0;
  for (const Parametrization kind : ExperimentSettings::kParametrizations) {
    networkBoxes_[kind] = methodBox(methodLabel(kind), methodColor(kind), defaults.chosen(kind));
    checks->addWidget(networkBoxes_[kind], place / 2, place % 2);
    ++place;
  }
  column->addLayout(checks);
  layers_ = spinBox(1, 200, defaults.layers, "Number of layers T of every network");
  loss_ = new QComboBox;
  loss_->addItems(kLosses);
  loss_->setToolTip("unsupervised: the Lasso cost F(z_T); semi-supervised: ½‖z_T − z*‖²;\n"
                    "supervised: ½‖z_T − z0‖² (Gaussian problems: x = D z0 + noise)");
  budget_ = spinBox(1, 1000000, defaults.trainingIterations,
                    "Training budget: full-batch gradient steps (with line search) per network");
  lossNote_ = new QLabel("Supervised needs the true codes z0: every signal, the solvers' test signals "
                         "too, is drawn as x = D z0 + noise (Gaussian D).");
  lossNote_->setWordWrap(true);
  QFont note = lossNote_->font();
  note.setPointSizeF(note.pointSizeF() * 0.9);
  lossNote_->setFont(note);
  layerWise_ = new QCheckBox("layer by layer");
  layerWise_->setToolTip("Train layers 1..t, then add layer t + 1 (a copy of layer t, or an ISTA step):\n"
                         "what deep LISTA-CP needs to show weight coupling (the paper's Fig. 5).\n"
                         "The training steps are shared evenly between the layers, one a layer at least.");
  auto* form = new QFormLayout;
  form->addRow("layers T", layers_);
  form->addRow("loss", loss_);
  form->addRow(lossNote_);
  form->addRow("training steps", budget_);
  form->addRow("", layerWise_);
  column->addLayout(form);
  return box;
}

QGroupBox* SettingsPanel::buildInspectBox() {
  auto* box = new QGroupBox(kInspectTitle);
  inspectBox_ = box;
  auto* form = new QFormLayout(box);
  inspectMethod_ = new QComboBox;
  // OISTA first: the default, the method whose rejected steps the support plot marks.
  for (const Algorithm algorithm : {Algorithm::Oista, Algorithm::Ista, Algorithm::Fista, Algorithm::IstaBacktracking})
    inspectMethod_->addItem(methodLabel(algorithm), inspectItemData(algorithm));
  // Then the networks, their layers t = 1..T as a solver's iterations (offered once trained).
  for (const Parametrization kind : ExperimentSettings::kParametrizations) {
    inspectMethod_->addItem(methodLabel(kind) + " (layers)", inspectItemData(kind));
    qobject_cast<QStandardItemModel*>(inspectMethod_->model())->item(inspectMethod_->count() - 1)->setEnabled(false);
  }
  inspectMethod_->setToolTip("The method whose iterates the support and Lₛ/L plots show;\n"
                             "a network's: its layers' outputs, once it is trained");
  inspectSignal_ = spinBox(0, kInspectedSignalLimit - 1, 0,
                           QString("The signal the support and Lₛ/L plots show (the first %1 are kept);\n"
                                   "or click a dot in the Lₛ/L scatter").arg(kInspectedSignalLimit));
  inspectSignal_->setKeyboardTracking(true);
  inspectNote_ = new QLabel;  // what another panel picked (wrapped: a long box title would widen the form)
  inspectNote_->setObjectName("inspectNote");
  inspectNote_->setWordWrap(true);
  inspectNote_->hide();
  form->addRow(inspectNote_);
  form->addRow("method", inspectMethod_);
  form->addRow("signal", inspectSignal_);
  return box;
}

void SettingsPanel::nameWidgets() {
  for (auto [widget, name] : std::initializer_list<std::pair<QWidget*, const char*>>{
           {source_, "source"}, {n_, "n"}, {m_, "m"}, {signals_, "testSignals"}, {train_, "trainSignals"},
           {seed_, "seed"}, {lambdaBox_, "lambda"}, {lambdaSlider_, "lambdaSlider"}, {iterations_, "iterations"},
           {layers_, "layers"}, {loss_, "loss"}, {lossNote_, "lossNote"}, {budget_, "trainingSteps"},
           {inspectMethod_, "inspectMethod"}, {inspectSignal_, "inspectSignal"}})
    widget->setObjectName(name);
}

void SettingsPanel::commitTypedValues() {
  for (QAbstractSpinBox* box : findChildren<QAbstractSpinBox*>()) box->interpretText();
}

void SettingsPanel::connectEdits() {
  connect(lambdaSlider_, &LogSlider::logValueChanged, this, &SettingsPanel::lambdaFromSlider);
  connect(lambdaBox_, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::lambdaFromBox);
  for (QSpinBox* box : {n_, m_, signals_, train_, seed_, iterations_, layers_, budget_})
    connect(box, &QSpinBox::valueChanged, this, &SettingsPanel::changed);
  for (const auto& [algorithm, box] : solverBoxes_) connect(box, &QCheckBox::toggled, this, &SettingsPanel::changed);
  for (const auto& [kind, box] : networkBoxes_) connect(box, &QCheckBox::toggled, this, &SettingsPanel::changed);
  connect(layerWise_, &QCheckBox::toggled, this, &SettingsPanel::changed);
  connect(loss_, &QComboBox::currentIndexChanged, this, [this] {
    updateLossNote();
    emit changed();
  });
  connect(source_, &QComboBox::currentIndexChanged, this, &SettingsPanel::sourceChosen);
  connect(inspectMethod_, &QComboBox::currentTextChanged, this, &SettingsPanel::inspectChanged);
  connect(inspectMethod_, &QComboBox::activated, this, [this] { inspectWanted_ = inspectedMethod(); });
  connect(inspectSignal_, &QSpinBox::valueChanged, this, &SettingsPanel::inspectChanged);
}

void SettingsPanel::updateSourceRows() {
  const auto source = static_cast<ProblemSource>(source_->currentIndex());
  const bool files = source == ProblemSource::Files;
  fileRows_->setVisible(files);
  // An import takes n and m from D (the boxes keep the generated problem's, for a switch back), and as
  // many signals as the file has, up to the counts asked for.
  problemForm_->setRowVisible(n_, !files);
  problemForm_->setRowVisible(m_, !files);
  // "≤" in the box: as many as the files hold, up to its count (said in the label, "(at most)", it
  // widened the form beyond its dock).
  for (QSpinBox* box : {signals_, train_}) box->setPrefix(files ? "≤ " : "");
  n_->setEnabled(source == ProblemSource::Gaussian);
  if (source == ProblemSource::Digits) {
    const QSignalBlocker blocker(n_);
    n_->setValue(kDigitPixels);
  }
}

void SettingsPanel::sourceChosen(int index) {
  if (signalsBlocked()) return;  // setSettings fills the form: no choice is made, no dialog opens
  if (static_cast<ProblemSource>(index) == ProblemSource::Files && !fileRows_->choose()) {
    const QSignalBlocker blocker(source_);  // cancelled: the problem stays as it was
    source_->setCurrentIndex(sourceIndex_);
    return;
  }
  sourceIndex_ = index;
  updateSourceRows();
  emit changed();
}

void SettingsPanel::importProblem() {
  if (!fileRows_->choose()) return;
  const int files = static_cast<int>(ProblemSource::Files);
  if (source_->currentIndex() != files) {
    const QSignalBlocker blocker(source_);  // the files are chosen: the box must not ask again
    source_->setCurrentIndex(files);
  }
  sourceIndex_ = files;
  updateSourceRows();
  emit changed();
}

void SettingsPanel::setImportedSizes(const ExperimentSettings& shown, const QString& sizes) {
  fileRows_->setSizes({shown.dictionaryFile, shown.signalsFile, shown.testSignalsFile}, sizes);
}

void SettingsPanel::updateLossNote() { lossNote_->setVisible(loss_->currentText() == "supervised"); }

void SettingsPanel::lambdaFromSlider(double value) {
  if (syncing_) return;
  syncing_ = true;
  lambdaBox_->setValue(roundedLambda(value));
  syncing_ = false;
  emit changed();
}

void SettingsPanel::lambdaFromBox(double value) {
  if (syncing_) return;
  syncing_ = true;
  lambdaSlider_->showValue(value);
  syncing_ = false;
  emit changed();
}

ExperimentSettings SettingsPanel::settings() const {
  ExperimentSettings s;
  s.source = static_cast<ProblemSource>(source_->currentIndex());
  const ImportedFiles files = fileRows_->files();
  s.dictionaryFile = files.dictionary;
  s.signalsFile = files.signalsFile;
  s.testSignalsFile = files.testSignalsFile;
  s.n = s.source == ProblemSource::Digits ? kDigitPixels : n_->value();
  s.m = m_->value();
  s.signalCount = signals_->value();
  s.trainCount = train_->value();
  s.seed = static_cast<quint64>(seed_->value());
  s.lambda = lambdaBox_->value();
  s.iterations = iterations_->value();
  s.solvers.clear();
  for (const auto& [algorithm, box] : solverBoxes_)
    if (box->isChecked()) s.solvers.insert(algorithm);
  for (const auto& [kind, box] : networkBoxes_)
    if (box->isChecked()) s.networks.insert(kind);
  s.layers = layers_->value();
  s.loss = parseLossKind(loss_->currentText().toStdString()).value_or(LossKind::Unsupervised);
  s.trainingIterations = budget_->value();
  s.layerWise = layerWise_->isChecked();
  return s;
}

void SettingsPanel::setSettings(const ExperimentSettings& s, Notification notification) {
  {
    const QSignalBlocker quiet(this);  // the edits below emit no changed() of their own
    source_->setCurrentIndex(static_cast<int>(s.source));
    sourceIndex_ = source_->currentIndex();
    fileRows_->setFiles({s.dictionaryFile, s.signalsFile, s.testSignalsFile});
    n_->setValue(s.n);
    m_->setValue(s.m);
    signals_->setValue(s.signalCount);
    train_->setValue(s.trainCount);
    seed_->setValue(static_cast<int>(s.seed));
    iterations_->setValue(s.iterations);
    lambdaBox_->setValue(s.lambda);
    lambdaSlider_->showValue(s.lambda);
    for (const auto& [algorithm, box] : solverBoxes_) box->setChecked(s.chosen(algorithm));
    for (const auto& [kind, box] : networkBoxes_) box->setChecked(s.chosen(kind));
    layers_->setValue(s.layers);
    loss_->setCurrentText(QString::fromStdString(lossKindName(s.loss)));
    budget_->setValue(s.trainingIterations);
    layerWise_->setChecked(s.layerWise);
    updateSourceRows();
    updateLossNote();
  }
  if (notification == Notify) emit changed();
}

}  // namespace unfold::ui
