// The run gate under two computation threads: held at tick 0, one step moves both one tick, a pause stops
// everything at once at the slowest thread's tick, and steps then move the slowest; the run's clock
// stops while paused, and a network's training time is that clock's.
#include "run/network_training_run.h"
#include "run/run_gate.h"

#include <QElapsedTimer>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

using namespace unfold::ui;

namespace {

// Two computation threads passing a gate once per tick, the second sleeping `slowTick` after each; told
// to leave (a paused thread leaves within the gate's 20 ms poll) and joined at the end, also when a
// failed check returns early.
struct GatedThreads {
  RunGate gate;
  std::atomic<int> reached[2] = {-1, -1};
  std::atomic<bool> abandon{false};
  std::vector<std::thread> threads;
  GatedThreads(bool paused, int ticks, std::chrono::milliseconds slowTick = {}) {
    gate.prepare(paused);
    gate.restart();
    for (int k = 0; k < 2; ++k)
      threads.emplace_back([this, k, ticks, slowTick] {
        for (int t = 0; t < ticks; ++t) {
          if (!gate.pass(t, [this] { return abandon.load(); })) return;
          reached[k] = t;
          if (k == 1) std::this_thread::sleep_for(slowTick);
        }
      });
  }
  ~GatedThreads() {
    abandon = true;
    for (std::thread& t : threads) t.join();
  }
};

}  // namespace

class TestRunGate : public QObject {
  Q_OBJECT
 private slots:
  void gateHoldsThreadsInLockstep() {
    GatedThreads run(true, 1000);  // paused at tick 0
    RunGate& gate = run.gate;
    auto& reached = run.reached;
    const auto moves = [&](int beyond) { return reached[0].load() > beyond || reached[1].load() > beyond; };
    QVERIFY(!QTest::qWaitFor([&] { return moves(0); }, 100));  // held at tick 0
    gate.step();
    QTRY_VERIFY(reached[0].load() == 1 && reached[1].load() == 1);  // both, one tick
    QVERIFY(!QTest::qWaitFor([&] { return moves(1); }, 100));        // and no more
    gate.resume();
    QTRY_VERIFY(moves(5));
  }

  // Space while one solver runs far ahead of another: everything stops at once (nothing runs on after
  // the pause), the run is paused at the slow one's t, and steps move the slow one until it catches up.
  void gatePausesAtOnceAtTheSlowestTick() {
    GatedThreads run(false, 10'000'000, std::chrono::milliseconds(2));
    RunGate& gate = run.gate;
    auto& reached = run.reached;
    QTRY_VERIFY(reached[1].load() >= 3 && reached[0].load() > reached[1].load() + 100);
    gate.pause();
    const auto settled = [&] { return std::pair(reached[0].load(), reached[1].load()); };
    const auto atPause = settled();
    QVERIFY(!QTest::qWaitFor([&] {  // each finishes at most the tick it was on
      const auto now = settled();
      return now.first > atPause.first + 1 || now.second > atPause.second + 1;
    }, 150));
    const auto held = settled();
    QVERIFY(held.first > held.second + 100);  // the fast one's lead stays, it did not run on
    gate.step();                              // the slowest moves one tick, the fast one waits
    QTRY_COMPARE(reached[1].load(), held.second + 1);
    QVERIFY(!QTest::qWaitFor([&] { return settled() != std::pair(held.first, held.second + 1); }, 100));
  }

  // The run's clock ("elapsed", "done in") stands still while paused, steps included, and goes on from
  // where it stood on resume; a restart sets it back to zero.
  void theClockStopsWhilePaused() {
    qint64 now = 1000;  // milliseconds, moved by hand
    RunGate gate([&now] { return now; });
    QCOMPARE(gate.runningSeconds(), 0.0);  // never started
    gate.prepare(false);
    gate.restart();
    now += 500;
    QCOMPARE(gate.runningSeconds(), 0.5);
    gate.pause();
    now += 2000;
    gate.step();
    now += 300;
    QCOMPARE(gate.runningSeconds(), 0.5);  // 2.3 s paused and a step later
    gate.resume();
    now += 250;
    QCOMPARE(gate.runningSeconds(), 0.75);  // on from where it stood
    QCOMPARE(gate.pausedSeconds(), 2.3);     // what it left out
    gate.step();  // a step while running pauses
    now += 1000;
    QCOMPARE(gate.runningSeconds(), 0.75);
    gate.prepare(true);
    gate.restart();  // Reset: paused at t = 0, nothing run
    now += 4000;
    QCOMPARE(gate.runningSeconds(), 0.0);
    gate.resume();
    now += 100;
    QCOMPARE(gate.runningSeconds(), 0.1);
  }

  // A network's training time, which the status bar's training ETA divides by, is the run's clock: the
  // time the training stood paused is left out (the trainer's own clock would count it).
  void trainingTimeIsTheRunsClock() {
    qint64 now = 0;  // milliseconds, moved by hand
    RunGate gate([&now] { return now; });
    unfold::ProblemSpec spec;
    spec.n = 5;
    spec.m = 10;
    spec.trainCount = spec.testCount = 50;
    const unfold::ExperimentProblem problem = unfold::makeProblem(spec);
    const double lambda = 0.2;
    const unfold::ReferenceSolution reference = unfold::solveReference(*problem.dictionary, problem.test.X, lambda);
    const unfold::TrainingData data =
        unfold::trainingData(*problem.dictionary, problem.train, problem.test, lambda, unfold::LossKind::Unsupervised, reference);
    unfold::NetworkSettings settings{unfold::Parametrization::Slista, 3, lambda, {}};
    settings.training.maxIterations = 8;
    QElapsedTimer guard;  // a gate that never lets the training on fails the test instead of hanging it
    guard.start();
    const std::function<bool()> abandoned = [&guard] { return guard.elapsed() > 60000; };
    int published = 0;
    QString offClock;
    // Paused from the start, so that every step is published; each is shown for 5 s paused, then 1 s
    // runs and the next step is let through.
    gate.prepare(false);
    gate.restart();
    gate.pause();
    const NetworkCurve curve = runNetwork(
        {*problem.dictionary, data, reference.optimalCost}, settings, gate, abandoned, [&](const NetworkCurve& c) {
          const int step = int(c.trainIteration.back());
          if (c.trainingSeconds != published) offClock += QString(" step %1: %2 s;").arg(step).arg(c.trainingSeconds);
          ++published;
          now += 5000;
          gate.resume();
          now += 1000;
          gate.step();                 // paused again after the next tick
          if (step == 1) gate.step();  // no tick passed yet: the first step only raised the limit to 1
        });
    QVERIFY(!abandoned());
    QCOMPARE(published, int(curve.trainIteration.size()));
    QVERIFY(published >= 3);
    QVERIFY2(offClock.isEmpty(), qPrintable(offClock));
    QCOMPARE(curve.trainingSeconds, double(published - 1));  // the last step's time, before its own second
  }

  // A run started paused at tick 1 (F10 on a finished run) keeps that limit into its first phase, also when
  // the phase is a network's training, begun before any tick passed; the next phase is held at its tick 0.
  void aRunStartedAtTickOneTakesThatStepInItsFirstPhase() {
    RunGate gate;
    std::atomic<bool> leave{false};
    const auto blocks = [&](int tick) {
      std::atomic<bool> passed{false};
      std::thread pass([&] { passed = gate.pass(tick, [&] { return leave.load(); }); });
      const bool held = !QTest::qWaitFor([&] { return passed.load(); }, 100);
      leave = true;
      pass.join();
      leave = false;
      return held;
    };
    QElapsedTimer guard;  // a tick held back fails the test (pass returns false) instead of hanging it
    guard.start();
    const auto never = [&guard] { return guard.elapsed() > 5000; };
    gate.prepare(true, 1);
    gate.restart();
    gate.beginPhase();
    QVERIFY(gate.pass(0, never));
    QVERIFY(gate.pass(1, never));
    QVERIFY(blocks(2));
    gate.beginPhase();
    QVERIFY(gate.pass(0, never));
    QVERIFY(blocks(1));
  }

  // Keys pressed between a request and the start of its run (Reset then Space at once; F10 twice on a
  // finished run) act on the run to come: they had been lost when it started as the request said.
  void keysBeforeTheRunStartsAreKept() {
    RunGate gate;
    gate.prepare(false);
    gate.restart();
    const auto never = [] { return false; };
    const auto abandonedNow = [] { return true; };
    QVERIFY(gate.pass(7, never));  // the run before, under way
    gate.prepare(true, 0);         // Reset
    gate.resume();                 // Space, before the new run's first tick
    gate.step();                   // (and a step with it running: paused after tick 1)
    gate.step();                   // paused after tick 2
    QVERIFY(gate.paused());
    QCOMPARE(gate.runningSeconds(), 0.0);  // the new run has not begun
    gate.restart();
    QVERIFY(gate.paused());
    QVERIFY(gate.pass(0, never) && gate.pass(1, never) && gate.pass(2, never));
    QVERIFY(!gate.pass(3, abandonedNow));  // held (left at once, as abandoned)
    gate.prepare(true, 0);
    gate.resume();
    gate.restart();
    QVERIFY(!gate.paused());
    QVERIFY(gate.pass(100, never));
    gate.prepare(false);
    gate.pause();
    gate.restart();
    QVERIFY(gate.paused());
    QVERIFY(gate.pass(0, never) && !gate.pass(1, abandonedNow));
  }
};

QTEST_MAIN(TestRunGate)
#include "test_run_gate.moc"
