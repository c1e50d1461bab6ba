#include "run/run_status.h"

#include "networks/network_diagnostics.h"
#include "plots/gap_floor.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace unfold::ui {

namespace {

const NetworkCurve* networkInTraining(const ConvergenceSnapshot& s) {
  return !s.networks.isEmpty() && !s.networks.back().trained ? &s.networks.back() : nullptr;
}

// Steps done over the budget of every network this run trains, and the seconds spent on them (a reused
// network, trained in no time, would bring the ETA down).
double trainingFraction(const ConvergenceSnapshot& s, double* seconds) {
  double done = 0;
  *seconds = 0;
  int reused = 0;
  for (const NetworkCurve& n : s.networks) {
    if (n.reused) {
      ++reused;
      continue;
    }
    done += n.trained ? n.maxIterations : n.trainIteration.isEmpty() ? 0 : n.trainIteration.back();
    *seconds += n.trainingSeconds;
  }
  const double total = double(s.request.trainingIterations) * std::max(1, s.networksPlanned - reused);
  return std::clamp(done / total, 0.0, 1.0);
}

QString trainingState(const ConvergenceSnapshot& s, const RunControls& c, RunStatus& status) {
  const NetworkCurve* n = networkInTraining(s);
  if (!n) return QString("training: %1 of %2 networks done").arg(s.networks.size()).arg(s.networksPlanned);
  const int step = n->trainIteration.isEmpty() ? 0 : int(n->trainIteration.back());
  const QString where = QString("%1 (%2 of %3) at step %4 of %5")
                            .arg(n->method).arg(s.networks.size()).arg(s.networksPlanned).arg(step).arg(n->maxIterations);
  if (c.paused) return QString("paused training %1: Space resumes, F10 steps").arg(where);
  double seconds = 0;
  const double fraction = trainingFraction(s, &seconds);
  status.progress = fraction;
  status.progressLabel = "training " + n->method;
  const QString eta = fraction > 0 ? formatDuration(seconds / fraction * (1 - fraction)) : QString("…");
  return QString("training %1, %2 elapsed, ETA %3").arg(where, formatDuration(c.elapsedSeconds), eta);
}

QString stoppedState(const ConvergenceSnapshot& s) {
  const int T = s.request.iterations;
  if (const NetworkCurve* n = networkInTraining(s); n || (!s.networks.isEmpty() && s.networks.back().stoppedByUser)) {
    const NetworkCurve& stopped = s.networks.back();  // its stop reason would say "stopped by the user" again
    const int step = stopped.trainIteration.isEmpty() ? 0 : int(stopped.trainIteration.back());
    return QString("stopped by the user while training %1, at step %2 of %3; the solvers had finished (t = %4)")
        .arg(stopped.method).arg(step).arg(stopped.maxIterations).arg(s.iteration());
  }
  if (s.iteration() < 0 && s.referenceSolved < s.testSignals)  // Stop while F* was computed
    return QString("stopped by the user while computing the exact solution F* (%1 of %2 signals): no iteration ran")
        .arg(s.referenceSolved).arg(s.testSignals);
  if (s.iteration() < 0) return "stopped by the user before the first iteration";
  return QString("stopped by the user at t = %1 of %2, after %3").arg(s.iteration()).arg(T).arg(formatDuration(s.seconds));
}

// What went wrong with a trained network and why, where the legend only says "collapsed to z = 0": ALISTA
// collapses in the paper's own setting (Fig. 6, 0.8 lambda_max), and a person who sees it should not have to
// guess whether the app or the method failed.
QStringList collapsedNetworks(const ConvergenceSnapshot& s) {
  QStringList parts;
  for (const NetworkCurve& n : s.networks) {
    if (!n.collapsedToZero) continue;
    QString reason = QString::fromStdString(collapseReason(n.kind, s.request.lambda));
    reason.replace("lambda_max", "λₘₐₓ").replace("lambda", "λ");
    parts << QString("%1 collapsed to z = 0: %2").arg(n.method, reason);
  }
  return parts;
}

// At rounding level several methods may stand, in noise, none better than another: what a reader looks
// for is who got there first (the cost plot's first triangle). "ISTA-BT at t = 47"; empty when none did.
QString firstAtRoundingLevel(const ConvergenceSnapshot& s, bool median) {
  double first = std::numeric_limits<double>::infinity();
  QStringList whose;
  const auto consider = [&](const QString& method, const QVector<double>& gaps, const auto& tOf) {
    const auto at = std::find_if(gaps.begin(), gaps.end(), [](double gap) { return gap <= kGapRoundingLevel; });
    if (at == gaps.end()) return;
    const double t = tOf(at - gaps.begin());
    if (t < first) first = t, whose.clear();
    if (t == first) whose << method;
  };
  for (const ConvergenceCurve& c : s.curves)
    if (c.iteration.size() == c.gapMean.size())
      consider(c.method, median && c.gapMedian.size() == c.gapMean.size() ? c.gapMedian : c.gapMean,
               [&c](qsizetype i) { return c.iteration[i]; });
  for (const NetworkCurve& n : s.networks) consider(n.method, n.gaps(median), [](qsizetype i) { return double(i + 1); });  // layer t
  if (whose.isEmpty()) return {};
  return QString("%1 at t = %2").arg(whose.join(" and ")).arg(first);
}

}  // namespace

QString formatDuration(double seconds) {
  // A small run's "done in 0.0 s" read as if nothing had run.
  if (seconds < 0.0005) return "under 1 ms";
  if (seconds < 0.9995) return QString("%1 ms").arg(std::lround(seconds * 1000));
  if (seconds < 60) return QString("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
  return QString("%1 min %2 s").arg(int(seconds) / 60).arg(int(seconds) % 60);
}

QString formatGap(double gap) {
  if (std::isinf(gap)) return "–";
  if (std::isnan(gap)) return "not a number";
  if (gap < kGapRoundingLevel) return "≤ 1e-15 (rounding)";
  return QString::number(gap, 'e', 2);
}

RunStatus describeRun(const ConvergenceSnapshot& s, bool current, const RunControls& c) {
  RunStatus status;
  QString state;
  const int T = s.request.iterations;
  if (!c.failure.isEmpty()) {
    state = "refused: " + c.failure.left(120) + (s.generation > 0 ? "; showing the previous problem" : "");
  } else if (c.running && !current) {
    state = "starting the new run…";
  } else if (c.stopping) {
    state = "stopping…";
  } else {
    switch (s.phase) {
      case RunPhase::Preparing:
        state = !c.running ? QString("press Run (F5)")
                // Every signal certified (or known from the last run on this problem and λ): the solvers start.
                : s.testSignals > 0 && s.referenceSolved == s.testSignals ? QString("the exact solution F* is known: starting the solvers")
                // F* goes on while paused (Pause, Reset): the solvers then hold at t = 0, as the toolbar's
                // Start says; the run's clock stands, so no seconds.
                : c.paused ? (s.referenceSolved > 0 ? QString("computing the exact solution F* (reference solver): %1 of %2 signals")
                                                          .arg(s.referenceSolved).arg(s.testSignals)
                                                    : QString("computing the exact solution F* (reference solver)")) +
                                 "; then the run holds at t = 0: Space starts it"
                : s.referenceSolved > 0
                    ? QString("computing the exact solution F* (reference solver): %1 of %2 signals, %3")
                          .arg(s.referenceSolved).arg(s.testSignals).arg(formatDuration(c.elapsedSeconds))
                    : QString("computing the exact solution F* (reference solver), %1").arg(formatDuration(c.elapsedSeconds));
        if (c.running && s.referenceSolved > 0 && s.referenceSolved < s.testSignals) {
          status.progress = std::clamp(double(s.referenceSolved) / s.testSignals, 0.0, 1.0);
          status.progressLabel = "exact F*";
        }
        break;
      case RunPhase::Solving:
        if (c.paused && !s.paused) {  // the solvers have stopped; the plots show them once they are drawn
          state = QString("pausing at t ≥ %1…").arg(std::max(0, s.iteration()));
        } else if (c.paused) {
          // Before the first iteration (Reset), Space starts what never ran, as the toolbar's Start says.
          const QString space = s.iteration() <= 0 ? "Space starts" : "Space resumes";
          // Why the run stands at t = 0 or 1 where it stood further on: else its t reads as gone wrong.
          const QString why = c.startedOver.isEmpty() ? QString() : " (" + c.startedOver + ")";
          state = s.iteration() < 0 ? QString("paused before t = 0%1: F10 steps, %2").arg(why, space)
                                    : QString("paused at t = %1 of %2%3: F10 steps, %4").arg(s.iteration()).arg(T).arg(why, space);
        } else {
          state = QString("running: t = %1 of %2, %3 elapsed").arg(std::max(0, s.iteration())).arg(T).arg(formatDuration(c.elapsedSeconds));
          status.progress = T > 0 ? std::clamp(double(std::max(0, s.iteration())) / T, 0.0, 1.0) : 0.0;
          status.progressLabel = "iterations";
        }
        break;
      case RunPhase::Training: state = trainingState(s, c, status); break;
      case RunPhase::Complete:
        // A run that stood paused (steps, or Reset's t = 0) did more than its running seconds say.
        state = QString("done in %1%2").arg(formatDuration(s.seconds), s.pausedSeconds > 0.05 ? ", not counting pauses and steps" : "");
        break;
      case RunPhase::Stopped: state = stoppedState(s); break;
    }
  }
  if (s.generation == 0 || s.problem.isEmpty()) {
    status.text = state;
    return status;
  }
  // Where the run is comes first: a narrow status bar drops its last parts, and the problem's facts
  // (which do not change during a run) are the ones to lose.
  // The statistic the cost plot shows, named: its lowest point is the number here, and whose it is (a
  // reused network's, from the first step of a run whose solvers have just begun).
  QString best;
  const double bestGap = s.bestGap(c.median, &best);
  const bool named = std::isfinite(bestGap) && bestGap >= kGapRoundingLevel && !best.isEmpty();
  QString gap = formatGap(bestGap) + (named ? " by " + best : QString());
  if (std::isfinite(bestGap) && bestGap < kGapRoundingLevel)
    if (const QString first = firstAtRoundingLevel(s, c.median); !first.isEmpty()) gap += ", first " + first;
  // λ at or above every signal's λₘₐₓ: "best ≤ 1e-15 (rounding)" read as a method's feat.
  const QString bestPart = startsAtTheSolution(s) ? QString("λ ≥ λₘₐₓ: z* = 0 = z₀ for every signal, nothing to descend")
                                               : QString("best %1 F − F* %2").arg(c.median ? "median" : "mean", gap.startsWith("≤") ? gap : "= " + gap);
  const QString facts = QStringList{"%1", "L = %2", "mean λₘₐₓ = %3"}.join(kStatusSeparator)
                            .arg(s.problem)
                            .arg(s.lipschitz, 0, 'g', 5)
                            .arg(s.meanLambdaMax, 0, 'g', 4);
  status.text = (QStringList{state, bestPart} + collapsedNetworks(s) + QStringList{facts})
                    .join(kStatusSeparator);
  return status;
}

}  // namespace unfold::ui
