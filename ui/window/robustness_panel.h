// The Robustness dock: where a trained network fails. It evaluates a network of the shown run on its test
// signals, or live on signals out of its training distribution (another signal kind, added noise, another
// lambda: the sliders), attacks them on request (a RobustnessWorker on its own thread: progress, Stop), and
// draws both as histograms of the per-signal gap. A click on a bar inspects the worst signal of that bar
// in the support and L_S/L plots, under the network (its layers) or under OISTA, which checks its support.
#pragma once

#include "run/robustness_worker.h"
#include "run/worker_thread.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace unfold::ui {

class LogSlider;
class RobustnessPlot;

class RobustnessPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RobustnessPanel(QWidget* parent = nullptr);
  ~RobustnessPanel() override;

  // The networks trained in `shown` (complete ones only) become the choice; a new choice re-evaluates.
  void setRun(const ConvergenceSnapshot& shown);
  // A run on `request` is under way: unless its networks are trained as the ones shown here were, the dock
  // drops what it shows (another problem's networks) and waits for that run's, which setRun brings.
  void awaitRun(const ExperimentSettings& request);
  // Attack the evaluated signals (steps from the form), or stop the attack where it is.
  void attack();
  void stopAttack();
  // Once the evaluation is done (with `afterNextRun`, that of the next run's network), attack it with
  // `steps`, then inspect the worst attacked signal (a lesson's step).
  void attackWhenReady(int steps, bool afterNextRun);
  void inspect(bool attacked, int signal);
  // What the inspector plots show: the network's layers or OISTA's iterations on the inspected signal.
  MethodKey inspectedMethod() const;
  void setInspectedMethod(bool network);
  // Whether the window's plots show the inspected signal: its bar is outlined while they do.
  void setInspectionShown(bool shown);
  // Out of distribution: nullopt for the run's own signal kind.
  void setShift(std::optional<SignalKind> kind, double noise, double lambdaFactor);

  RobustnessPlot* plot() const { return plot_; }
  const RobustnessSnapshot& shown() const { return shown_; }
  bool attacking() const { return attacking_; }
  QString summary() const;
  QString inspectionSummary() const;

 signals:
  void snapshotShown();                                       // a result reached the plot
  void inspectionReady(const unfold::ui::ConvergenceSnapshot& inspection);
  // The inspected signal is gone (its signals were evaluated again, or attacked again): the plots that
  // showed it go back to the run's own.
  void inspectionDropped();
  void inspectedMethodChanged();
  void failed(const QString& message);

 private:
  QWidget* buildShiftBox();
  QWidget* buildAttackRow();
  void arrangeControls(bool wide);  // one row (wide) or two for each of the two groups of controls
  bool roomForOneRowEach() const;
  void resizeEvent(QResizeEvent* event) override;
  void requestEvaluation(int attackSteps = 0);
  void clearShown();  // no histogram, no inspection, no request awaited
  RobustnessRequest currentRequest() const;
  void accept(const RobustnessSnapshot& snapshot);
  void acceptInspection(const ConvergenceSnapshot& inspection);
  void dropInspectionUnlessItOutlives(const RobustnessRequest& next);
  void updateControls();

  RobustnessPlot* plot_ = nullptr;
  QComboBox *network_ = nullptr, *signalKind_ = nullptr, *inspectUnder_ = nullptr;
  QSlider* noise_ = nullptr;          // percent of ||x||
  LogSlider* lambdaFactor_ = nullptr;
  QLabel *noiseText_ = nullptr, *lambdaText_ = nullptr, *summary_ = nullptr, *inspection_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QPushButton *attack_ = nullptr, *stop_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QGridLayout *attackGrid_ = nullptr, *shiftGrid_ = nullptr;
  bool arranged_ = false, wideControls_ = false;
  QTimer debounce_;
  WorkerThread<RobustnessWorker> worker_;
  ConvergenceSnapshot run_;               // the run whose networks are offered
  std::optional<ExperimentSettings> awaited_;  // awaitRun's: the run under way, whose networks are to come
  RobustnessSnapshot shown_;
  ConvergenceSnapshot lastInspection_;
  RobustnessRequest inspectedFrom_;       // the request whose signals the inspection picked from
  bool inspectedAttacked_ = false;        // ... an attacked one
  int inspectedSignal_ = -1;              // ... this one
  bool inspectionWanted_ = false;         // false once dropped: a late answer is not shown
  quint64 latest_ = 0;
  bool attacking_ = false;
  int requestedSteps_ = 0;                // of the attack running
  // An attack shown before a shift of the signals it attacked (noise, kind, λ): the new evaluation has none,
  // and the summary says why until the next attack.
  bool attackShifted_ = false;
  int attackWhenReady_ = 0;               // > 0: attack with these steps after the next evaluation
  bool waitForRun_ = false;               // ... of the next run's network
  bool inspectWorstWhenAttacked_ = false;
};

}  // namespace unfold::ui
