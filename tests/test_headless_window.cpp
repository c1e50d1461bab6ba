// The binary's headless window modes (--screenshot, --plane): what they write, what they refuse, and
// that an error reaches stderr with a non-zero exit code instead of a dialog nobody sees.
#include "csv_table.h"
#include "io/matrix_file.h"
#include "run/session_script.h"
#include "window_runs.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Runs the binary offscreen, its settings and data in a fresh folder (a run remembers its settings: not in
// the user's); returns its exit code (-1 if it did not finish in time).
int runBinary(const QStringList& arguments, QString* errors = nullptr, QByteArray* output = nullptr) {
  const QTemporaryDir home;
  QProcess app;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("XDG_CONFIG_HOME", home.filePath("config"));
  env.insert("XDG_DATA_HOME", home.filePath("data"));
  env.remove("XDG_RUNTIME_DIR");  // as on a server or in a batch job: no session
  app.setProcessEnvironment(env);
  app.start(UNFOLDLAB_BINARY, arguments);
  if (!app.waitForFinished(120000)) return -1;
  if (errors) *errors = app.readAllStandardError();
  if (output) *output = app.readAllStandardOutput();
  return app.exitCode();
}

QByteArray contentsOf(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestHeadlessWindow : public QObject {
  Q_OBJECT
 private slots:
  void theBinaryTakesAScreenshotOfAPreset() {
    QTemporaryDir dir;
    QString error;
    QCOMPARE(runBinary({"--preset", "oista", "--screenshot", dir.filePath("shot.png")}, &error), 0);
    const QImage shot(dir.filePath("shot.png"));
    QVERIFY(shot.width() > 800 && shot.height() > 500);
    // None of Qt's platform notes (offscreen, no XDG_RUNTIME_DIR); a machine's font setup may add its own.
    const auto platformNotes = [](const QString& text) { return text.contains("propagateSizeHints") || text.contains("XDG_RUNTIME_DIR"); };
    QVERIFY2(!platformNotes(error), qPrintable(error));
    QCOMPARE(runBinary({"--preset", "nope"}, &error), 2);
    QVERIFY2(error.contains("unfoldlab: unknown preset 'nope'") && !platformNotes(error), qPrintable(error));
    // A session whose run is refused (a NaN in D): the error on stderr and exit code 2, no picture.
    QFile d(dir.filePath("D.csv")), x(dir.filePath("X.csv")), session(dir.filePath("nan.json"));
    QVERIFY(d.open(QIODevice::WriteOnly) && x.open(QIODevice::WriteOnly) && session.open(QIODevice::WriteOnly));
    d.write("1,0,nan\n0,1,1\n");
    x.write("1,2\n3,4\n");
    session.write(QString(R"({"format": "unfoldlab-session", "version": 1, "settings": {"dictionary": "files",
                  "dictionary_file": "%1", "signals_file": "%2", "n": 2, "m": 3, "signals": 2, "iterations": 5,
                  "seed": 0, "lambda": 0.5, "methods": ["ista"]}})")
                      .arg(d.fileName(), x.fileName()).toUtf8());
    d.close(), x.close(), session.close();
    QCOMPARE(runBinary({"--session", session.fileName(), "--screenshot", dir.filePath("nan.png")}, &error), 2);
    QVERIFY2(error.contains("D.csv, line 1, column 3"), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath("nan.png")));
  }

  // The picture is an output like any other: checked before the window opens, never over an input or a
  // folder, written whole (a device in place, '-' to standard output).
  void theScreenshotIsCheckedBeforeTheRun() {
    QTemporaryDir dir;
    QFile session(dir.filePath("s.json"));
    QVERIFY(session.open(QIODevice::WriteOnly));
    session.write(R"({"format": "unfoldlab-session", "version": 1, "settings": {"iterations": 5}})");
    session.close();
    const QByteArray before = contentsOf(session.fileName());
    QString error;
    QCOMPARE(runBinary({"--session", session.fileName(), "--screenshot", session.fileName()}, &error), 2);
    QVERIFY2(error.contains("--screenshot") && error.contains("--session"), qPrintable(error));
    QCOMPARE(contentsOf(session.fileName()), before);

    QVERIFY(QDir(dir.path()).mkdir("folder.png"));
    QCOMPARE(runBinary({"--screenshot", dir.filePath("folder.png")}, &error), 2);
    QVERIFY2(error.contains("folder.png: is a folder"), qPrintable(error));
    QCOMPARE(runBinary({"--screenshot", dir.filePath("no/such/folder/a.png")}, &error), 2);
    QVERIFY2(error.contains("no/such/folder/a.png"), qPrintable(error));
    QCOMPARE(runBinary({"--screenshot", dir.filePath("a.txt")}, &error), 2);
    QVERIFY2(error.contains("unknown picture type"), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"s.json"});  // nothing else written

    QByteArray picture;
    QCOMPARE(runBinary({"--plane", "--screenshot", "-"}, &error, &picture), 0);
    QVERIFY2(error.contains("wrote -"), qPrintable(error));
    QImage plane;
    QVERIFY(plane.loadFromData(picture, "PNG"));
    QVERIFY(plane.width() > 300 && plane.height() > 200);
  }

  // A session written as commands gives the numbers the window showed: the script regenerates the
  // data, runs ISTA and trains SLISTA with the binary; the last trace row and the last layer's test gap
  // equal the window's run of the same settings.
  // An imported problem is written with its files when the workbench used them whole and unscaled.
  void theSessionAsCommandsGivesTheWindowsNumbers() {
    unfold::ui::ExperimentSettings settings = unfold::ui::smallNetworks();
    settings.solvers = {unfold::Algorithm::Ista};
    settings.networks = {unfold::Parametrization::Slista};
    QTemporaryDir dir;
    unfold::ui::MainWindow window;
    window.show();
    QVERIFY(scriptRuns(settings, window.shownSnapshot(), dir.filePath("out")));
    const CsvTable trace = CsvTable::fromFile(dir.filePath("out/ista-trace.csv"));
    const CsvTable report = CsvTable::fromFile(dir.filePath("out/slista-report.csv"));
    QCOMPARE(trace.rows.size(), qsizetype(settings.iterations + 1));
    QCOMPARE(report.rows.size(), qsizetype(settings.layers));

    QVERIFY(unfold::ui::runSettings(window, settings));
    const auto& shown = window.shownSnapshot();
    QCOMPARE(shown.curves.size(), 1);
    QCOMPARE(shown.networks.size(), 1);
    const double windowGap = shown.curves[0].gapMean.back(), scriptGap = trace.at(settings.iterations, "gap");
    QVERIFY2(std::abs(windowGap - scriptGap) <= 1e-12 * std::abs(scriptGap), qPrintable(QString("%1 vs %2").arg(windowGap).arg(scriptGap)));
    // The median too, which the cost plot draws for the paper's Fig. 2 (the trace held only means).
    const double windowMedian = shown.curves[0].gapMedian.back(), scriptMedian = trace.at(settings.iterations, "gap_median");
    QVERIFY2(std::abs(windowMedian - scriptMedian) <= 1e-12 * std::abs(scriptMedian),
             qPrintable(QString("%1 vs %2").arg(windowMedian).arg(scriptMedian)));
    const double windowLayer = shown.networks[0].layerGap.back(), scriptLayer = report.at(settings.layers - 1, "test_gap");
    QVERIFY2(std::abs(windowLayer - scriptLayer) <= 1e-12 * std::abs(scriptLayer), qPrintable(QString("%1 vs %2").arg(windowLayer).arg(scriptLayer)));

    // The files the script generated, imported: the workbench takes them whole (on the equiregularization
    // set already, a test file of their own), so the commands take them as they are, and give the same.
    unfold::ui::ExperimentSettings imported = settings;
    imported.source = unfold::ui::ProblemSource::Files;
    imported.dictionaryFile = dir.filePath("out/D.csv");
    imported.signalsFile = dir.filePath("out/X.csv");
    imported.testSignalsFile = dir.filePath("out/X_test.csv");
    QString why;
    QVERIFY(unfold::ui::sessionScript(imported, "", shown, &why).isEmpty());  // not yet run on the files
    QVERIFY2(why.contains("has not read the imported files"), qPrintable(why));
    QVERIFY(unfold::ui::runSettings(window, imported));
    QVERIFY2(window.shownSnapshot().filesNotAsImported.isEmpty(), qPrintable(window.shownSnapshot().filesNotAsImported));
    QVERIFY(scriptRuns(imported, window.shownSnapshot(), dir.filePath("again")));
    QCOMPARE(CsvTable::fromFile(dir.filePath("again/ista-trace.csv")).at(settings.iterations, "gap"), scriptGap);
    QCOMPARE(CsvTable::fromFile(dir.filePath("again/slista-report.csv")).at(settings.layers - 1, "test_gap"), scriptLayer);
    QCOMPARE(window.shownSnapshot().networks[0].layerGap.back(), windowLayer);
    // Some of a file's rows only, or signals the workbench rescaled: refused, saying why.
    imported.signalCount -= 1;
    QVERIFY(unfold::ui::runSettings(window, imported));
    QVERIFY(unfold::ui::sessionScript(imported, "", window.shownSnapshot(), &why).isEmpty());
    QVERIFY2(why.contains(QString("tests %1 of X_test.csv's %2 rows, and the commands take whole files: set test signals to %2")
                              .arg(imported.signalCount).arg(imported.signalCount + 1)), qPrintable(why));
    imported.signalCount += 1;
    imported.networks.clear();  // solvers only, on a file of signals twice as long as generate's
    imported.testSignalsFile.clear();
    imported.signalsFile = dir.filePath("twice.csv");
    const unfold::Matrix twice = 2.0 * unfold::readSignalsFile(dir.filePath("out/X_test.csv").toStdString());
    unfold::writeFileAtomically(imported.signalsFile.toStdString(), unfold::formatSignalsFile("twice.csv", twice));
    QVERIFY(unfold::ui::runSettings(window, imported));
    QVERIFY(unfold::ui::sessionScript(imported, "", window.shownSnapshot(), &why).isEmpty());
    QVERIFY2(why.contains(QString("scaled %1 of the imported signals").arg(imported.signalCount)), qPrintable(why));
  }

 private:
  // Writes the session's script for `settings` and runs it with the binary into `out`.
  static bool scriptRuns(const unfold::ui::ExperimentSettings& settings, const unfold::ui::ConvergenceSnapshot& shown,
                         const QString& out) {
    QString why;
    const QString script = unfold::ui::sessionScript(settings, "a test session", shown, &why);
    if (script.isEmpty()) return false;
    QTemporaryDir dir;
    QFile file(dir.filePath("session.sh"));
    if (!file.open(QIODevice::WriteOnly) || file.write(script.toUtf8()) <= 0) return false;
    file.close();
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("UNFOLDLAB", UNFOLDLAB_BINARY);
    bash.setProcessEnvironment(env);
    bash.start("bash", {file.fileName(), out});
    if (!bash.waitForFinished(120000) || bash.exitCode() != 0) {
      qWarning("%s", bash.readAllStandardError().constData());
      return false;
    }
    return true;
  }
};

QTEST_MAIN(TestHeadlessWindow)
#include "test_headless_window.moc"
