// Snapshots to plots: the latest request's snapshots are paced (at most ~30 redraws a second, and the UI
// thread at most ~7 % busy drawing), and each redraw gives every plot and the status bar the same one.
#include "window/main_window.h"

#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/method_palette.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "window/robustness_panel.h"
#include "window/settings_panel.h"

#include <QDockWidget>
#include <QMessageBox>

#include <algorithm>

namespace unfold::ui {

void MainWindow::acceptSnapshot(const ConvergenceSnapshot& snapshot) {
  if (snapshot.generation != latestGeneration_) return;  // answers a superseded request: never shown
  pending_ = snapshot;
  hasPending_ = true;
  // Paced, the first snapshot of a new request included: when F* is quick, the solvers' first results
  // replace it before it is drawn, and the plots do not flash empty while a slider is dragged.
  if (!redrawTimer_.isActive()) redrawTimer_.start();
  // The snapshot a pause or a step waited for is drawn at once, not at the pace of a busy run's redraws
  // (up to half a second): the person who pressed the key is looking.
  if (snapshot.paused) redrawTimer_.start(0);
}

namespace {

// What the cost plot shows, in a few numbers: an update that leaves them equal leaves the plot as it is
// (while networks train, the solvers' curves do not change and need no redrawing).
QVector<qint64> costPlotKey(const ConvergenceSnapshot& s) {
  QVector<qint64> key{qint64(s.generation), s.curves.size(), s.networks.size()};
  for (const ConvergenceCurve& c : s.curves) key << c.gapMean.size();
  for (const NetworkCurve& n : s.networks) key << n.layerGap.size();
  return key;
}

}  // namespace

void MainWindow::redraw() {
  if (!hasPending_) return;
  hasPending_ = false;
  QElapsedTimer cost;
  cost.start();
  const bool costChanged = costPlotKey(pending_) != costPlotKey(shown_);
  const bool networksChanged = !(pending_.networks.isEmpty() && shown_.networks.isEmpty() && pending_.generation == shown_.generation);
  shown_ = pending_;
  if (costChanged) costPlot_->showSnapshot(shown_);
  if (networksChanged) {
    // Of the two tabbed plots, the one that has something to say: coupling when only LISTA / LISTA-CP train;
    // the Robustness tab, once raised (by the user or a lesson), stays in front. (A tab behind another is
    // moved out of the window, not hidden.)
    const bool robustnessInFront = !plotDocks_.value("robustness")->visibleRegion().isEmpty();
    if (!shown_.networks.isEmpty() && shown_.networks.size() != shownNetworkCount_ && !robustnessInFront) {
      bool onlyCoupled = true;
      for (const NetworkCurve& n : shown_.networks)
        onlyCoupled &= n.kind == Parametrization::Lista || n.kind == Parametrization::ListaCp;
      (onlyCoupled ? couplingDock_ : stepsDock_)->raise();
    }
    shownNetworkCount_ = shown_.networks.size();
    showNetworks();
  }
  shownGeneration_ = shown_.generation;
  if (!shown_.notices.isEmpty() && noticedGeneration_ != shown_.generation) {
    noticedGeneration_ = shown_.generation;
    const QString notices = shown_.notices.join('\n');
    emit noticed(notices);
    if (dialogsEnabled_) {  // not modal: the run goes on drawing behind it
      auto* box = new QMessageBox(QMessageBox::Information, "Unfold Lab", notices, QMessageBox::Ok, this);
      box->setAttribute(Qt::WA_DeleteOnClose);
      box->open();
    }
  }
  // Its networks, once trained (a stopped run's, as far as they got); meanwhile no other problem's.
  if (shown_.complete || shown_.phase == RunPhase::Stopped) robustness_->setRun(shown_);
  else robustness_->awaitRun(shown_.request);
  if (shown_.request.source == ProblemSource::Files) {
    QString sizes = QString("n = %1, m = %2; %3 test signal%4").arg(shown_.dimension).arg(shown_.atoms).arg(shown_.testSignals).arg(shown_.testSignals == 1 ? "" : "s");
    if (shown_.trainingSignals > 0) sizes += QString(", %1 training").arg(shown_.trainingSignals);
    settings_->setImportedSizes(shown_.request, sizes);
  }
  settings_->setInspectableSignals(shown_.inspected, shown_.testSignals);
  QList<MethodKey> inspectable;
  for (const ConvergenceCurve& c : shown_.curves)
    if (!c.network) inspectable << c.algorithm;
  for (const NetworkCurve& n : shown_.networks)
    if (n.inspectedLayers.inspected > 0) inspectable << n.kind;
  if (!inspectable.isEmpty()) settings_->setInspectableMethods(inspectable);
  showInspected();
  updateControls();  // Pause reads Start or Resume by the t shown
  updateStatus();
  afterRedraw(cost);
}

void MainWindow::redrawAll() {
  costPlot_->showSnapshot(shown_);
  showNetworks();
  inspectorKey_.clear();
  showInspected();
}

void MainWindow::showNetworks() {
  stepsPlot_->showSnapshot(shown_);
  couplingPlot_->showSnapshot(shown_);
  trainingPlot_->showSnapshot(shown_);
}

void MainWindow::afterRedraw(const QElapsedTimer& cost) {
  // The plots repaint from queued events; once they are done, the time it all took sets the pace of
  // the next redraws: the UI thread spends at most ~7 % of its time drawing, so that on a machine with
  // few cores the computation keeps its speed.
  QTimer::singleShot(0, this, [this, cost] {
    redrawTimer_.setInterval(std::clamp(static_cast<int>(15 * cost.elapsed()), kRedrawMs, kSlowestRedrawMs));
  });
  emit redrawn();
}

void MainWindow::showInspected() {
  costPlot_->setInspectedMethod(settings_->inspectedMethod());
  robustness_->setInspectionShown(robustnessInspection_.has_value());
  settings_->setInspectedElsewhere(robustnessInspection_ ? QString("%1, %2 from Robustness")
                                                               .arg(methodLabel(robustnessMethod()), robustnessInspection_->signalName(0))
                                                         : QString());
  if (robustnessInspection_) {
    inspectorKey_.clear();
    supportPlot_->showSignal(*robustnessInspection_, robustnessMethod(), 0);
    ratioPlot_->showSignal(*robustnessInspection_, robustnessMethod(), 0);
    return;
  }
  const MethodKey method = settings_->inspectedMethod();
  const int signal = settings_->inspectedSignal();
  const ConvergenceCurve* curve = shown_.inspectorCurve(method);
  const int iterates = curve ? curve->iterates() : 0;
  const QString key = QString("%1/%2/%3/%4").arg(shown_.generation).arg(methodLabel(method)).arg(signal).arg(iterates);
  if (key == inspectorKey_) return;
  inspectorKey_ = key;
  supportPlot_->showSignal(shown_, method, signal);
  ratioPlot_->showSignal(shown_, method, signal);
}

}  // namespace unfold::ui
