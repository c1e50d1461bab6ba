// The methods chosen, as the form, the session file and the reuse of trained weights see them: sets of
// the core enums inside, the command line's names in files, the labels on screen.
#include "run/session_file.h"
#include "window/settings_panel.h"
#include "window_runs.h"

#include <QCheckBox>
#include <QFile>
#include <QTemporaryDir>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace unfold;
using namespace unfold::ui;

Q_DECLARE_METATYPE(std::set<unfold::Algorithm>)
Q_DECLARE_METATYPE(std::set<unfold::Parametrization>)

namespace {

QCheckBox* checkBox(const SettingsPanel& panel, const QString& text) {
  for (QCheckBox* box : panel.findChildren<QCheckBox*>())
    if (box->text() == text) return box;
  return nullptr;
}

}  // namespace

class TestSettings : public QObject {
  Q_OBJECT
 private slots:
  void theFormShowsEveryMethodInItsOrder() {
    SettingsPanel panel;
    QStringList texts;
    for (QCheckBox* box : panel.findChildren<QCheckBox*>()) texts << box->text();
    QCOMPARE(texts, QStringList({"ISTA", "FISTA", "OISTA", "ISTA-BT", "LISTA", "LISTA-CP", "ALISTA", "SLISTA", "layer by layer"}));
    const ExperimentSettings shown = panel.settings();
    QVERIFY((shown.solvers == std::set{Algorithm::Ista, Algorithm::Fista, Algorithm::Oista}));
    QVERIFY(shown.networks.empty());
    QVERIFY(shown == ExperimentSettings());
  }

  void theFormRoundTripsTheMethodsChosen_data() {
    QTest::addColumn<std::set<Algorithm>>("solvers");
    QTest::addColumn<std::set<Parametrization>>("networks");
    QTest::newRow("one solver, two networks")
        << std::set{Algorithm::Fista} << std::set{Parametrization::Lista, Parametrization::Alista};
    QTest::newRow("networks only") << std::set<Algorithm>{}
                                   << std::set{Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista,
                                               Parametrization::Slista};
    QTest::newRow("nothing") << std::set<Algorithm>{} << std::set<Parametrization>{};
  }

  void theFormRoundTripsTheMethodsChosen() {
    QFETCH(std::set<Algorithm>, solvers);
    QFETCH(std::set<Parametrization>, networks);
    ExperimentSettings s;
    s.solvers = solvers;
    s.networks = networks;
    SettingsPanel panel;
    panel.setSettings(s, SettingsPanel::Quietly);
    QVERIFY(panel.settings() == s);
    QCOMPARE(checkBox(panel, "ISTA")->isChecked(), solvers.contains(Algorithm::Ista));
    QCOMPARE(checkBox(panel, "ALISTA")->isChecked(), networks.contains(Parametrization::Alista));
  }

  void aClickOnAMethodChangesItsSetOnly() {
    SettingsPanel panel;
    QSignalSpy changed(&panel, &SettingsPanel::changed);
    checkBox(panel, "LISTA-CP")->click();
    checkBox(panel, "FISTA")->click();
    QCOMPARE(changed.count(), 2);
    ExperimentSettings expected;
    expected.solvers = {Algorithm::Ista, Algorithm::Oista};
    expected.networks = {Parametrization::ListaCp};
    QVERIFY(panel.settings() == expected);
  }

  void theInspectorTakesTheAlgorithm() {
    SettingsPanel panel;
    QCOMPARE(panel.inspectedMethod(), MethodKey(Algorithm::Oista));
    QSignalSpy inspected(&panel, &SettingsPanel::inspectChanged);
    panel.setInspection(Algorithm::Fista, 7);
    QCOMPARE(inspected.count(), 1);  // one for the method and the signal together
    QCOMPARE(panel.inspectedMethod(), MethodKey(Algorithm::Fista));
    QCOMPARE(panel.inspectedSignal(), 7);
    QCOMPARE(panel.findChild<QComboBox*>("inspectMethod")->currentText(), QString("FISTA"));
    panel.findChild<QComboBox*>("inspectMethod")->setCurrentText("ISTA");  // as a user picks it
    QCOMPARE(panel.inspectedMethod(), MethodKey(Algorithm::Ista));
  }

  void sessionsNameTheMethodsAsTheCommandLineDoes() {
    Session session;
    session.settings.solvers = {Algorithm::Oista, Algorithm::Ista};
    session.settings.networks = {Parametrization::Slista, Parametrization::ListaCp};
    session.inspectedMethod = Algorithm::Fista;
    session.inspectedSignal = 3;
    const QByteArray json = formatSession(session);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root["settings"].toObject()["methods"].toArray(), QJsonArray({"ista", "oista", "lista-cp", "slista"}));
    QCOMPARE(root["inspect"].toObject()["method"].toString(), QString("FISTA"));
    QString error;
    const auto read = parseSession(json, "s.json", &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(read->settings == session.settings);
    QCOMPARE(read->inspectedMethod, MethodKey(Algorithm::Fista));
    QCOMPARE(read->inspectedSignal, 3);
    // The inspected method is read in any case: a solver, or a network (its layers); refused when it names
    // neither.
    QByteArray lower = json;
    QCOMPARE(parseSession(lower.replace("\"FISTA\"", "\"fista\""), "s.json", &error)->inspectedMethod, MethodKey(Algorithm::Fista));
    QByteArray network = json;
    QCOMPARE(parseSession(network.replace("\"FISTA\"", "\"LISTA-CP\""), "s.json", &error)->inspectedMethod,
             MethodKey(Parametrization::ListaCp));
    QByteArray unknown = json;
    QVERIFY(!parseSession(unknown.replace("\"FISTA\"", "\"ADMM\""), "s.json", &error));
    QVERIFY2(error.contains("s.json, inspect: 'method' must be ISTA, FISTA, OISTA, ISTA-BT, LISTA, LISTA-CP, ALISTA or SLISTA"),
             qPrintable(error));
    // Two values for one key: JSON readers keep one of them without a word.
    QByteArray twice = json;
    QVERIFY(!parseSession(twice.replace("\"method\": \"FISTA\"", "\"method\": \"FISTA\", \"method\": \"ISTA\""), "s.json", &error));
    QCOMPARE(error, QString("s.json: the key 'method' appears twice in 'inspect'"));
  }

  void anEndlessOrHugeSessionFileIsRefusedNamingIt() {
    // /dev/zero reports size 0 and never ends: its first byte, NUL, is no text's.
    QString error;
    QVERIFY(!readSessionFile("/dev/zero", &error));
    QCOMPARE(error, QString("/dev/zero: byte 1 is NUL: not a text file"));
    // A file over the 256 MiB limit is refused by its size, before it is read.
    QTemporaryDir dir;
    QFile huge(dir.filePath("huge.json"));
    QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(qint64(257) << 20));
    huge.close();
    QVERIFY(!readSessionFile(huge.fileName(), &error));
    QCOMPARE(error, huge.fileName() + ": larger than the 256 MiB limit for a session file");
  }

  // The plot a session is about travels with it; a session without one has none.
  void aSessionKeepsItsFocus() {
    Session session;
    session.focus = "ratio";
    QString error;
    const auto read = parseSession(formatSession(session), "s.json", &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->focus, QString("ratio"));
    QVERIFY(!formatSession(Session{}).contains("focus"));
  }

  // The cost plot's statistic and bands travel with a session; the Fig. 2 preset draws medians, as the
  // figure does.
  void aSessionKeepsItsCostStatistic() {
    Session session;
    session.costMedian = true;
    session.costEveryBand = true;
    QString error;
    const auto read = parseSession(formatSession(session), "s.json", &error);
    QVERIFY2(read && read->costMedian && read->costEveryBand, qPrintable(error));
    const auto plain = parseSession(formatSession(Session{}), "s.json", &error);
    QVERIFY(plain && !plain->costMedian && !plain->costEveryBand);
    QVERIFY(!formatSession(Session{}).contains("cost_curve") && !formatSession(Session{}).contains("cost_bands"));
    QVERIFY(readPreset("oista", &error)->costMedian);
    QVERIFY(!readPreset("ls-ratio", &error)->costMedian);
  }

  void aBadSessionFieldIsNamedWithWhatItHolds_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("replacement");  // the field's new text, empty: the field removed
    QTest::addColumn<QString>("message");
    QTest::newRow("n missing") << "\"n\": 10," << "" << "s.json, settings: 'n' is missing (an integer from 1 to 2000)";
    QTest::newRow("n negative") << "\"n\": 10" << "\"n\": -3" << "'n' must be an integer from 1 to 2000 (got -3)";
    QTest::newRow("n fractional") << "\"n\": 10" << "\"n\": 2.5" << "'n' must be an integer from 1 to 2000 (got 2.5)";
    QTest::newRow("n a string") << "\"n\": 10" << "\"n\": \"12\"" << "'n' must be an integer from 1 to 2000 (got the text '12')";
    QTest::newRow("seed missing") << "\"seed\": 0," << "" << "'seed' is missing (an integer from 0 to 1000000)";
    QTest::newRow("lambda missing") << "\"lambda\": 0.5," << "" << "'lambda' is missing (a number from 0.0001 to 1.5";
    QTest::newRow("lambda too large") << "\"lambda\": 0.5" << "\"lambda\": 7" << "'lambda' must be a number from 0.0001 to 1.5, a fraction of lambda_max (got 7)";
    QTest::newRow("focus unknown") << "\"format\"" << "\"focus\": \"cost\\nplot\", \"format\""
                                   << "s.json: 'focus' must be one of support, ratio, steps, coupling, training, robustness, not 'cost\\nplot'";
    QTest::newRow("focus a number") << "\"format\"" << "\"focus\": 3, \"format\"" << "s.json: 'focus' must be a string";
    QTest::newRow("cost curve unknown") << "\"format\"" << "\"cost_curve\": \"max\", \"format\""
                                        << "s.json: 'cost_curve' must be mean or median, not 'max'";
    QTest::newRow("cost curve a bool") << "\"format\"" << "\"cost_curve\": true, \"format\"" << "s.json: 'cost_curve' must be a string";
    QTest::newRow("cost bands unknown") << "\"format\"" << "\"cost_bands\": \"all\", \"format\""
                                        << "s.json: 'cost_bands' must be inspected or every, not 'all'";
    QTest::newRow("cost bands a number") << "\"format\"" << "\"cost_bands\": 1, \"format\"" << "s.json: 'cost_bands' must be a string";
  }

  void aBadSessionFieldIsNamedWithWhatItHolds() {
    QFETCH(QString, field);
    QFETCH(QString, replacement);
    QFETCH(QString, message);
    Session session;
    session.settings.n = 10;
    session.settings.seed = 0;
    session.settings.lambda = 0.5;
    QString text = QString::fromUtf8(formatSession(session));  // indented: "n": 10, on a line of its own
    QVERIFY2(text.contains(field), qPrintable(text));
    QString error;
    QVERIFY(!parseSession(text.replace(field, replacement).toUtf8(), "s.json", &error));
    QVERIFY2(error.contains(message), qPrintable(error));
  }

  void trainedWeightsOutliveAChangeOfMethodsOnly() {
    ExperimentSettings a;
    a.networks = {Parametrization::Slista};
    ExperimentSettings b = a;
    b.solvers.clear();
    b.networks = {Parametrization::Lista, Parametrization::Alista};
    b.iterations = 17;
    QVERIFY(sameTrainingSettings(a, b));
    b.layers = a.layers + 1;
    QVERIFY(!sameTrainingSettings(a, b));
  }

  // The settings a run starts with are remembered at once: a window that is killed, never closed,
  // still leaves them to the next launch.
  void aRunRemembersItsSettingsForTheNextLaunch() {
    QVERIFY2(QStandardPaths::isTestModeEnabled(), "the test would clear the user's own settings");
    QSettings().clear();  // nothing remembered from an earlier test run
    ExperimentSettings s;
    s.iterations = 37;
    s.trainCount = 321;
    {
      MainWindow w;
      w.settingsPanel()->setSettings(s, SettingsPanel::Quietly);
      QVERIFY(runToCompletion(w));
    }  // destroyed without closeEvent, as a crash would leave it
    MainWindow w;
    w.restoreLastSession();
    QCOMPARE(w.settingsPanel()->settings().iterations, 37);
    QCOMPARE(w.settingsPanel()->settings().trainCount, 321);
  }

  // A preset named at launch (`--preset networks`) whose run trains networks waits for Run (F5), as the last
  // settings do: its run started unasked, and the F5 meant to start it threw the training away. Its first
  // F5 runs it; a preset of solvers only runs at once.
  void aLaunchPresetThatTrainsWaitsForRun() {
    QSettings().clear();
    QString error;
    const auto networks = readPreset("networks", &error), solvers = readPreset("oista", &error);
    QVERIFY2(networks && solvers && networks->settings.anyNetwork() && !solvers->settings.anyNetwork(), qPrintable(error));
    {
      MainWindow w;
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.openAtLaunch(*networks);
      QCOMPARE(w.settingsPanel()->settings(), networks->settings);
      QVERIFY(w.windowTitle().contains(networks->title));
      QVERIFY(!w.running());
      QCOMPARE(w.latestGeneration(), quint64(0));
      QVERIFY2(w.statusText().startsWith(networks->title + " is open; nothing has run yet: press Run (F5)"), qPrintable(w.statusText()));
      QTest::keyClick(&w, Qt::Key_F5);
      QCOMPARE(w.latestGeneration(), quint64(1));
      QVERIFY(w.running());
      w.stop();
      QTRY_VERIFY_WITH_TIMEOUT(!w.running(), 20000);
    }
    MainWindow w;
    w.show();
    w.openAtLaunch(*solvers);
    QCOMPARE(w.latestGeneration(), quint64(1));
    QVERIFY(w.running());
    w.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!w.running(), 20000);
  }

  // A plot the user closed stays closed at the next launch (remembered at once: a killed window keeps it
  // too); one behind another's tab is open, not closed; the View menu brings it back, for good.
  void aClosedPlotStaysClosedAtTheNextLaunch() {
    QSettings().clear();
    const auto closed = [](const MainWindow& w, const char* name) {
      return !w.findChild<QDockWidget*>(name)->toggleViewAction()->isChecked();
    };
    const auto launch = [](MainWindow& w) {  // as main() does: shown, then the last session
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.restoreLastSession();
    };
    {
      MainWindow w;
      launch(w);
      QVERIFY(!closed(w, "coupling"));
      w.findChild<QDockWidget*>("coupling")->close();
    }  // destroyed without closeEvent
    {  // a launch that shows the designed layout (a screenshot's) leaves the choice as it was
      MainWindow w;
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.applySession(Session{});
      QVERIFY(!closed(w, "coupling"));
    }
    {
      MainWindow w;
      launch(w);
      QVERIFY(closed(w, "coupling"));
      for (const char* open : {"steps", "robustness", "training", "support", "ratio"}) QVERIFY2(!closed(w, open), open);
      w.findChild<QDockWidget*>("coupling")->toggleViewAction()->trigger();  // View → Weight coupling
      QVERIFY(!closed(w, "coupling"));
    }
    MainWindow w;
    launch(w);
    QVERIFY(!closed(w, "coupling"));
  }

  // A title that names a preset over changed settings keeps its mark at the next launch: the launch takes
  // the changed settings back, and without the preset's own it would name the preset over them unmarked.
  void theTitlesMarkSurvivesARelaunch() {
    QSettings().clear();
    QString error;
    const auto preset = readPreset("oista", &error);
    QVERIFY2(preset, qPrintable(error));
    ExperimentSettings changed = preset->settings;
    changed.iterations += 5;
    {
      MainWindow w;
      w.applySession(*preset);
      w.settingsPanel()->setSettings(changed);
      QVERIFY(w.isWindowModified());
      w.startDefaultRun();  // remembers the settings for the next launch
    }
    MainWindow w;
    w.restoreLastSession();
    QCOMPARE(w.settingsPanel()->settings().iterations, changed.iterations);
    QVERIFY(w.windowTitle().contains(preset->title));
    QVERIFY(w.isWindowModified());
    w.settingsPanel()->setSettings(preset->settings);  // the preset's own again: no mark
    QVERIFY(!w.isWindowModified());
  }

  // A refused run is not what the next launch starts from: the problem shown before it is, or with none,
  // the first launch's welcome (a NaN in D used to be refused again at every launch, before anything showed).
  void aRefusedRunIsNotRemembered() {
    QSettings().clear();
    QTemporaryDir dir;
    QFile d(dir.filePath("D.csv")), x(dir.filePath("X.csv"));
    QVERIFY(d.open(QIODevice::WriteOnly) && x.open(QIODevice::WriteOnly));
    d.write("1,0,nan\n0,1,1\n");
    x.write("1,2\n3,4\n");
    d.close(), x.close();
    ExperimentSettings refused;
    refused.source = ProblemSource::Files;
    refused.dictionaryFile = d.fileName();
    refused.signalsFile = x.fileName();
    ExperimentSettings good;
    good.iterations = 37;
    for (const bool earlierProblem : {true, false}) {
      QSettings().clear();
      {
        MainWindow w;
        w.setDialogsEnabled(false);
        if (earlierProblem) QVERIFY(runSettings(w, good));
        QSignalSpy failed(&w, &MainWindow::runFailed);
        w.settingsPanel()->setSettings(refused, SettingsPanel::Quietly);
        w.startDefaultRun();
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed.at(0).at(0).toString().contains("D.csv, line 1, column 3"), qPrintable(failed.at(0).at(0).toString()));
      }
      QCOMPARE(QSettings().contains("lastSession"), earlierProblem);
      MainWindow w;
      w.restoreLastSession();
      QCOMPARE(w.settingsPanel()->settings().source, ProblemSource::Gaussian);
      if (earlierProblem) QCOMPARE(w.settingsPanel()->settings().iterations, 37);
    }
  }
};

QTEST_MAIN(TestSettings)
#include "test_settings.moc"
