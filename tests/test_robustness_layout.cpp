// The Robustness dock in a laptop's window: the histogram keeps its legend clear of the bars and its marks
// inside the frame, the controls take one row each where the dock is wide, the tab needs no scrolling at
// 1366 x 768, and where the dock does scroll the wheel over the histogram scrolls it.
#include "robustness_bars.h"
#include "shown_at.h"
#include "window/robustness_panel.h"
#include "window_runs.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QtTest>

using namespace unfold;
using namespace unfold::ui;

class TestRobustnessLayout : public QObject {
  Q_OBJECT

  // `window` at 1024 x 560 after a run that trains networks, its Robustness dock raised: the dock's scroll
  // area, which scrolls; null if any of it failed.
  static QScrollArea* robustnessDockOfAShortWindow(MainWindow& window) {
    window.setDialogsEnabled(false);
    if (!shownAt(window, QSize(1024, 560)) || !runSettings(window, smallNetworks())) return nullptr;
    window.findChild<QDockWidget*>("robustness")->raise();
    auto* scroll = qobject_cast<QScrollArea*>(window.findChild<QDockWidget*>("robustness")->widget());
    return QTest::qWaitFor([scroll] { return scroll->verticalScrollBar()->maximum() > 0; }) ? scroll : nullptr;
  }

 private slots:
  // A network whose every gap is at rounding level (0, or a hair below: F* is rounded too) has its bar at
  // the floor, 10⁻¹⁵, not at 10⁰ (the bins fell back to a decade around 1), and its mean says "≤ 10⁻¹⁵".
  void gapsAtRoundingLevelStandAtTheFloor() {
    RobustnessPlot plot;
    QVERIFY(shownAt(plot, QSize(400, 260)));
    RobustnessSnapshot snapshot;
    snapshot.network = "SLISTA, 5 layers";
    snapshot.lambda = 3.2;
    for (const QVector<double>& gaps : {QVector<double>{0.0, 0.0, 0.0, 0.0}, QVector<double>{0.0, -2e-17, 4e-16, 3e-16}}) {
      snapshot.testGap = gaps;
      plot.showSnapshot(snapshot);
      double counted = 0.0, key = qQNaN();
      for (const QCPBarsData& bar : *plot.testBars()->data())
        if (bar.value > 0) counted += bar.value, key = bar.key;
      QCOMPARE(counted, 4.0);  // in one bar
      QVERIFY2(key >= -15.0 && key < -14.0, qPrintable(QString("the bar at 10^%1").arg(key)));
      QVERIFY2(plot.xAxis->range().contains(key) && plot.xAxis->range().upper < 0, qPrintable(QString::number(plot.xAxis->range().upper)));
      QCOMPARE(plot.testBars()->name(), QString("test signals: mean ≤ 10⁻¹⁵"));
    }
  }

  // After an attack, at the sizes the plot has in a laptop window (its tab at 1280 x 800; beside a lesson
  // at 1366 x 768, where it had no legend at all), the legend still says which bars are which: inside over
  // free bins, or in a row under the title, every entry whole, no bar under it. In the dock of a 1024 x 700
  // window, without the worst mark's entry (the summary names it): with it, there was no legend at all.
  void anAttackedHistogramKeepsItsLegendInALaptopWindow_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("expected");
    QTest::newRow("tab at 1280 x 800") << QSize(300, 235) << 3;
    QTest::newRow("beside a lesson at 1366 x 768") << QSize(430, 160) << 3;
    QTest::newRow("the dock at 1024 x 700") << QSize(220, 170) << 2;
  }
  void anAttackedHistogramKeepsItsLegendInALaptopWindow() {
    QFETCH(QSize, size);
    QFETCH(int, expected);
    RobustnessPlot plot;
    QVERIFY(shownAt(plot, size));
    RobustnessSnapshot s;
    s.network = "SLISTA, 20 layers";
    s.lambda = 0.2;
    s.request.attackSteps = s.attackStep = 30;
    s.complete = true;
    // As a trained SLISTA's on 1000 signals: test gaps over seven decades, piling up towards 10⁻²; the
    // attacked ones in two decades above, up to 1.8.
    for (int j = 0; j < 1000; ++j)
      s.testGap << std::pow(10.0, -9.0 + 7.0 * std::sqrt(j / 1000.0)), s.attackedGap << std::pow(10.0, -2.0 + 2.25 * (j / 1000.0) * (j / 1000.0));
    plot.showSnapshot(s);
    plot.replot();
    const QString where = QString("plot %1 x %2, legend %3").arg(plot.width()).arg(plot.height()).arg(plot.legend->visible() ? "shown" : "hidden");
    int entries = 0;  // a wrapped legend's last row may end in an empty cell
    for (int i = 0; i < plot.legend->itemCount(); ++i)
      if (const QCPAbstractLegendItem* item = plot.legend->item(i); item && ++entries)
        QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width() && plot.rect().contains(item->outerRect()),
                 qPrintable(where + QString(", entry %1").arg(i)));
    QVERIFY2(plot.legend->visible() && entries == expected, qPrintable(where + QString(", %1 entries").arg(entries)));
    QCOMPARE(barsUnderLegend(plot), QStringList());
    // The worst mark (10 px wide) over the last bin stays inside the frame: it was cut in half.
    const double worst = plot.xAxis->coordToPixel(plot.worstMark()->data()->begin()->key);
    QVERIFY2(worst + 6 <= plot.axisRect()->right(), qPrintable(where + QString(", mark at %1 of %2").arg(worst).arg(plot.axisRect()->right())));
  }

  // At 1366 x 768, with a network trained and evaluated, the Robustness tab shows its last row without
  // scrolling (the hint under the histogram took two lines and the summary repeated the title's network
  // and λ: the last row was below the dock's edge).
  void theRobustnessTabNeedsNoScrollingOnALaptop() {
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1366, 768)));
    QVERIFY(runSettings(window, smallNetworks()));
    window.findChild<QDockWidget*>("robustness")->raise();
    RobustnessPanel* panel = window.robustnessPanel();
    QTRY_VERIFY(panel->findChild<QLabel*>("robustnessSummary")->text().contains("mean F − F*"));
    const QWidget* viewport = panel->parentWidget();
    const int needed = panel->hasHeightForWidth() ? panel->heightForWidth(viewport->width()) : panel->minimumSizeHint().height();
    QVERIFY2(needed <= viewport->height(), qPrintable(QString("panel %1 px tall at least, column %2 px").arg(needed).arg(viewport->height())));
  }

  // In a window too short for the whole dock, the wheel over the histogram scrolls the dock to the controls
  // under it, as over its other rows (it zoomed the histogram); Ctrl+wheel zooms.
  void theWheelOverTheHistogramScrollsAShortDock() {
    MainWindow window;
    QScrollArea* scroll = robustnessDockOfAShortWindow(window);
    QVERIFY(scroll);
    RobustnessPlot& histogram = *window.robustnessPanel()->plot();
    QTRY_VERIFY(!histogram.visibleRegion().isEmpty());
    const auto turn = [&histogram](Qt::KeyboardModifiers modifiers) {
      const QPointF at(histogram.axisRect()->rect().center());
      QWheelEvent notch(at, histogram.mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
      QSpontaneKeyEvent::setSpontaneous(&notch);
      QApplication::sendEvent(&histogram, &notch);
    };
    const QCPRange bars = histogram.xAxis->range();
    turn(Qt::NoModifier);
    QVERIFY(scroll->verticalScrollBar()->value() > 0);
    QVERIFY(!histogram.userView());
    QCOMPARE(histogram.xAxis->range(), bars);
    turn(Qt::ControlModifier);
    QVERIFY(histogram.userView());
    QVERIFY(histogram.xAxis->range() != bars);
  }

  // A bar picked in a dock that scrolls brings its gaps, under the histogram, into sight (they stood below
  // the dock's edge, and the click seemed to change nothing there).
  void aPickedBarsGapsComeIntoSight() {
    MainWindow window;
    QScrollArea* scroll = robustnessDockOfAShortWindow(window);
    QVERIFY(scroll);
    QTRY_VERIFY(!window.robustnessPanel()->shown().testGap.isEmpty());
    scroll->verticalScrollBar()->setValue(0);
    const QLabel* said = window.robustnessPanel()->findChild<QLabel*>("robustnessInspection");
    const auto inSight = [&] {
      const QRect at(said->mapTo(scroll->viewport(), QPoint(0, 0)), said->size());
      return scroll->viewport()->rect().contains(at);
    };
    QVERIFY(!inSight());
    emit window.robustnessPanel()->plot()->signalPicked(false, 0);  // a click on the bar of test signal 0
    QTRY_VERIFY(!said->text().isEmpty());
    QTRY_VERIFY2(inSight(), qPrintable(QString("scrolled to %1 of %2; the label at %3, %4 px high in a %5 px view")
                                          .arg(scroll->verticalScrollBar()->value()).arg(scroll->verticalScrollBar()->maximum())
                                          .arg(said->mapTo(scroll->viewport(), QPoint(0, 0)).y()).arg(said->height()).arg(scroll->viewport()->height())));
  }

  // The network and the attack's buttons share a row, and so do the signal kind and the shift's sliders,
  // where the dock is wide (beside a lesson at 1366 x 768: the rows saved are the histogram's); in a
  // laptop's narrow column each group takes two rows, every control whole inside the panel.
  void theControlsTakeOneRowEachWhereTheDockIsWide() {
    for (const int width : {460, 300}) {
      RobustnessPanel panel;
      QVERIFY(shownAt(panel, QSize(width, 520)));
      const auto* network = panel.findChild<QComboBox*>("robustnessNetwork");
      const auto* attack = panel.findChild<QPushButton*>("attack");
      const auto* kind = panel.findChild<QComboBox*>("shiftKind");
      const auto* noise = panel.findChild<QSlider*>("shiftNoise");
      const bool wide = width == 460;
      const QString where = QString("%1 px: network at y %2, Attack at %3; kind at %4, noise at %5")
                                .arg(width).arg(network->y()).arg(attack->y()).arg(kind->y()).arg(noise->y());
      QCOMPARE(panel.width(), width);
      panel.layout()->activate();
      QVERIFY2((std::abs(network->geometry().center().y() - attack->geometry().center().y()) <= 2) == wide, qPrintable(where));
      QVERIFY2((std::abs(kind->geometry().center().y() - noise->geometry().center().y()) <= 4) == wide, qPrintable(where));
      for (const char* name : {"robustnessNetwork", "attack", "attackSteps", "stopAttack", "shiftKind", "shiftNoise", "shiftLambda"}) {
        const QWidget* control = panel.findChild<QWidget*>(name);
        const QRect at(control->mapTo(&panel, QPoint(0, 0)), control->size());
        QVERIFY2(panel.rect().contains(at) && control->width() >= control->minimumSizeHint().width() - 1,
                 qPrintable(where + QString(", %1 at %2, %3 %4 x %5").arg(name).arg(at.x()).arg(at.y()).arg(at.width()).arg(at.height())));
      }
    }
  }
};

QTEST_MAIN(TestRobustnessLayout)
#include "test_robustness_layout.moc"
