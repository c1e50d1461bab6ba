// The run gate under two computation threads: held at tick 0, one step moves both one tick, a pause stops
// everything at once at the slowest thread's tick, and steps then move the slowest; the run's clock
// stops while paused.
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
    gate.restart(paused);
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
    RunGate gate;
    QCOMPARE(gate.runningSeconds(), 0.0);
    gate.restart(false);
    QTRY_VERIFY(gate.runningSeconds() >= 0.05);
    gate.pause();
    const double atPause = gate.runningSeconds();
    QElapsedTimer wall;
    wall.start();
    QVERIFY(QTest::qWaitFor([&] { return wall.elapsed() >= 200; }, 1000));
    gate.step();
    QCOMPARE(gate.runningSeconds(), atPause);  // 0.2 s paused and a step later
    gate.resume();
    QTRY_VERIFY(gate.runningSeconds() >= atPause + 0.05);
    QVERIFY(gate.runningSeconds() < atPause + wall.elapsed() / 1000.0 - 0.15);  // the pause is not counted
    gate.restart(true);  // Reset: paused at t = 0, nothing run
    QVERIFY(QTest::qWaitFor([&] { return wall.elapsed() >= 300; }, 1000));
    QCOMPARE(gate.runningSeconds(), 0.0);
  }
};

QTEST_MAIN(TestRunGate)
#include "test_run_gate.moc"
