#include "window/robustness_panel.h"

#include "plots/gap_floor.h"

#include "plots/method_palette.h"
#include "plots/robustness_plot.h"
#include "run/run_status.h"
#include "window/log_slider.h"
#include "window/wheel_guard.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace unfold::ui {

namespace {

constexpr int kDebounceMs = 150;  // a dragged slider evaluates once it rests
constexpr int kDefaultAttackSteps = 30;

bool sameValues(const RobustnessRequest& a, const RobustnessRequest& b) {
  const Vector x = a.network.weights.flatten(), y = b.network.weights.flatten();
  return x.size() == y.size() && x == y;
}

}  // namespace

RobustnessPanel::RobustnessPanel(QWidget* parent) : QWidget(parent) {
  qRegisterMetaType<RobustnessSnapshot>();
  auto* column = new QVBoxLayout(this);
  network_ = new QComboBox;
  network_->setObjectName("robustnessNetwork");
  network_->setPlaceholderText("train a network first");
  network_->setToolTip("The trained network of the run shown, evaluated on its test signals.");
  for (QComboBox* combo : {network_}) {  // a narrow dock keeps every control in sight
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
  }
  column->addWidget(buildAttackRow());
  column->addWidget(buildShiftBox());
  plot_ = new RobustnessPlot;
  plot_->setMinimumSize(200, 160);  // as narrow as a laptop window's column (its size hint is 330 px wide)
  column->addWidget(plot_, 1);
  summary_ = new QLabel;
  summary_->setObjectName("robustnessSummary");
  summary_->setWordWrap(true);
  column->addWidget(summary_);
  auto* under = new QHBoxLayout;
  auto* hint = new QLabel("Click a bar to inspect, under");
  hint->setToolTip("A click on a bar shows its worst signal in the support and Lₛ/L plots, under the network or OISTA");
  hint->setWordWrap(true);
  under->addWidget(hint, 1);
  inspectUnder_ = new QComboBox;
  inspectUnder_->setObjectName("inspectUnder");
  inspectUnder_->addItems({"the network", "OISTA"});
  under->addWidget(inspectUnder_);
  column->addLayout(under);
  inspection_ = new QLabel;
  inspection_->setObjectName("robustnessInspection");
  inspection_->setWordWrap(true);
  column->addWidget(inspection_);

  connect(worker_.worker(), &RobustnessWorker::snapshotReady, this, &RobustnessPanel::accept, Qt::QueuedConnection);
  connect(worker_.worker(), &RobustnessWorker::inspectionReady, this, &RobustnessPanel::acceptInspection, Qt::QueuedConnection);
  connect(worker_.worker(), &RobustnessWorker::failed, this, [this](quint64 generation, const QString& message) {
    if (generation != latest_) return;
    attacking_ = false;
    updateControls();
    summary_->setText("Could not evaluate: " + message);
    emit failed(message);
  }, Qt::QueuedConnection);

  debounce_.setSingleShot(true);
  debounce_.setInterval(kDebounceMs);
  connect(&debounce_, &QTimer::timeout, this, [this] { requestEvaluation(); });
  connect(network_, &QComboBox::currentIndexChanged, &debounce_, qOverload<>(&QTimer::start));
  connect(plot_, &RobustnessPlot::signalPicked, this, &RobustnessPanel::inspect);
  connect(inspectUnder_, &QComboBox::currentIndexChanged, this, [this] {
    if (!lastInspection_.curves.isEmpty()) emit inspectedMethodChanged();
  });
  // The narrow arrangement's least width is the panel's: one row each widens the layout's, which would then
  // hold the panel at that width (a column narrower than it would cut the panel off).
  arrangeControls(false);
  setMinimumWidth(column->minimumSize().width());
  guardWheel(this);  // as in the Experiment form: a wheel over the dock never starts a new evaluation
  updateControls();
}

RobustnessPanel::~RobustnessPanel() {
  worker_->cancel();  // the attack sees it within one step; worker_ then joins its thread
}

QWidget* RobustnessPanel::buildAttackRow() {
  // The network, and under it the attack's controls. While it attacks, its progress stands in place of
  // the steps box: a row of its own pushed the histogram's axis below a laptop dock's fold.
  auto* box = new QWidget;
  auto* grid = new QGridLayout(box);
  grid->setContentsMargins(0, 0, 0, 0);
  attack_ = new QPushButton("Attack");
  attack_->setObjectName("attack");
  attack_->setToolTip("Gradient ascent on each signal's gap F(z_T) − F*, staying on ‖Dᵀx‖∞ = 1.");
  steps_ = new QSpinBox;
  steps_->setObjectName("attackSteps");
  steps_->setRange(1, 1000);
  steps_->setValue(kDefaultAttackSteps);
  steps_->setSuffix(" steps");
  stop_ = new QPushButton("Stop");
  stop_->setObjectName("stopAttack");
  progress_ = new QProgressBar;
  progress_->setTextVisible(true);
  for (QPushButton* button : {attack_, stop_}) button->setMinimumWidth(button->fontMetrics().horizontalAdvance(button->text()) + 24);
  attackGrid_ = grid;  // filled by arrangeControls
  progress_->setMinimumWidth(0);
  progress_->setSizePolicy(steps_->sizePolicy());
  connect(attack_, &QPushButton::clicked, this, &RobustnessPanel::attack);
  connect(stop_, &QPushButton::clicked, this, &RobustnessPanel::stopAttack);
  return box;
}

// The network and the attack's controls, and the signal kind and the shift's sliders: each on one row where
// the dock is wide enough (beside a lesson at 1366 × 768 the two rows saved are the histogram's, whose bars
// had ~40 px), else each on two rows (side by side they need more than a laptop's right column, ~320 px,
// whose edge would cut them).
void RobustnessPanel::arrangeControls(bool wide) {
  if (arranged_ && wide == wideControls_) return;
  arranged_ = true;
  wideControls_ = wide;
  const auto place = [](QGridLayout* grid, const QList<std::tuple<QWidget*, int, int, int>>& cells, const QList<int>& stretched) {
    for (const auto& [widget, row, column, span] : cells) grid->removeWidget(widget);
    for (int c = 0; c < grid->columnCount(); ++c) grid->setColumnStretch(c, 0);
    for (const auto& [widget, row, column, span] : cells) grid->addWidget(widget, row, column, 1, span);
    for (int c : stretched) grid->setColumnStretch(c, 1);
  };
  const int r = wide ? 0 : 1, c = wide ? 1 : 0;  // the second row's widgets: on the first, after its first
  place(attackGrid_, {{network_, 0, 0, wide ? 1 : 3}, {attack_, r, c, 1}, {steps_, r, c + 1, 1}, {progress_, r, c + 1, 1}, {stop_, r, c + 2, 1}},
        wide ? QList<int>{0, 2} : QList<int>{1});
  place(shiftGrid_, {{signalKind_, 0, 0, wide ? 1 : 4}, {noiseText_, r, c, 1}, {noise_, r, c + 1, 1}, {lambdaText_, r, c + 2, 1}, {lambdaFactor_, r, c + 3, 1}},
        wide ? QList<int>{0, 2, 4} : QList<int>{1, 3});
}

bool RobustnessPanel::roomForOneRowEach() const {
  const auto least = [](std::initializer_list<QWidget*> row, int slidersRoom) {
    int width = slidersRoom;
    for (QWidget* w : row) width += w->minimumSizeHint().width() + 6;
    return width;
  };
  const int sliders = 2 * fontMetrics().horizontalAdvance("noise 50 %");  // two sliders a hand can set
  const QMargins margins = layout()->contentsMargins();
  return width() >= std::max(least({network_, attack_, steps_, stop_}, 0), least({signalKind_, noiseText_, lambdaText_}, sliders)) +
                        margins.left() + margins.right();
}

void RobustnessPanel::resizeEvent(QResizeEvent* event) {
  arrangeControls(roomForOneRowEach());
  QWidget::resizeEvent(event);
}

void RobustnessPanel::setRun(const ConvergenceSnapshot& shown) {
  QStringList offered;
  for (const NetworkCurve& n : shown.networks)
    if (n.trained) offered << n.method;
  const QString chosen = network_->currentText();
  const bool sameRun = shown.request == run_.request && shown.generation == run_.generation;
  const bool otherProblem = !sameTrainingSettings(shown.request, run_.request);
  run_ = shown;
  QStringList before;
  for (int k = 0; k < network_->count(); ++k) before << network_->itemText(k);
  if (offered == before && sameRun) return;
  {
    const QSignalBlocker quiet(network_);
    network_->clear();
    network_->addItems(offered);
    network_->setCurrentIndex(std::max(0, static_cast<int>(offered.indexOf(chosen))));
    if (offered.isEmpty()) network_->setCurrentIndex(-1);
  }
  waitForRun_ = false;  // a new run's network: what a lesson waits for
  awaited_.reset();
  if (otherProblem) clearShown();  // the last problem's histogram stood until this one's was evaluated
  requestEvaluation();
}

void RobustnessPanel::clearShown() {
  dropInspectionUnlessItOutlives({});
  latest_ = 0;
  attacking_ = false;
  shown_ = {};
  attackShifted_ = false;
  plot_->showSnapshot(shown_);
}

void RobustnessPanel::awaitRun(const ExperimentSettings& request) {
  // A lesson's step that loads another preset went on showing the last preset's network here, with its
  // λ, for the whole of the new one's training, beside plots of the new problem.
  if (sameTrainingSettings(request, run_.request) || (awaited_ && sameTrainingSettings(request, *awaited_))) return;
  awaited_ = request;
  worker_->cancel();  // an evaluation or attack of the network that goes
  {
    const QSignalBlocker quiet(network_);
    network_->clear();
    network_->setCurrentIndex(-1);
  }
  requestEvaluation();  // with no network: nothing shown, the inspection dropped
}

void RobustnessPanel::requestEvaluation(int attackSteps) {
  debounce_.stop();
  if (network_->currentIndex() < 0) {  // nothing trained: nothing to show
    clearShown();
    updateControls();
    emit snapshotShown();
    return;
  }
  RobustnessRequest request = currentRequest();
  request.attackSteps = attackSteps;
  attackShifted_ = attackSteps == 0 && (attackShifted_ || !shown_.attackedGap.isEmpty()) &&
                   request.problem == shown_.request.problem && sameValues(request, shown_.request);
  dropInspectionUnlessItOutlives(request);
  latest_ = worker_->request(request);
  attacking_ = attackSteps > 0;
  requestedSteps_ = attackSteps;
  updateControls();
}

void RobustnessPanel::attack() {
  if (network_->currentIndex() < 0) return;
  requestEvaluation(steps_->value());
}

void RobustnessPanel::stopAttack() {
  if (attacking_) worker_->stop();  // its last snapshot (stopped) follows within one step
}

void RobustnessPanel::attackWhenReady(int steps, bool afterNextRun) {
  attackWhenReady_ = steps;
  inspectWorstWhenAttacked_ = true;
  waitForRun_ = afterNextRun;
  if (!afterNextRun && !attacking_ && latest_ != 0 && shown_.generation == latest_ && shown_.complete) {
    attackWhenReady_ = 0;
    requestEvaluation(steps);
  }
}

void RobustnessPanel::accept(const RobustnessSnapshot& snapshot) {
  if (snapshot.generation != latest_) return;  // an answer to a request since replaced
  shown_ = snapshot;
  const bool done = snapshot.complete || snapshot.stopped;
  if (done) attacking_ = false;
  plot_->showSnapshot(snapshot);
  updateControls();
  emit snapshotShown();
  if (done && snapshot.request.attackSteps == 0 && attackWhenReady_ > 0 && !waitForRun_) {
    const int steps = attackWhenReady_;
    attackWhenReady_ = 0;
    requestEvaluation(steps);
  } else if (done && snapshot.request.attackSteps > 0 && inspectWorstWhenAttacked_) {
    inspectWorstWhenAttacked_ = false;
    const auto worst = std::max_element(snapshot.attackedGap.begin(), snapshot.attackedGap.end());
    if (worst != snapshot.attackedGap.end()) inspect(true, static_cast<int>(worst - snapshot.attackedGap.begin()));
  }
}

QString RobustnessPanel::summary() const {
  const RobustnessSnapshot& s = shown_;
  if (s.testGap.isEmpty()) return {};
  // The bars' colours named (a laptop's short histogram has no room for its legend); the network, depth
  // and lambda are in the title: here too, they took a line a laptop's column lacked.
  const auto is = [](double gap) {  // "= 3.2e-04", or "≤ 1e-15 (rounding)"
    const QString text = formatGap(gap);
    return text.startsWith("≤") ? text : "= " + text;
  };
  QString text = QString("%1 signals: mean F − F* %2 (blue)").arg(s.testGap.size()).arg(is(s.meanTestGap()));
  if (!s.attackedGap.isEmpty()) {
    // Both at the floor the plot draws them at: a test mean of 0 made the ratio hundreds of digits long.
    const double ratio = std::max(s.meanAttackedGap(), kGapRoundingLevel) / std::max(s.meanTestGap(), kGapRoundingLevel);
    const auto worst = std::max_element(s.attackedGap.begin(), s.attackedGap.end());
    text += QString("; attacked (step %1/%2%3, orange): %4, × %5; the worst (▼): signal %6")
                .arg(s.attackStep).arg(s.request.attackSteps).arg(s.stopped ? ", stopped" : "")
                .arg(formatGap(s.meanAttackedGap())).arg(ratio, 0, ratio < 1e4 ? 'f' : 'e', ratio < 10 ? 1 : 0).arg(worst - s.attackedGap.begin());
  } else if (attackShifted_) {
    text += "; Attack again for the shifted signals";  // two lines in a laptop's column, as without a shift
  }
  return text;
}

void RobustnessPanel::inspect(bool attacked, int signal) {
  inspectedFrom_ = shown_.request;
  inspectedAttacked_ = attacked;
  inspectedSignal_ = signal;
  inspectionWanted_ = true;
  worker_->inspect(attacked, signal);
}

void RobustnessPanel::dropInspectionUnlessItOutlives(const RobustnessRequest& next) {
  if (!inspectionWanted_ && lastInspection_.curves.isEmpty()) return;  // nothing inspected: nothing to compare
  const RobustnessRequest& from = inspectedFrom_;
  const bool sameProblem = next.problem == from.problem && next.signalKind == from.signalKind &&
                           next.noise == from.noise && next.lambdaFactor == from.lambdaFactor &&
                           next.network.weights.kind == from.network.weights.kind && sameValues(next, from);
  if (!inspectedAttacked_ && sameProblem) return;  // a test signal outlives an attack on it
  inspectionWanted_ = false;
  if (lastInspection_.curves.isEmpty()) return;
  lastInspection_ = {};
  inspection_->clear();
  emit inspectionDropped();
}

void RobustnessPanel::acceptInspection(const ConvergenceSnapshot& inspection) {
  if (!inspectionWanted_) return;  // asked before the signals it came from were replaced
  lastInspection_ = inspection;
  inspection_->setText(inspectionSummary());
  emit inspectionReady(inspection);
}

MethodKey RobustnessPanel::inspectedMethod() const {
  for (const ConvergenceCurve& c : lastInspection_.curves)
    if (c.network && inspectUnder_->currentIndex() == 0) return *c.network;
  return Algorithm::Oista;
}

void RobustnessPanel::setInspectionShown(bool shown) {
  plot_->markPicked(shown && !lastInspection_.curves.isEmpty()
                        ? std::optional(RobustnessPlot::Pick{inspectedAttacked_, inspectedSignal_})
                        : std::nullopt);
}

void RobustnessPanel::setInspectedMethod(bool network) { inspectUnder_->setCurrentIndex(network ? 0 : 1); }

// "attacked signal 3: SLISTA F − F* = 1.2e+01 after 10 layers; OISTA 3.0e-02 after 10 iterations, 1.0e-12
// after 100": the network against the solver that checks its support, at the same depth and converged.
QString RobustnessPanel::inspectionSummary() const {
  const ConvergenceCurve *network = nullptr, *oista = nullptr;
  for (const ConvergenceCurve& c : lastInspection_.curves) (c.network ? network : oista) = &c;
  if (!network || !oista || network->gapMean.isEmpty() || oista->gapMean.isEmpty()) return {};
  const qsizetype T = network->gapMean.size() - 1;
  QString text = QString("%1: %2 F − F* = %3 after %4 layers; OISTA %5 after %4 iterations, %6 after %7.")
                     .arg(lastInspection_.signalName(0), network->method, formatGap(network->gapMean.back()))
                     .arg(T)
                     .arg(formatGap(oista->gapMean[std::min(T, oista->gapMean.size() - 1)]), formatGap(oista->gapMean.back()))
                     .arg(oista->gapMean.size() - 1);
  // The attack keeps only moves that raise a signal's gap: where none did, the signal is the test signal,
  // and its numbers are the same as the clean one's (which would otherwise look like a mistake).
  const int j = inspectedSignal_;
  if (inspectedAttacked_ && j >= 0 && j < shown_.attackMovesKept.size() && shown_.attackMovesKept[j] == 0)
    text += " Unchanged by the attack: no move raised its gap.";
  return text;
}

void RobustnessPanel::updateControls() {
  const bool attackFocused = attack_->hasFocus();
  // The label keeps the numbers the plot shows while the next answer is computed.
  const bool waiting = latest_ != 0 && shown_.generation != latest_;
  const bool networksToCome = awaited_ && !awaited_->networks.empty() && latest_ == 0;
  QString text = networksToCome                            ? QString("The networks of the run under way show here once trained.")
                 : shown_.testGap.isEmpty() && latest_ == 0 ? QString("Train a network (Networks in the Experiment panel), then attack it here.")
                                                            : summary();
  if (attacking_) text += text.isEmpty() ? "Attacking..." : " Attacking...";
  else if (waiting) text += text.isEmpty() ? "Evaluating..." : " Evaluating...";
  summary_->setText(text);
  const bool evaluated = !shown_.testGap.isEmpty() && !attacking_;
  attack_->setEnabled(network_->currentIndex() >= 0 && evaluated);
  stop_->setEnabled(attacking_);
  progress_->setRange(0, std::max(1, attacking_ ? requestedSteps_ : shown_.request.attackSteps));
  progress_->setValue(shown_.attackStep);
  progress_->setFormat("step %v of %m");
  progress_->setVisible(attacking_);
  steps_->setVisible(!attacking_);
  // The button pressed is greyed while it attacks: the focus goes to Stop, not to the steps box it passed
  // to (whose selected text the next key replaced).
  if (attacking_ && attackFocused) stop_->setFocus();
}

}  // namespace unfold::ui
