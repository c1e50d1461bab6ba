// The window runs its experiment on the worker thread and plots what the core computes; it closes
// cleanly during a run; fonts resolve (missing fonts fail silently as boxes).
#include "csv_table.h"
#include "plots/cost_decrease_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/method_palette.h"
#include "plots/training_curves_plot.h"
#include "plots/plot_export.h"
#include "window/log_slider.h"
#include "window/main_window.h"

#include <QApplication>
#include <QFontInfo>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QDoubleSpinBox>
#include <QSlider>
#include "experiments/problem_generators.h"
#include "lasso/solver.h"
#include "linalg/dictionary.h"
#include "linalg/support_lipschitz.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "window/settings_panel.h"
#include <QComboBox>
#include "run/session_file.h"
#include "window_runs.h"
#include <QSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace unfold::ui;

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void fontsResolveToARealFamily() {
    const QFontInfo info(QApplication::font());
    QVERIFY2(!info.family().isEmpty(), "no font family: install fonts-dejavu-core");
  }

  void defaultRunPlotsTheThreeSolvers() {
    MainWindow window;
    window.show();
    QVERIFY(runToCompletion(window));
    CostDecreasePlot* plot = window.costPlot();
    for (const char* method : {"ISTA", "FISTA", "OISTA"}) {
      QVERIFY2(plot->curve(method), method);
      QCOMPARE(plot->curve(method)->data()->size(), 201);  // t = 0..200
    }
    QCOMPARE(window.shownGeneration(), window.latestGeneration());
    const CsvTable csv = CsvTable::fromText(plot->toCsv());
    const double ista = csv.at(200, "ista_gap_mean"), oista = csv.at(200, "oista_gap_mean");
    QVERIFY2(oista < 1e-3 * ista, qPrintable(QString("%1 vs %2").arg(oista).arg(ista)));  // the paper's Fig. 2
    QCOMPARE((plot->curve("ISTA")->data()->constEnd() - 1)->value, ista);  // what is drawn is the core's number
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
    // The network plots hold nothing: their axes stay as they were, run after run.
    const auto ranges = [&] {
      return QList<QCPRange>{window.stepsPlot()->xAxis->range(), window.stepsPlot()->yAxis->range(),
                             window.trainingPlot()->xAxis->range(), window.trainingPlot()->yAxis->range()};
    };
    const QList<QCPRange> first = ranges();
    for (int run = 0; run < 3; ++run) QVERIFY(runIterations(window, 50 + run));
    QCOMPARE(ranges(), first);
  }

  void exportsEachFormatAndTheData() {
    MainWindow window;
    window.show();
    QVERIFY(runToCompletion(window));
    QTemporaryDir dir;
    FigureSize print;
    print.widthPx = 800;
    print.heightPx = 500;
    print.dpi = 300;
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("f.png"), print), QString());
    const QImage image(dir.filePath("f.png"));
    QCOMPARE(image.width(), 800 * 300 / 96);  // the size in pixels at 300 dpi
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("f.pdf")), QString());
    QFile pdf(dir.filePath("f.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QVERIFY(pdf.size() > 5000);
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("f.svg")), QString());
    QFile svg(dir.filePath("f.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("<svg") && text.contains("</svg>") && text.contains("OISTA"));
    QVERIFY(exportPlot(window.costPlot(), dir.filePath("f.bmp")).contains("unknown figure type"));
    QVERIFY(exportPlot(window.costPlot(), dir.filePath("no/such/f.png")).contains("folder does not exist"));
    // A render that fails (or writes nothing) leaves the figure there as it was.
    QCOMPARE(writeRenderedFile(dir.filePath("f.svg"), "figure", [](const QString&) { return true; }),
             dir.filePath("f.svg") + ": the figure could not be rendered");
    QVERIFY(svg.seek(0) && svg.readAll() == text);
    // Nothing but the three figures: no temporary files left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
    const QStringList csv = window.costPlot()->toCsv().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(csv[0], QString("iteration,ista_gap_mean,ista_gap_q10,ista_gap_q90,fista_gap_mean,fista_gap_q10,fista_gap_q90,"
                             "oista_gap_mean,oista_gap_q10,oista_gap_q90,ista_gap_median,fista_gap_median,oista_gap_median"));
    QCOMPARE(csv.size(), 202);
    // The CSV holds the core's numbers, not the plot's floored ones.
    QCOMPARE(CsvTable::fromText(window.costPlot()->toCsv()).at(200, "ista_gap_mean"),
             (window.costPlot()->curve("ISTA")->data()->constEnd() - 1)->value);
  }

  void changingLambdaRestartsAndShowsOnlyTheLatestResult() {
    MainWindow window;
    window.show();
    window.settingsPanel()->setSettings(sizedProblem(64, 256, 500, 3000));
    window.startDefaultRun();
    const quint64 first = window.latestGeneration();
    // Three quick edits while it runs: one restart, after the debounce, with the last value.
    auto* lambdaBox = window.settingsPanel()->findChild<QDoubleSpinBox*>("lambda");
    for (double lambda : {0.3, 0.2, 0.7}) lambdaBox->setValue(lambda);
    QCOMPARE(window.latestGeneration(), first);  // nothing queued yet
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.latestGeneration(), first + 1);
    QCOMPARE(window.shownGeneration(), window.latestGeneration());
    QCOMPARE(window.settingsPanel()->settings().lambda, 0.7);
    QVERIFY(window.findChild<QLabel*>("status")->text().contains("λ = 0.7 λₘₐₓ"));
    // The slider follows the spin box on its log scale: 0.01 to 1 over 460 steps (1 % each).
    QCOMPARE(window.settingsPanel()->findChild<QSlider*>("lambdaSlider")->value(),
             static_cast<int>(std::lround((std::log10(0.7) + 2) / 2 * 460)));
  }

  void logSliderIsGeometricAndShowsValuesQuietly() {
    LogSlider slider(0.1, 10.0, 200);
    QCOMPARE(slider.valueAt(0), 0.1);
    QCOMPARE(slider.valueAt(100), 1.0);  // the middle position is the geometric mean
    QCOMPARE(slider.valueAt(200), 10.0);
    QVERIFY(std::abs(slider.valueAt(150) - std::sqrt(10.0)) < 1e-14);
    QCOMPARE(slider.positionOf(2.0), 130);  // 100 + 100 log10(2) = 130.1, rounded
    QCOMPARE(slider.positionOf(0.001), 0);  // outside the range: its ends
    QCOMPARE(slider.positionOf(1e6), 200);
    QSignalSpy moved(&slider, &LogSlider::logValueChanged);
    slider.showValue(2.0);
    QCOMPARE(slider.value(), 130);
    QCOMPARE(moved.count(), 0);  // showing a value is not an edit
    slider.setValue(50);
    QCOMPARE(moved.count(), 1);
    QVERIFY(std::abs(moved.front().front().toDouble() - std::pow(10.0, -0.5)) < 1e-15);
  }

  void f5RunsAndEscapeStops() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.settingsPanel()->setSettings(sizedProblem(64, 256, 2000, 100000));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QTest::keyClick(&window, Qt::Key_F5);
    QCOMPARE(window.latestGeneration(), quint64(1));
    // The first iteration follows the reference solve of 2,000 signals: seconds on a busy machine.
    QTRY_VERIFY_WITH_TIMEOUT(window.shownSnapshot().iteration() > 0, 60000);
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(finished.wait(5000));  // the solver stops at its next iteration, not after 100,000
  }

  // λ = λₘₐₓ (lesson 1: "drag λ up"): every code stays 0. The cost plot says why it is empty, the raster
  // is white (it was painted blue: a data range too narrow for QCustomPlot kept the last one), rounding
  // (2e-16) nearly so.
  void atLambdaMaxThePlotsSayNothingMoves() {
    MainWindow window;
    window.show();
    ExperimentSettings s = sizedProblem(5, 10, 20, 10);
    s.lambda = 1.0;
    QVERIFY(runSettings(window, s));
    QVERIFY2(window.costPlot()->title().contains("z* = 0 for every signal"), qPrintable(window.costPlot()->title()));
    QCOMPARE(window.supportPlot()->raster()->dataRange(), QCPRange(-1e-12, 1e-12));
    QVERIFY(window.supportPlot()->rejectedMarks()->data()->isEmpty());
  }

  void inspectorShowsTheCoreIteratesWithoutRestarting() {
    MainWindow window;
    window.show();
    QVERIFY(runToCompletion(window));
    const quint64 generation = window.latestGeneration();
    auto* method = window.settingsPanel()->findChild<QComboBox*>("inspectMethod");
    window.settingsPanel()->findChild<QSpinBox*>("inspectSignal")->setValue(7);
    method->setCurrentText("ISTA");
    // Longer than the debounce: nothing may restart.
    QVERIFY(!QTest::qWaitFor([&] { return window.latestGeneration() != generation; }, 400));
    QCOMPARE(window.supportPlot()->title(), QString("Support evolution: ISTA, signal 7"));
    // The cost plot shades the band of the method inspected (its key takes the method's colour).
    const auto bandKeyColor = [&window] {
      QColor c = window.costPlot()->curve("10–90 % of signals")->brush().color();
      c.setAlpha(255);
      return c.toRgb();
    };
    QCOMPARE(bandKeyColor(), unfold::ui::methodColor(unfold::Algorithm::Ista).toRgb());
    // The raster holds the core's iterates: ISTA run here on the same problem (same generators, seeds:
    // the test signals are `generate`'s, drawn from seed + 2).
    const ExperimentSettings s = window.settingsPanel()->settings();
    const unfold::Dictionary d(unfold::gaussianDictionary(s.n, s.m, s.seed));
    const unfold::Matrix X = unfold::makeSignals(unfold::SignalKind::Gaussian, d.atoms(), s.signalCount, s.seed + 2).X;
    const unfold::Matrix z5 = unfold::runIsta(d, X, s.lambda, 5, nullptr).Z;
    const CsvTable support = CsvTable::fromText(window.supportPlot()->toCsv());
    QCOMPARE(support.rows.size(), s.iterations + 1);  // t = 0..T
    QCOMPARE(support.at(5, "iteration"), 5.0);
    for (int i = 0; i < s.m; ++i) QCOMPARE(support.at(5, QString("z_%1").arg(i)), z5(i, 7));
    QCOMPARE(support.at(5, "support_size"), double((z5.col(7).array() != 0.0).count()));
    QCOMPARE(window.supportPlot()->raster()->data()->cell(5, 3), z5(3, 7));
    // L_S/L of that iterate, against a from-scratch computation.
    std::vector<int> atoms;
    for (int i = 0; i < s.m; ++i)
      if (z5(i, 7) != 0.0) atoms.push_back(i);
    QVERIFY(std::abs(support.at(5, "ls_over_l") - unfold::supportLipschitz(d, atoms) / d.lipschitz()) < 1e-9);
    // OISTA marks its fallbacks to 1/L: steps from a support that the oracle step would have grown, not
    // the step from z = 0 (no support, no L_S: 1/L is the step there, nothing was refused).
    int withAFallback = -1;  // the first inspected signal OISTA has one on
    for (const ConvergenceCurve& c : window.shownSnapshot().curves)
      for (int signal = 0; c.method == "OISTA" && withAFallback < 0 && signal < c.inspected; ++signal)
        for (int t = 1; t < c.iterates(); ++t) withAFallback = withAFallback < 0 && c.history->rejected(t, signal) ? signal : withAFallback;
    QVERIFY(withAFallback >= 0);
    window.settingsPanel()->findChild<QSpinBox*>("inspectSignal")->setValue(withAFallback);
    method->setCurrentText("OISTA");
    const QCPGraph* fallbacks = window.supportPlot()->rejectedMarks();
    QVERIFY(!fallbacks->data()->isEmpty());
    const CsvTable oista = CsvTable::fromText(window.supportPlot()->toCsv());
    for (const QCPGraphData& mark : *fallbacks->data())
      QVERIFY2(mark.key > 1 && oista.at(int(mark.key) - 1, "support_size") > 0, qPrintable(QString::number(mark.key)));
    QVERIFY(window.ratioPlot()->toCsv().contains("scatter,OISTA iterates,"));
    QVERIFY(window.ratioPlot()->toCsv().contains("\niterations,OISTA Marchenko–Pastur,1,"));
    {  // The law (drawn in both panels) and the cloud's line L_S/L = |S|/m have one legend entry each.
      SupportRatioPlot* ratio = window.ratioPlot();
      QList<QCPGraph*> laws;
      for (int i = 0; i < ratio->graphCount(); ++i)
        if (ratio->graph(i)->name() == "Marchenko–Pastur") laws << ratio->graph(i);
      QCOMPARE(laws.size(), 2);
      QCOMPARE(int(ratio->legend->hasItemWithPlottable(laws[0])) + int(ratio->legend->hasItemWithPlottable(laws[1])), 1);
      QVERIFY(ratio->legend->hasItemWithPlottable(ratio->curve("Lₛ / L = |S| / m")));
      ratio->toggleCurve(laws[0]);
      QVERIFY(!laws[0]->visible() && !laws[1]->visible());
      ratio->toggleCurve(laws[0]);
      QVERIFY(laws[0]->visible() && laws[1]->visible());
    }
    // The solution's marks at the raster's right end show whole (7 px triangles), not cut by the axis.
    const QCPGraph* marks = window.supportPlot()->curve("z* > 0");
    if (marks && marks->data()->isEmpty()) marks = window.supportPlot()->curve("z* < 0");
    QVERIFY(marks && !marks->data()->isEmpty());
    const double markX = window.supportPlot()->xAxis->coordToPixel(marks->data()->at(0)->key);
    QVERIFY2(markX <= window.supportPlot()->axisRect()->rect().right() - 4, qPrintable(QString::number(markX)));
    // The plot has no legend: the marks are named where they are, in an exported figure too.
    SupportRasterPlot& plot = *window.supportPlot();
    plot.replot();
    const QCPItemText* named = nullptr;
    for (int i = 0; i < plot.itemCount(); ++i)
      if (auto* text = qobject_cast<QCPItemText*>(plot.item(i)); text && text->text() == "z*") named = text;
    QVERIFY(named && named->visible());
    const QPointF at = named->position->pixelPosition();
    QVERIFY2(std::abs(at.x() - markX) <= 1 && at.y() <= plot.axisRect()->rect().top(), qPrintable(QString("%1, %2").arg(at.x()).arg(at.y())));
    QCOMPARE(plot.axisRects().at(1)->axis(QCPAxis::atBottom)->label(), QString("iteration t      (×: 1/Lₛ step rejected)"));
    // In a narrow panel (lesson 1 at 1024 px) the key shortens, then goes, and the label stays inside the
    // plot (the whole one was cut at its edge: "teration t").
    for (const auto& [width, label] : {std::pair{240, "iteration t   (×: 1/Lₛ rejected)"}, std::pair{200, "iteration t"}}) {
      plot.layOutForFigure(QSize(width, 260), false);
      QCPAxis* along = plot.axisRects().at(1)->axis(QCPAxis::atBottom);
      QCOMPARE(along->label(), QString(label));
      const int half = QFontMetrics(along->labelFont()).horizontalAdvance(along->label()) / 2, centre = along->axisRect()->rect().center().x();
      QVERIFY2(centre - half >= 0 && centre + half <= width, qPrintable(QString::number(half)));
    }
    plot.layOutForScreen();
    method->setCurrentText("ISTA");  // no fallbacks to name
    QCOMPARE(plot.axisRects().at(1)->axis(QCPAxis::atBottom)->label(), QString("iteration t"));
  }

  // More atoms than the raster has pixel rows (m = 1000 in the window's designed layout): every large
  // coefficient of the last iterate is drawn where its atom's row is (scaled down, rows were left out).
  void everyActiveAtomShowsInASmallRaster() {
    MainWindow window;
    window.resize(1600, 950);
    window.show();
    QVERIFY(runSettings(window, sizedProblem(100, 1000, 20, 30)));
    SupportRasterPlot& plot = *window.supportPlot();
    plot.replot();
    QVERIFY2(plot.axisRect()->rect().height() < 500, "the raster has fewer pixel rows than atoms");
    const QImage image = plot.toPixmap().toImage();
    const CsvTable support = CsvTable::fromText(plot.toCsv());
    const int last = support.rows.size() - 1, x = int(plot.xAxis->coordToPixel(last));
    double largest = 0.0;
    for (int i = 0; i < 1000; ++i) largest = std::max(largest, std::abs(support.at(last, QString("z_%1").arg(i))));
    int active = 0;
    for (int i = 0; i < 1000; ++i) {  // the atoms whose colour stands out from white (the scale is linear)
      if (std::abs(support.at(last, QString("z_%1").arg(i))) < 0.25 * largest) continue;
      ++active;
      const int y = int(plot.yAxis->coordToPixel(i));
      int palest = 255 * 3;  // the most coloured pixel of the atom's row (white: nothing drawn)
      for (int dy = -1; dy <= 1; ++dy) {
        const QColor c = image.pixelColor(x, y + dy);
        palest = std::min(palest, c.red() + c.green() + c.blue());
      }
      QVERIFY2(palest < 3 * 250, qPrintable(QString("atom %1 at y = %2: white").arg(i).arg(y)));
    }
    QVERIFY(active >= 3);
    // The solution's marks, under a pixel apart, are bars in the sign's colour, not a chain of triangles;
    // in a tall raster of few atoms, triangles (up: z* > 0).
    for (const char* name : {"z* > 0", "z* < 0"}) QCOMPARE(plot.curve(name)->scatterStyle().shape(), QCPScatterStyle::ssCustom);
    QVERIFY(runSettings(window, sizedProblem(5, 10, 20, 30)));
    plot.replot();
    QVERIFY(plot.axisRect()->rect().height() / plot.yAxis->range().size() >= 7);
    QCOMPARE(plot.curve("z* > 0")->scatterStyle().shape(), QCPScatterStyle::ssTriangle);
    QCOMPARE(plot.curve("z* < 0")->scatterStyle().shape(), QCPScatterStyle::ssTriangleInverted);
  }

  void sessionsRoundTripAndBadFilesChangeNothing() {
    MainWindow window;
    window.show();
    ExperimentSettings custom = sizedProblem(12, 40, 30, 50);
    custom.lambda = 0.25;
    custom.seed = 9;
    custom.solvers.erase(unfold::Algorithm::Fista);
    Session session;
    session.settings = custom;
    session.inspectedMethod = unfold::Algorithm::Ista;
    session.inspectedSignal = 4;
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.applySession(session);
    QVERIFY(finished.wait(60000));
    QTemporaryDir dir;
    const QString path = dir.filePath("s.json");
    QCOMPARE(saveSession(window, path), QString());
    window.applySession(Session{});  // back to the defaults
    QVERIFY(finished.wait(60000));
    QCOMPARE(openSession(window, path), QString());
    QVERIFY(window.settingsPanel()->settings() == custom);
    QCOMPARE(window.settingsPanel()->inspectedMethod(), MethodKey(unfold::Algorithm::Ista));
    QCOMPARE(window.settingsPanel()->inspectedSignal(), 4);
    QVERIFY(finished.wait(60000));
    QVERIFY(!window.costPlot()->curve("FISTA"));  // the session's methods were run
    // Bad files: a message naming the file and the field, and the current session untouched.
    const auto write = [&](const QString& name, const QByteArray& text) {
      QFile f(dir.filePath(name));
      f.open(QIODevice::WriteOnly);
      f.write(text);
      return dir.filePath(name);
    };
    QByteArray good = formatSession(session);
    QVERIFY(openSession(window, write("a.json", "{ broken")).contains("not valid JSON"));
    QVERIFY(openSession(window, write("b.json", "{}")).contains("not an Unfold Lab session"));
    QVERIFY(openSession(window, write("c.json", QByteArray(good).replace("\"n\": 12", "\"n\": -3")))
                .contains("'n' must be an integer from 1 to 2000"));
    QVERIFY(openSession(window, write("d.json", QByteArray(good).replace("\"lambda\": 0.25", "\"lambda\": 7")))
                .contains("'lambda' must be a number"));
    QVERIFY(openSession(window, write("e.json", QByteArray(good).replace("\"ista\"", "\"newton\"")))
                .contains("unknown method 'newton'"));
    QVERIFY(openSession(window, dir.filePath("missing.json")).contains("cannot open"));
    // Wrong types are refused by name, never read as a default (layer_wise: 1 was false, "OISTA" no method).
    QVERIFY(good.contains("\"layer_wise\": false"));
    QVERIFY(openSession(window, write("f.json", QByteArray(good).replace("\"layer_wise\": false", "\"layer_wise\": 1")))
                .contains("'layer_wise' must be true or false"));
    QString methodsText = QString::fromUtf8(good);
    methodsText.replace(QRegularExpression("\"methods\": \\[[^\\]]*\\]"), "\"methods\": \"OISTA\"");
    QVERIFY(openSession(window, write("g.json", methodsText.toUtf8())).contains("'methods' must be an array"));
    methodsText.replace("\"methods\": \"OISTA\"", "\"methods\": [\"" + QString(5000, 'x') + "\\u001b[31m\"]");
    const QString longName = openSession(window, write("h.json", methodsText.toUtf8()));
    QVERIFY2(longName.size() < 300 && longName.contains("unknown method 'xxx") && !longName.contains(QChar(27)), qPrintable(longName));
    QVERIFY(window.settingsPanel()->settings() == custom);
  }

  void presetsShipWithTheApp() {
    using unfold::Algorithm, unfold::Parametrization;
    QVERIFY(presetNames().contains("oista"));
    QString error;
    const auto preset = readPreset("oista", &error);
    QVERIFY2(preset, qPrintable(error));
    QCOMPARE(preset->settings.n, 10);
    QCOMPARE(preset->settings.m, 50);
    QCOMPARE(preset->settings.lambda, 0.5);
    QCOMPARE(preset->settings.iterations, 200);
    QVERIFY((preset->settings.solvers == std::set{Algorithm::Ista, Algorithm::Fista, Algorithm::Oista, Algorithm::IstaBacktracking}));
    QVERIFY(!readPreset("nope", &error));
    QVERIFY2(error.contains("unknown preset 'nope' (presets: coupling, learned-steps, ls-ratio, networks, oista)"), qPrintable(error));
    // The figures' presets: each opens and asks for what its figure needs.
    const auto learned = readPreset("learned-steps", &error);
    QVERIFY(learned && learned->settings.chosen(Parametrization::Slista) && learned->settings.layers == 20 && learned->settings.lambda == 0.2);
    const auto coupling = readPreset("coupling", &error);
    QVERIFY(coupling && coupling->settings.chosen(Parametrization::ListaCp) && coupling->settings.layers == 40 && coupling->settings.layerWise);
    const auto ratio = readPreset("ls-ratio", &error);
    QVERIFY(ratio && ratio->settings.n == 200 && ratio->settings.m == 600);
    const auto networks = readPreset("networks", &error);
    QVERIFY(networks && (networks->settings.networks ==
                         std::set{Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista}));
    // The menu says what each preset is and which figure it reproduces.
    MainWindow window;
    QMenu* menu = nullptr;
    for (QMenu* m : window.findChildren<QMenu*>())
      if (m->title() == "&Presets") menu = m;
    QVERIFY(menu);
    QStringList entries;
    for (QAction* a : menu->actions()) entries << a->text();
    QVERIFY2(entries.contains("oista — ISTA, FISTA, OISTA and ISTA with backtracking (the paper's Fig. 2)"), qPrintable(entries.join(" | ")));
    for (const QString& entry : entries) QVERIFY2(entry.contains("Fig."), qPrintable(entry));
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
