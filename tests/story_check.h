// The invariant a flow test checks after every action: every plot, the status bar and the controls tell
// the story of the one snapshot shown (storyProblems() lists what disagrees; empty when all agree).
#pragma once

#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/method_palette.h"
#include "plots/robustness_plot.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "run/run_status.h"
#include "teaching/lesson_panel.h"
#include "window/import_problem_dialog.h"
#include "window/main_window.h"
#include "window/robustness_panel.h"
#include "window/settings_panel.h"
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QToolBar>
#include <QDockWidget>
#include <QGroupBox>
#include <QPushButton>
#include <QLabel>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <QSpontaneKeyEvent>

namespace unfold::ui {

// A solver's iterations, or a trained network's layers on the inspected signals.
inline const ConvergenceCurve* curveOf(const ConvergenceSnapshot& s, MethodKey method) {
  if (const auto* network = std::get_if<unfold::Parametrization>(&method)) {
    for (const NetworkCurve& n : s.networks)
      if (n.kind == *network && n.inspectedLayers.inspected > 0) return &n.inspectedLayers;
    return nullptr;
  }
  for (const ConvergenceCurve& c : s.curves)
    if (!c.network && c.algorithm == std::get<unfold::Algorithm>(method)) return &c;
  return nullptr;
}

// The method an item of the Inspect box's list names ("OISTA", "SLISTA (layers)").
inline std::optional<MethodKey> listedMethod(const QString& text) {
  for (const unfold::Algorithm a : ExperimentSettings::kAlgorithms)
    if (methodLabel(a) == text) return a;
  for (const unfold::Parametrization p : ExperimentSettings::kParametrizations)
    if (methodLabel(p) + " (layers)" == text) return p;
  return std::nullopt;
}

inline QAction* action(MainWindow& w, const char* name) { return w.findChild<QAction*>(name); }

// Every problem with the story the window tells, or an empty string.
inline QString storyProblems(MainWindow& w) {
  QStringList problems;
  const ConvergenceSnapshot& s = w.shownSnapshot();
  const QString status = w.statusText();
  const bool refused = status.contains("refused");
  if (!w.running() && !refused && s.generation != w.latestGeneration())
    problems << QString("a finished run shows generation %1, not the latest %2").arg(s.generation).arg(w.latestGeneration());
  // The cost plot draws the snapshot's curves, each to its last t.
  for (const ConvergenceCurve& c : s.curves) {
    QCPGraph* g = w.costPlot()->curve(c.method);
    if (!g) {
      problems << "cost plot lacks " + c.method;
      continue;
    }
    if (g->data()->size() != c.iteration.size())
      problems << QString("cost plot %1 has %2 points, the snapshot %3").arg(c.method).arg(g->data()->size()).arg(c.iteration.size());
  }
  // The inspector plots draw the same t range of the inspected method, or the signal the Robustness dock
  // inspects, under the method it names.
  const ConvergenceSnapshot& inspectedRun = w.inspectingRobustness() ? *w.robustnessInspection() : s;
  const ConvergenceCurve* inspected = nullptr;
  int signal = w.settingsPanel()->inspectedSignal();
  if (w.inspectingRobustness()) {
    signal = 0;
    for (const ConvergenceCurve& c : inspectedRun.curves)
      if (c.key() == w.robustnessPanel()->inspectedMethod()) inspected = &c;
    if (!w.supportPlot()->title().contains(methodLabel(w.robustnessPanel()->inspectedMethod()) + ", " + inspectedRun.signalName(0)))
      problems << "support plot title is not the inspected signal: " + w.supportPlot()->title();
  } else {
    inspected = curveOf(s, w.settingsPanel()->inspectedMethod());
  }
  // The Inspect box names what the plots show when it is not its own method and signal; its method list
  // offers only the solvers that ran and the networks trained.
  QGroupBox* inspectBox = nullptr;
  for (QGroupBox* box : w.settingsPanel()->findChildren<QGroupBox*>())
    if (box->title().startsWith("Inspect")) inspectBox = box;
  const QString expectedTitle = w.inspectingRobustness() ? QString("Inspect (another pick)") : QString("Inspect (no recomputation)");
  if (!inspectBox || inspectBox->title() != expectedTitle)
    problems << "Inspect box reads '" + (inspectBox ? inspectBox->title() : QString()) + "', expected '" + expectedTitle + "'";
  const QLabel* note = w.settingsPanel()->findChild<QLabel*>("inspectNote");
  const QString expectedNote = QString("The plots show %1, %2 from Robustness").arg(methodLabel(w.robustnessPanel()->inspectedMethod()), inspectedRun.signalName(0));
  if (!note || note->isVisibleTo(w.settingsPanel()) != w.inspectingRobustness() || (w.inspectingRobustness() && !note->text().startsWith(expectedNote)))
    problems << "Inspect box note reads '" + (note ? note->text() : QString()) + "', expected '" + expectedNote + "'";
  if (auto* methods = w.settingsPanel()->findChild<QComboBox*>("inspectMethod"); methods && !s.curves.isEmpty()) {
    const auto* model = qobject_cast<QStandardItemModel*>(methods->model());
    for (int row = 0; row < methods->count(); ++row) {
      const std::optional<MethodKey> listed = listedMethod(methods->itemText(row));
      if (!listed) problems << "Inspect offers an unknown method " + methods->itemText(row);
      const bool ran = listed && curveOf(s, *listed) != nullptr;
      if (model->item(row)->isEnabled() != ran) problems << "Inspect offers " + methods->itemText(row) + (ran ? " greyed" : " not run");
    }
  }
  const int iterates = inspected && signal < inspected->inspected ? inspected->iterates() : 0;
  const int raster = w.supportPlot()->raster()->data()->keySize();
  // A long run's raster may end a little after the support settled: then its axis says how far the run
  // went, and no sign changes after its last column.
  bool settledBefore = raster > 0 && raster < iterates &&
                       (w.supportPlot()->xAxis->label().contains(QString("to t = %1").arg(iterates - 1)) ||
                        w.supportPlot()->xAxis->label().contains(QString("run to %1").arg(iterates - 1)));
  for (int t = raster; settledBefore && t < iterates; ++t) settledBefore = !inspected->history->signsChanged(t, signal);
  if (raster != iterates && !settledBefore) problems << QString("support plot has %1 iterates, the snapshot %2").arg(raster).arg(iterates);
  // Its rows span the problem's atoms (more atoms than pixel rows: a row is a group of atoms).
  if (const QCPRange atoms = w.supportPlot()->raster()->data()->valueRange(); iterates > 0 && atoms.upper != inspectedRun.atoms - 1)
    problems << QString("support plot has %1 atoms, the problem %2").arg(atoms.upper + 1).arg(inspectedRun.atoms);
  if (QCPGraph* g = w.ratioPlot()->curve(inspectedRun.signalName(signal)); iterates > 0 && (!g || g->data()->size() != iterates))
    problems << QString("L_S/L plot has %1 iterates, the snapshot %2").arg(g ? g->data()->size() : -1).arg(iterates);
  // The Robustness dock: its histogram counts every signal it reports, its summary and controls agree.
  const RobustnessPanel& robustness = *w.robustnessPanel();
  const RobustnessSnapshot& r = robustness.shown();
  for (auto [bars, gaps] : {std::pair{robustness.plot()->testBars(), &r.testGap}, std::pair{robustness.plot()->attackedBars(), &r.attackedGap}}) {
    double counted = 0;
    for (const QCPBarsData& d : *bars->data()) counted += d.value;
    if (counted != gaps->size()) problems << QString("robustness histogram counts %1 signals, the dock has %2").arg(counted).arg(gaps->size());
  }
  // Its networks are the shown run's (trained on its problem), or it shows none.
  if (!r.testGap.isEmpty() && s.generation > 0 && !sameTrainingSettings(r.request.problem, s.request))
    problems << "the Robustness dock evaluates a network of another problem than the plots show";
  // The bar of the signal the plots show is outlined, and only while they show it.
  const QCPBars* outline = robustness.plot()->pickedBar();
  if (w.inspectingRobustness()) {
    const QString name = inspectedRun.signalName(0);
    const bool attacked = name.startsWith("attacked");
    const qsizetype j = name.section(' ', -1).toInt();
    const QVector<double>& gaps = attacked ? r.attackedGap : r.testGap;
    const double half = (attacked ? robustness.plot()->attackedBars() : robustness.plot()->testBars())->width() / 0.95;
    const double centre = outline->data()->isEmpty() ? qQNaN() : outline->data()->at(0)->key + (attacked ? -half / 2 : half / 2);
    if (j >= gaps.size() || (gaps[j] > 0 && !(std::abs(std::log10(gaps[j]) - centre) <= half * 1.001)))
      problems << QString("the Robustness histogram does not outline the bar of %1").arg(name);
  } else if (!outline->data()->isEmpty()) {
    problems << "the Robustness histogram outlines a bar the plots do not show";
  }
  const QString summary = robustness.findChild<QLabel*>("robustnessSummary")->text();
  // Its summary says the means, and which bars are which (a short histogram has no legend).
  if (!r.testGap.isEmpty() && !summary.contains(formatGap(r.meanTestGap()) + " (blue)"))
    problems << "robustness summary lacks the mean gap: " + summary;
  if (!r.attackedGap.isEmpty() && !(summary.contains(formatGap(r.meanAttackedGap())) && summary.contains("orange)")))
    problems << "robustness summary lacks the attacked mean gap: " + summary;
  if (const auto* attack = robustness.findChild<QPushButton*>("attack"); attack->isEnabled() != (!r.testGap.isEmpty() && !robustness.attacking()))
    problems << "Attack button enabled while attacking or with nothing evaluated, or the reverse";
  if (robustness.findChild<QPushButton*>("stopAttack")->isEnabled() != robustness.attacking())
    problems << "robustness Stop button disagrees with the attack running";
  // Axes: finite, ordered, log axes above zero, iteration axes spanning what is drawn.
  for (QCustomPlot* plot : w.plots()) {
    for (QCPAxisRect* rect : plot->axisRects()) {
      for (QCPAxis* axis : rect->axes()) {
        const QCPRange r = axis->range();
        if (!std::isfinite(r.lower) || !std::isfinite(r.upper) || !(r.lower < r.upper) ||
            (axis->scaleType() == QCPAxis::stLogarithmic && r.lower <= 0))
          problems << QString("%1: axis '%2' range %3..%4").arg(plot->objectName(), axis->label()).arg(r.lower).arg(r.upper);
      }
    }
  }
  // Every solver's curve ends at the one t of the snapshot, the status bar's, also while they run (each at
  // its own pace) or stand paused with a fast one ahead.
  for (const ConvergenceCurve& c : s.curves)
    if (c.iteration.size() != s.iteration() + 1 || c.lsOverLMean.size() != c.iteration.size())
      problems << QString("%1 runs to t = %2 (L_S/L to %3), the snapshot's t is %4").arg(c.method).arg(c.iteration.size() - 1).arg(c.lsOverLMean.size() - 1).arg(s.iteration());
  const QCPRange t = w.costPlot()->xAxis->range();
  double last = 1;
  for (const ConvergenceCurve& c : s.curves) last = std::max(last, c.iteration.isEmpty() ? 0.0 : c.iteration.back());
  for (const NetworkCurve& n : s.networks) last = std::max(last, double(n.layerGap.size()));  // reused: from t = 0 on
  // A long run's axis may end soon after every curve landed at rounding level: then its label says how far it went.
  const QString costAlong = w.costPlot()->xAxis->label();
  const bool endsEarly = costAlong.contains(QString("to t = %1").arg(last)) || costAlong.contains(QString("run to %1").arg(last));
  if (!s.curves.isEmpty() && (t.lower < -0.05 * last - 1 || t.lower > 0 || (t.upper < last && !endsEarly) || t.upper > 1.1 * last + 2))
    problems << QString("cost plot shows t = %1..%2 for t up to %3").arg(t.lower).arg(t.upper).arg(last);
  // The status bar says where the run is, first (later parts may name other t's: "first OISTA at t = 98").
  const QRegularExpressionMatch at = QRegularExpression("\\bt = (\\d+)").match(status.section(kStatusSeparator, 0, 0));
  if (at.hasMatch() && s.phase != RunPhase::Training && at.captured(1).toInt() != s.iteration())
    problems << QString("status says t = %1, the plots show t = %2").arg(at.captured(1)).arg(s.iteration());
  if (!w.running()) {
    if (!refused && s.phase == RunPhase::Complete && !status.contains("done")) problems << "finished, status: " + status;
    if (!refused && s.phase == RunPhase::Stopped && !status.contains("stopped by the user")) problems << "stopped, status: " + status;
    for (const char* word : {"running", "ETA", "computing", "stopping"})
      if (status.contains(word)) problems << QString("not running, status says '%1': %2").arg(word, status);
    if (w.progressBar()->isVisible()) problems << "not running, the progress bar shows";
    for (WorkbenchPlot* plot : {static_cast<WorkbenchPlot*>(w.stepsPlot()), static_cast<WorkbenchPlot*>(w.couplingPlot())})
      for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name().contains("(training)")) problems << "not running, legend says " + plot->graph(i)->name();
    if (s.generation > 0 && !(w.settingsPanel()->settings() == s.request)) problems << "the form is not the problem shown";
    bool kept = false;  // the training plot's title promises "○ kept" only over a circle drawn
    for (int i = 0; i < w.trainingPlot()->graphCount(); ++i) kept = kept || w.trainingPlot()->graph(i)->name().contains("weights kept");
    if (kept != w.trainingPlot()->title().contains("kept")) problems << "training plot: " + w.trainingPlot()->title();
  } else if (w.paused() && s.phase == RunPhase::Solving && s.paused && !status.contains("paused")) {
    problems << "paused, status: " + status;
  } else if (w.paused() && s.phase == RunPhase::Solving && !s.paused && !status.contains("pausing")) {
    problems << "paused, the plots not yet, status: " + status;
  }
  // The status's best gap is of the statistic the cost plot draws.
  if (s.generation > 0 && !s.problem.isEmpty() && status.contains("best ") && !status.contains(w.costPlot()->median() ? "best median" : "best mean"))
    problems << "the cost plot and the status bar's best gap differ in statistic: " + status;
  // The controls say what a press would do.
  // Paused before the run's first iteration (Reset), Space starts it: Start, as the status says.
  const bool beforeItsStart = s.generation != w.latestGeneration() || (s.phase <= RunPhase::Solving && s.iteration() <= 0);
  // Before the first iteration (Reset) the first button reads Start, and Space starts, as the status says;
  // Pause is greyed (nothing runs). Restart only where something has run.
  const bool start = w.paused() && beforeItsStart;
  const QString pause = w.paused() && !start ? "Resume" : "Pause";
  if (action(w, "pause")->text() != pause) problems << "pause button reads " + action(w, "pause")->text() + ", not " + pause;
  if (start && action(w, "pause")->isEnabled()) problems << "Pause enabled beside Start";
  if (w.paused() && s.generation == w.latestGeneration() && s.phase == RunPhase::Solving && s.paused &&
      !status.contains(beforeItsStart ? "Space starts" : "Space resumes"))
    problems << "pause button reads " + pause + ", status: " + status;
  const QString run = start ? "Start" : w.running() ? "Restart" : "Run";
  if (action(w, "run")->text() != run) problems << "run button reads " + action(w, "run")->text() + ", not " + run;
  // The buttons keep their widths whatever they read: a second click on Step landed on Resume.
  for (const char* name : {"run", "pause"})
    if (const QWidget* b = w.findChild<QToolBar*>("run")->widgetForAction(action(w, name)); b->isVisible() && b->width() != b->minimumWidth())
      problems << QString("the %1 button is %2 px wide, not %3: the buttons after it moved").arg(name).arg(b->width()).arg(b->minimumWidth());
  if (action(w, "stop")->isEnabled() != w.running()) problems << "stop button enabled while not running, or the reverse";
  return problems.join("\n");
}

}  // namespace unfold::ui
