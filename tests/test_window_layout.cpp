// The window's layout in small and large windows: the main plot keeps its room beside the others, the
// L_S / L legend stays off the tick labels, a grown plot draws its roomier legend, every plot's axes read
// as axes and its points stay whole, the Robustness controls fit a laptop's column, and a session's focus
// gets the room.
#include "plots/cost_decrease_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/robustness_plot.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "run/session_file.h"
#include "shown_at.h"
#include "trained_networks_snapshot.h"
#include "window/main_window.h"
#include "window/robustness_panel.h"
#include "window_runs.h"

#include <QApplication>
#include <QDockWidget>
#include <QSpinBox>
#include <QLabel>
#include <QtTest>

using namespace unfold::ui;

enum LegendPlace { Inside, Above, Hidden };  // where the L_S / L legend stands

class TestWindowLayout : public QObject {
  Q_OBJECT
 private slots:
  // The cost plot, the one the workbench is about, is never squeezed below the bottom row: in a
  // 1024 x 700 window with the welcome banner above it, it had 60 px and the bottom row 380.
  void theCostPlotKeepsItsRoomInAShortWindow() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.welcome()->isVisible());  // a first launch: the banner takes its share too
    for (const QSize size : {QSize(1024, 700), QSize(1280, 800), QSize(1600, 950)}) {
      window.resize(size);
      QTRY_COMPARE(window.size(), size);
      QTRY_VERIFY2(window.costPlot()->height() >= 0.8 * window.supportPlot()->height() && window.costPlot()->height() >= 200,
                   qPrintable(QString("%1 x %2: cost plot %3 px, support plot %4 px").arg(size.width()).arg(size.height())
                                  .arg(window.costPlot()->height()).arg(window.supportPlot()->height())));
      // The banner says it in three lines at most (once its text has its width): a shorter text where the
      // whole one would take five.
      const auto* text = window.welcome()->findChild<QLabel*>();
      QTRY_VERIFY2(text->height() <= 3 * text->fontMetrics().lineSpacing() + 6, qPrintable(QString("%1 px").arg(text->height())));
      if (size.width() >= 1600) QVERIFY(window.welcome()->text().contains("Start the first lesson"));  // the whole text
    }
  }

  // A plot laid out small (a dock behind a tab, at start-up) and then grown takes its roomy legend again,
  // and the picture shows it: the look changed after QCustomPlot's own replot of the resize, and the
  // Robustness histogram showed a 7-point legend until its next data.
  void aGrownPlotDrawsTheLegendItFitted() {
    QWidget host;  // as in a dock: a child's resize is one event, no window system round trip
    host.resize(700, 600);
    RobustnessPlot plot;
    plot.setParent(&host);
    plot.resize(300, 160);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    RobustnessSnapshot s;
    s.network = "SLISTA, 5 layers";
    s.lambda = 0.5;
    for (int j = 0; j < 100; ++j) s.testGap << std::pow(10.0, -3.0 + j / 50.0);
    double drawn = 0.0;  // the legend's size in the last picture drawn
    connect(&plot, &QCustomPlot::afterReplot, &plot, [&] { drawn = plot.legend->font().pointSizeF(); });
    plot.showSnapshot(s);
    QTRY_VERIFY(drawn > 0.0 && plot.legend->visible());
    const double small = plot.legend->font().pointSizeF();
    plot.resize(600, 500);
    QTRY_COMPARE(plot.size(), QSize(600, 500));
    QVERIFY2(plot.legend->font().pointSizeF() > small, qPrintable(QString("%1 pt at both sizes").arg(small)));
    QTRY_COMPARE(drawn, plot.legend->font().pointSizeF());
  }

  // On a laptop's screen the Robustness tab's controls fit its column: none cut at the right edge (at
  // 1280 x 800 the Stop button, the steps box, the λ slider and the histogram's right side were).
  void theRobustnessControlsFitALaptopWindow_data() { addSizeRows({QSize(1024, 700), QSize(1280, 800), QSize(1366, 768)}); }
  void theRobustnessControlsFitALaptopWindow() {
    QFETCH(QSize, size);
    MainWindow window;
    QVERIFY(shownAt(window, size));
    QDockWidget* dock = window.findChild<QDockWidget*>("robustness");
    dock->raise();
    RobustnessPanel* panel = window.robustnessPanel();
    QTRY_VERIFY(panel->isVisible());
    const QWidget* viewport = panel->parentWidget();
    QTRY_VERIFY2(panel->width() <= viewport->width(), qPrintable(QString("panel %1 px wide (at least %2), column %3 px")
                                                                    .arg(panel->width()).arg(panel->minimumSizeHint().width()).arg(viewport->width())));
    for (const QWidget* w : panel->findChildren<QWidget*>()) {
      if (!w->isVisibleTo(panel)) continue;
      const QRect at(w->mapTo(panel, QPoint(0, 0)), w->size());
      QVERIFY2(at.right() < viewport->width(), qPrintable(QString("%1 '%2' ends at %3 of %4 px").arg(w->metaObject()->className(), w->objectName())
                                                             .arg(at.right()).arg(viewport->width())));
    }
  }

  // A preset's focus gets the room: the L_S/L preset (the paper's Fig. E.1) gives its plot three fifths of
  // the bottom row and the row half the window, at every size the window takes after; a preset without
  // one leaves the default shares (the support plot the wider).
  void aPresetsFocusGetsTheRoom() {
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1600, 950)));
    QString error;
    const auto lsRatio = readPreset("ls-ratio", &error);
    QVERIFY2(lsRatio && lsRatio->focus == "ratio", qPrintable(error));
    window.applySession(*lsRatio);
    QCOMPARE(window.focus(), QString("ratio"));
    const auto focused = [&] {
      return window.ratioPlot()->width() > 1.3 * window.supportPlot()->width() && window.ratioPlot()->height() > 0.4 * window.height();
    };
    QTRY_VERIFY2(focused(), qPrintable(QString("L_S/L %1 x %2, support %3 px wide").arg(window.ratioPlot()->width())
                                           .arg(window.ratioPlot()->height()).arg(window.supportPlot()->width())));
    window.resize(1280, 800);
    QTRY_VERIFY(focused());
    window.applySession(*readPreset("oista", &error));
    QVERIFY(window.focus().isEmpty());
    window.resize(1600, 950);
    QTRY_VERIFY(window.supportPlot()->width() > window.ratioPlot()->width());
    QVERIFY(window.ratioPlot()->height() < 0.4 * window.height());
  }

  // In a short panel every point is drawn whole, off the axis lines: the 5 % margin was 4 px in the
  // laptop window's 90-px training panel, and a network that stopped at its first step (one point, its
  // kept circle at the top of the range) was cut in half, the lowest curve lay on the x axis; learned
  // steps at ~0 lay on it too.
  void markersAtTheEdgesOfTheRangeStayWholeInAShortPanel() {
    TrainingCurvesPlot plot;
    QVERIFY(shownAt(plot, QSize(320, 150)));
    ConvergenceSnapshot snapshot;
    snapshot.generation = 1;
    NetworkCurve stalled, trained;
    stalled.method = "ALISTA", trained.method = "SLISTA";
    stalled.trainIteration = {0}, stalled.trainLoss = {3.80}, stalled.testLoss = {3.80};
    trained.trainIteration = {0, 50, 100, 150}, trained.trainLoss = {3.78, 3.76, 3.755, 3.75}, trained.testLoss = {3.78, 3.77, 3.765, 3.77};
    stalled.network.training["best_test_loss"] = 3.80;
    trained.network.training["best_test_loss"] = 3.765;
    snapshot.networks = {stalled, trained};
    plot.showSnapshot(snapshot);
    plot.replot();
    const QRect axes = plot.axisRect()->rect();
    for (int i = 0; i < plot.graphCount(); ++i)
      for (const QCPGraphData& point : *plot.graph(i)->data()) {
        const double y = plot.yAxis->coordToPixel(point.value);
        QVERIFY2(y >= axes.top() + 6 && y <= axes.bottom() - 6,
                 qPrintable(QString("%1 at %2 px in %3..%4").arg(plot.graph(i)->name()).arg(y).arg(axes.top()).arg(axes.bottom())));
      }
    // Likewise a step learned down to ~0 (ALISTA's, collapsed): its 6-px disc whole, off the x axis.
    LearnedStepsPlot steps;
    QVERIFY(shownAt(steps, QSize(320, 200)));
    NetworkCurve collapsed;
    collapsed.method = "ALISTA", collapsed.trained = true, collapsed.stepTimesL = {1e-6, 1e-6, 1e-6};
    snapshot.networks = {collapsed};
    steps.showSnapshot(snapshot);
    steps.replot();
    const double y = steps.yAxis->coordToPixel(1e-6);
    QVERIFY2(y <= steps.axisRect()->rect().bottom() - 4, qPrintable(QString("%1 px, axis at %2").arg(y).arg(steps.axisRect()->rect().bottom())));
  }

  // A training plot too short for its legend's full names ("LISTA-CP: 150 steps, budget used") names its
  // networks all the same, shortly ("LISTA-CP"): at 1366 x 768 it had no legend at all, three curves and
  // no word of which was which. A roomier plot gives the full names back; a hidden curve stays hidden.
  void aShortTrainingPlotStillNamesItsNetworks() {
    TrainingCurvesPlot plot;
    QVERIFY(shownAt(plot, QSize(320, 150)));
    const ConvergenceSnapshot snapshot = trainedNetworksSnapshot();
    plot.showSnapshot(snapshot);
    plot.replot();
    const auto legendNames = [&plot] {
      QStringList names;
      for (int i = 0; i < plot.legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i))) names << item->plottable()->name();
      return names;
    };
    QVERIFY(plot.legend->visible());
    QCOMPARE(legendNames(), (QStringList{"LISTA-CP", "ALISTA", "SLISTA"}));
    QCPGraph* alista = plot.curve("ALISTA: 150 steps, budget used");
    QVERIFY(alista);
    plot.toggleCurve(alista);
    plot.resize(700, 450);
    QTRY_COMPARE(legendNames(), (QStringList{"LISTA-CP: 150 steps, budget used", "ALISTA: 150 steps, budget used",
                                             "SLISTA: 150 steps, budget used"}));
    QVERIFY(plot.legend->visible() && !alista->visible());
    plot.showSnapshot(snapshot);  // the next update keeps it hidden
    QVERIFY(!plot.curve("ALISTA: 150 steps, budget used")->visible());
  }

  // Before any run, every plot's axes read as axes: several tick labels, none repeated (a log axis over
  // less than a decade labelled every tick "1·10⁻²"), and in a small window no value axis's labels run
  // into each other (the panels under the main ones and the colour scale included).
  void emptyPlotsHaveDistinctTickLabels() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<QCustomPlot*> plots = window.findChildren<QCustomPlot*>();
    QVERIFY(plots.size() >= 6);
    for (const QSize size : {window.size(), QSize(1024, 700), QSize(890, 630)}) {
      window.resize(size);
      QTRY_COMPARE(window.size(), size);
      for (QCustomPlot* plot : plots) {
        plot->replot();
        plot->replot();  // tick counts follow the panel's size from the layout before
        for (QCPAxisRect* rect : plot->axisRects())
          for (QCPAxis* axis : rect->axes(QCPAxis::atLeft | QCPAxis::atBottom)) {
            if (!axis->visible() || !axis->tickLabels()) continue;
            const QVector<QString> labels = axis->tickVectorLabels();
            QVERIFY2(labels.size() >= 2 && QSet<QString>(labels.begin(), labels.end()).size() == labels.size(),
                     qPrintable(plot->objectName() + ": " + QStringList(labels.begin(), labels.end()).join(" | ")));
          }
        // Every vertical linear axis (each panel's, a colour scale's): tick labels a line apart at least
        // (in a plot on screen: one in a tab behind another keeps the layout of its last showing).
        if (plot->visibleRegion().isEmpty()) continue;
        QList<QCPAxis*> vertical;
        for (QCPAxisRect* rect : plot->axisRects()) vertical << rect->axis(QCPAxis::atLeft);
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
          if (auto* scale = qobject_cast<QCPColorScale*>(element)) vertical << scale->axis();
        for (QCPAxis* axis : vertical) {
          const QVector<double> ticks = axis->tickVector();
          for (qsizetype k = 1; k < ticks.size() && axis->scaleType() == QCPAxis::stLinear && axis->visible(); ++k) {
            const double apart = std::abs(axis->coordToPixel(ticks[k]) - axis->coordToPixel(ticks[k - 1]));
            QVERIFY2(apart >= QFontMetrics(axis->tickLabelFont()).height(),
                     qPrintable(QString("%1 at %2 x %3: ticks of '%4' %5 px apart").arg(plot->objectName()).arg(size.width())
                                    .arg(size.height()).arg(axis->label()).arg(apart)));
          }
        }
      }
    }
  }

  // A title too wide for its plot breaks onto a second line where it reads best; only what still does
  // not fit is cut. At 1024 x 700 every empty plot's title (an instruction: "train a network to see it")
  // shows whole, or its instruction alone in a plot too short for two lines, and inside the plot; after a
  // run, a title over results that does not fit shows what follows the plot's name (the dock says it).
  void titlesBreakRatherThanCut() {
    const QFontMetrics metrics(QApplication::font());
    const QString hint = "Training (train a network to see it)";
    const int narrow = metrics.horizontalAdvance("(train a network to see it)") + 2;
    QCOMPARE(titleForWidth(hint, metrics, 1000), hint);
    QCOMPARE(titleForWidth(hint, metrics, narrow), QString("Training\n(train a network to see it)"));
    QCOMPARE(titleForWidth("Support evolution: signal 12 under OISTA", metrics, metrics.horizontalAdvance("signal 12 under OISTA") + 2),
             QString("Support evolution:\nsignal 12 under OISTA"));
    QCOMPARE(titleForWidth("one two three four", metrics, metrics.horizontalAdvance("one two three") + 1), QString("one two three\nfour"));
    // Too little room for the whole: the instruction of a hint, what follows a colon of a title over results.
    const int small = metrics.horizontalAdvance("(train a network to see it)") + 13;
    QCOMPARE(fittedTitle(hint, true, metrics, QSize(small, 150)), QString("Train a network to see it"));
    QCOMPARE(fittedTitle(hint, true, metrics, QSize(small, 210)), QString("Training\n(train a network to see it)"));
    QCOMPARE(fittedTitle("Support evolution: OISTA, signal 0", false, metrics, QSize(small, 250)), QString("OISTA, signal 0"));
    QCOMPARE(fittedTitle("Robustness of a network trained long (λ = 0.5)", false, metrics, QSize(small, 250)), QString("λ = 0.5"));
    QCOMPARE(fittedTitle("Support evolution: OISTA, signal 0", false, metrics, QSize(small, 300)),
             QString("Support evolution:\nOISTA, signal 0"));
    QCOMPARE(fittedTitle("Robustness (out of distribution) of a network (λ = 0.5)", false, metrics, QSize(small, 250)),
             QString("λ = 0.5"));
    bool elided = false;
    const QString cut = titleForWidth(hint, metrics, metrics.horizontalAdvance("Training (train"), 2, &elided);
    QVERIFY2(elided && cut.startsWith("Training\n(train") && cut.count('\n') == 1, qPrintable(cut));
    titleForWidth(hint, metrics, narrow, 2, &elided);
    QVERIFY(!elided);
    QCOMPARE(titleForWidth(hint, metrics, metrics.horizontalAdvance("(train a network") + 1, 3), QString("Training\n(train a network\nto see it)"));
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QTRY_COMPARE(window.size(), QSize(1024, 700));
    for (WorkbenchPlot* plot : window.findChildren<WorkbenchPlot*>()) {
      if (plot->visibleRegion().isEmpty()) continue;
      for (QCPLayoutElement* element : plot->plotLayout()->elements(false))
        if (auto* title = qobject_cast<QCPTextElement*>(element))
          QVERIFY2(!title->text().contains("…") && (title->text().remove('\n').remove(' ') == plot->title().remove(' ') ||
                                                     plot->title().endsWith(title->text().mid(1).remove('\n') + ")")) &&
                       title->outerRect().top() >= 0,
                   qPrintable(plot->title() + " shown as " + title->text().replace('\n', " / ") + QString(" in %1 x %2").arg(plot->width()).arg(plot->height())));
    }
    QVERIFY(runIterations(window, 10));
    for (QCPLayoutElement* element : window.supportPlot()->plotLayout()->elements(false))
      if (auto* title = qobject_cast<QCPTextElement*>(element)) {
        const QString whole = window.supportPlot()->title();
        const QString shown = title->text().remove('\n');
        QVERIFY2(whole.startsWith("Support evolution: ") && (shown == whole || !shown.startsWith("Support")) &&
                     whole.endsWith(shown.chopped(shown.endsWith("…") ? 1 : 0)),
                 qPrintable(whole + " as " + shown));
      }
  }

  // The raster's colour bar says what its colours are upright, above the bar (as the bar's axis label it
  // stood on its side), and in sight at any size.
  void theColourBarIsLabelledAboveIt() {
    SupportRasterPlot plot;
    for (const QSize size : {QSize(500, 360), QSize(260, 250)}) {
      plot.resize(size);
      plot.replot();
      const QCPColorScale* scale = nullptr;
      for (QCPLayoutElement* element : plot.plotLayout()->elements(true))
        if (auto* s = qobject_cast<QCPColorScale*>(element)) scale = s;
      QVERIFY(scale && scale->axis()->label().isEmpty());
      const QCPItemText* label = nullptr;
      for (int i = 0; i < plot.itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot.item(i)); text && text->text() == "zₜ,ᵢ") label = text;
      QVERIFY(label);
      const QRect bar = scale->axis()->axisRect()->rect();
      const QPointF at = label->position->pixelPosition();
      QVERIFY2(std::abs(at.x() - bar.center().x()) <= 1 && at.y() <= bar.top() && at.y() - QFontMetrics(label->font()).height() >= 0,
               qPrintable(QString("label at %1, %2; bar from %3, %4").arg(at.x()).arg(at.y()).arg(bar.left()).arg(bar.top())));
    }
  }

  // The L_S / L legend at every window size: inside the iterations panel, off its y tick labels, smaller
  // if need be; where the panel is too narrow or short for it (the panels side by side in the designed
  // 1600 x 950 layout), in a row of its own under the title, over neither panel, every entry whole; in a
  // plot too short for that row and two panels, none (the row squeezed its entries' text).
  void ratioLegendKeepsOffTheTickLabelsInASmallWindow_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("place");
    QTest::newRow("1024 x 700") << QSize(1024, 700) << int(Hidden);  // the cost plot takes the height first
    QTest::newRow("1024 x 900") << QSize(1024, 900) << int(Inside);
    QTest::newRow("1280 x 800") << QSize(1280, 800) << int(Above);
    QTest::newRow("1280 x 1000") << QSize(1280, 1000) << int(Inside);
    QTest::newRow("1920 x 1080") << QSize(1920, 1080) << int(Inside);
    QTest::newRow("1600 x 950") << QSize(1600, 950) << int(Above);
  }
  void ratioLegendKeepsOffTheTickLabelsInASmallWindow() {
    QFETCH(QSize, size);
    QFETCH(int, place);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(runIterations(window, 40));
    SupportRatioPlot* plot = window.ratioPlot();
    plot->replot();
    QStringList names;
    for (int i = 0; i < plot->legend->itemCount(); ++i)
      if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i))) names << item->plottable()->name();
    // The legend says which signals the mean is over, and the inspector's signal box why not all (100 test
    // signals, 50 kept).
    QVERIFY2(names.contains("mean of signals 0–49"), qPrintable(names.join("|")));
    QStringList tips;
    for (const QSpinBox* box : window.settingsPanel()->findChildren<QSpinBox*>()) tips << box->toolTip();
    QVERIFY2(tips.filter("the run kept the first 50 of 100: at most 50").size() == 1, qPrintable(tips.join("|")));
    if (place == Hidden) {  // and out of the layout: the panels have its room
      QTRY_VERIFY(!plot->legend->visible());
      QVERIFY(!plot->legendAbove() && plot->axisRect()->outerRect().top() < 40);
      QCOMPARE(plot->yAxis->range().upper, 1.05);
      plot->replot();
      QVERIFY(!plot->legend->visible());  // it stays so
      window.resize(1280, 1000);  // and comes back where there is room, whole
      QTRY_VERIFY(plot->legend->visible());
      plot->replot();
      QVERIFY(plot->legend->visible() && plot->legend->outerRect().height() >= plot->legend->minimumOuterSizeHint().height() - 3);
      return;
    }
    QTRY_VERIFY(plot->legend->visible());
    plot->replot();  // the layout a move of the legend asked for
    QCOMPARE(plot->legendAbove(), place == Above);
    const QRect legend = plot->legend->outerRect(), rect = plot->axisRect()->rect();
    const QString where = QString("legend %1,%2 %3x%4, axis rect %5,%6 %7x%8").arg(legend.x()).arg(legend.y()).arg(legend.width())
                              .arg(legend.height()).arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
    if (plot->legendAbove()) {
      for (const QCPAxisRect* panel : plot->axisRects()) QVERIFY2(!legend.intersects(panel->outerRect()), qPrintable(where));
      QVERIFY2(plot->rect().contains(legend), qPrintable(where));
      for (int i = 0; i < plot->legend->itemCount(); ++i)  // a row of a wrapped legend may end in an empty cell
        if (const QCPAbstractLegendItem* item = plot->legend->item(i))
          QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(), qPrintable(where + QString(", entry %1").arg(i)));
      QCOMPARE(plot->yAxis->range().upper, 1.05);  // no room kept above the curves for a legend that is not there
      // In the designed layout two entries a row (compact rather than one a row, which took the panels' height).
      if (size == QSize(1600, 950)) QVERIFY2(plot->legend->wrap() == 2, qPrintable(where));
      return;
    }
    const QRect tickLabels(QPoint(plot->axisRect()->outerRect().left(), rect.top()), QPoint(rect.left() - 1, rect.bottom()));
    QVERIFY2(!legend.intersects(tickLabels) && rect.contains(legend), qPrintable(where));
    QVERIFY(plot->legend->font().pointSizeF() >= 6.0);
  }

  // An export at another size than the window is drawn once: the legend moved for that size must be
  // laid out before that drawing, not in a replot after it (it was drawn over the panel at its old place).
  void ratioLegendMovesWithinAOneShotExport() {
    MainWindow window;
    window.resize(1280, 1000);
    window.show();
    QVERIFY(runIterations(window, 40));
    SupportRatioPlot* plot = window.ratioPlot();
    plot->replot();
    QTRY_VERIFY(plot->legend->visible());
    QVERIFY(!plot->legendAbove());
    const QSize size(400, 300);  // too short for the legend inside the stacked panels, not for its row
    QCOMPARE(plot->toPixmap(size.width(), size.height()).size(), size);  // the layout stays the export's until a replot
    QVERIFY(plot->legendAbove());
    const QRect legend = plot->legend->outerRect();
    for (const QCPAxisRect* panel : plot->axisRects())
      QVERIFY2(!legend.intersects(panel->outerRect()), qPrintable(QString("legend at %1,%2").arg(legend.x()).arg(legend.y())));
    QVERIFY(QRect(QPoint(0, 0), size).contains(legend));
    plot->replot();  // back at the window's size, back inside
    QVERIFY(!plot->legendAbove());
    QVERIFY(plot->axisRect()->rect().contains(plot->legend->outerRect()));
  }
};

QTEST_MAIN(TestWindowLayout)
#include "test_window_layout.moc"
