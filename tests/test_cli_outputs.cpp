// The command line's outputs: never over an input, all-or-none, '-' to standard output, devices written
// in place, long traces streamed whole (driven in-process on generated files), and no temporary file left
// by a signal that ends the program (run as its own process).
#include "cli_runs.h"
#include "io/matrix_file.h"
#include "text_files.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace unfold;

class TestCliOutputs : public CliTestCase {
  Q_OBJECT

 private slots:
  // Issue 11: an output that names an input (directly, through a symlink or '..') is refused before any
  // work, naming both, and the input is untouched even though another output could not be written.
  void anOutputThatIsAnInputIsRefused_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("protectedFile");
    const QString d = folder();
    QFile::link(d + "/D.csv", d + "/D-link.csv");
    QTest::newRow("solve --trace D") << QStringList{"solve", "--dict", d + "/D.csv", "--signals", d + "/X.csv", "--lambda", "0.5",
                                                    "--trace", d + "/D.csv", "--codes", d + "/nodir/Z.csv"}
                                     << "--trace " + d + "/D.csv is the input --dict " + d + "/D.csv" << "D.csv";
    QTest::newRow("solve --codes X via ..") << QStringList{"solve", "--dict", d + "/D.csv", "--signals", d + "/X.csv", "--lambda", "0.5",
                                                           "--codes", d + "/../" + QDir(d).dirName() + "/X.csv"}
                                            << "is the input --signals " + d + "/X.csv" << "X.csv";
    QTest::newRow("solve --trace via symlink") << QStringList{"solve", "--dict", d + "/D.csv", "--signals", d + "/X.csv", "--lambda", "0.5",
                                                              "--trace", d + "/D-link.csv"}
                                               << "is the input --dict" << "D.csv";
    QTest::newRow("train --out D") << QStringList{"train", "--dict", d + "/D.csv", "--train", d + "/X.csv", "--test", d + "/X_test.csv",
                                                  "--lambda", "0.3", "--out", d + "/D.csv"}
                                   << "--out " + d + "/D.csv is the input --dict" << "D.csv";
    QTest::newRow("train --report X_test") << QStringList{"train", "--dict", d + "/D.csv", "--train", d + "/X.csv", "--test", d + "/X_test.csv",
                                                          "--lambda", "0.3", "--out", d + "/n.json", "--report", d + "/X_test.csv"}
                                           << "--report " + d + "/X_test.csv is the input --test" << "X_test.csv";
    QTest::newRow("train two outputs") << QStringList{"train", "--dict", d + "/D.csv", "--train", d + "/X.csv", "--test", d + "/X_test.csv",
                                                      "--lambda", "0.3", "--out", d + "/same.csv", "--report", d + "/same.csv"}
                                       << "--report " + d + "/same.csv is also the output --out" << "D.csv";
    QTest::newRow("eval --report net") << QStringList{"eval", "--net", d + "/X.csv", "--dict", d + "/D.csv", "--signals", d + "/X.csv",
                                                      "--lambda", "0.3", "--report", d + "/X.csv"}
                                       << "--report " + d + "/X.csv is the input --net" << "X.csv";
    // export writes into a folder: an input file given as --out is named as not one.
    QTest::newRow("export --out a file") << QStringList{"export", "--net", d + "/X.csv", "--format", "numpy", "--out", d + "/X.csv"}
                                         << "--out '" + d + "/X.csv': not a folder (the module and its weights go into one)" << "X.csv";
    QTest::newRow("export --name a keyword") << QStringList{"export", "--net", d + "/X.csv", "--format", "numpy", "--out", d + "/py",
                                                            "--name", "class"}
                                             << "--name: 'class' is not a Python identifier (try class_)" << "X.csv";
    // export makes its folder (and parents) if missing, and removes them again when the input is refused.
    QTest::newRow("export a bad network") << QStringList{"export", "--net", d + "/X.csv", "--out", d + "/new/py"}
                                          << d + "/X.csv: not valid JSON at offset 1" << "X.csv";
    QTest::newRow("export into a/b/") << QStringList{"export", "--net", d + "/X.csv", "--out", d + "/new/py/"}
                                      << d + "/X.csv: not valid JSON at offset 1" << "X.csv";
    QTest::newRow("export --out -") << QStringList{"export", "--net", d + "/X.csv", "--out", "-"}
                                    << "--out '-': a folder is needed here, not standard output" << "X.csv";
  }
  void anOutputThatIsAnInputIsRefused() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFETCH(QString, protectedFile);
    const QString before = readText(path(protectedFile));
    const Run r = run(arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(!r.out.contains("problem:"), qPrintable(r.out));  // refused before reading or computing
    QCOMPARE(readText(path(protectedFile)), before);
    QVERIFY(!QFile::exists(path("n.json")) && !QFile::exists(path("same.csv")) && !QFileInfo::exists(path("new")));
  }

  void outputsAreAllOrNone() {
    QTemporaryDir d;
    const QString net = d.path() + "/net.json";
    QFile old(net);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old network");
    old.close();
    const Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                       "--layers", "2", "--max-iter", "2", "--out", net, "--report", d.path() + "/nodir/r.csv"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--report " + d.path() + "/nodir/r.csv: the folder " + d.path() + "/nodir does not exist"), qPrintable(r.err));
    QVERIFY2(!r.err.contains("iter "), qPrintable(r.err));  // before training
    QCOMPARE(readText(net), QString("old network"));
    QCOMPARE(QDir(d.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    const Run folder = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--trace", d.path()});
    QCOMPARE(folder.code, 2);
    QVERIFY2(folder.err.contains("--trace " + d.path() + ": is a folder"), qPrintable(folder.err));
  }

  void dashWritesToStandardOutput() {
    const Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                       "--no-ls", "--trace", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);  // only the trace: header and t = 0..5
    QCOMPARE(lines[0], QString("iter,cost,gap,support_size,ls_over_l,step_times_l,accepted,gap_q10,gap_median,gap_q90"));
    QVERIFY(r.err.contains("ista: 5 iterations"));  // the summary moved to stderr
    const Run codes = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                           "--codes", "-"});
    QCOMPARE(codes.code, 0);
    QCOMPARE(codes.out.split('\n', Qt::SkipEmptyParts).size(), 40);  // one code per signal, as CSV
    QCOMPARE(codes.out.split('\n').first().split(',').size(), 50);
    // /dev/stdout is standard output too: written through it, never resolved and renamed over.
    const Run devStdout = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                               "--trace", "/dev/stdout"});
    QVERIFY2(devStdout.code == 0, qPrintable(devStdout.err));
    QVERIFY(devStdout.out.startsWith("iter,cost,gap,"));
    QCOMPARE(devStdout.out.split('\n', Qt::SkipEmptyParts).size(), 7);
    // A stream's name says no type: codes through it are CSV.
    const Run codesToDevStdout = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                                      "--codes", "/dev/stdout"});
    QVERIFY2(codesToDevStdout.code == 0, qPrintable(codesToDevStdout.err));
    QCOMPARE(codesToDevStdout.out.split('\n', Qt::SkipEmptyParts).size(), 40);
  }

  // An output whose name promises another type than it would hold is refused before any work.
  void anOutputNameOfTheWrongTypeIsRefusedFirst_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString d = folder();
    const QStringList solve{"solve", "--dict", d + "/D.csv", "--signals", d + "/X.csv", "--lambda", "0.5"};
    QTest::newRow("solve --codes .txt") << solve + QStringList{"--codes", d + "/Z.txt"}
                                        << "--codes " + d + "/Z.txt: unknown file type (use a .csv or .npy file)";
    QTest::newRow("solve --trace .npy") << solve + QStringList{"--trace", d + "/t.npy"}
                                        << "--trace " + d + "/t.npy: this output is a CSV table, not a NumPy file (name it .csv)";
    QTest::newRow("train --report .npz") << QStringList{"train", "--dict", d + "/D.csv", "--train", d + "/X.csv", "--test", d + "/X_test.csv",
                                                        "--lambda", "0.3", "--out", d + "/t.json", "--report", d + "/r.npz"}
                                         << "--report " + d + "/r.npz: this output is a CSV table";
    QTest::newRow("train --out .csv") << QStringList{"train", "--dict", d + "/D.csv", "--train", d + "/X.csv", "--test", d + "/X_test.csv",
                                                     "--lambda", "0.3", "--out", d + "/t.csv"}
                                      << "--out " + d + "/t.csv: this output is a network in JSON, not a .csv file (name it .json)";
    // What is wrong with the name itself is said before its type.
    QTest::newRow("solve --codes ''") << solve + QStringList{"--codes", ""} << "--codes: empty file name";
    QTest::newRow("solve --codes a folder") << solve + QStringList{"--codes", d} << "--codes " + d + ": is a folder, not a file";
    writeSignalsFile((d + "/X_in.npy").toStdString(), readSignalsFile((d + "/X.csv").toStdString()));
    QTest::newRow("solve --trace X.npy") << QStringList{"solve", "--dict", d + "/D.csv", "--signals", d + "/X_in.npy", "--lambda", "0.5",
                                                        "--trace", d + "/X_in.npy"}
                                         << "--trace " + d + "/X_in.npy is the input --signals";
  }
  void anOutputNameOfTheWrongTypeIsRefusedFirst() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(!r.out.contains("problem:") && !r.err.contains("reference:"), qPrintable(r.out));  // before any work
    for (const QString name : {"Z.txt", "t.npy", "t.json", "r.npz", "t.csv"}) QVERIFY(!QFile::exists(path(name)));
  }

  // generate names its own files in the folder it is given: it never writes through a link there into a
  // file elsewhere, nor leaves an earlier set's files that it does not replace beside its new D.
  void generateNeverMixesTwoSets() {
    QTemporaryDir set, other;
    const QStringList generate{"generate", "--n", "10", "--m", "20", "--signals", "5", "--seed", "1"};
    QCOMPARE(run(generate + QStringList{"--out", other.path()}).code, 0);
    const QString elsewhere = readText(other.filePath("D.csv"));
    QVERIFY(QFile::link(other.filePath("D.csv"), set.filePath("X.csv")));
    const Run linked = run(generate + QStringList{"--out", set.path()});
    QVERIFY2(linked.code == 2 && linked.err.contains("--out " + set.filePath("X.csv") + " is a symbolic link to the file"), qPrintable(linked.err));
    QCOMPARE(readText(other.filePath("D.csv")), elsewhere);
    QVERIFY(!QFile::exists(set.filePath("D.csv")));

    QCOMPARE(run(generate + QStringList{"--test", "3", "--signal-kind", "sparse", "--nonzeros", "2", "--out", other.path()}).code, 0);
    const Run mixed = run(generate + QStringList{"--format", "npy", "--out", other.path()});
    QVERIFY2(mixed.code == 2 && mixed.err.contains("holds D.csv, X.csv, Z0.csv, X_test.csv, Z0_test.csv of an earlier set"),
             qPrintable(mixed.err));
    QVERIFY(!QFile::exists(other.filePath("D.npy")));
    QCOMPARE(run(generate + QStringList{"--test", "3", "--out", other.path()}).code, 2);  // the codes would stay
    QCOMPARE(run(generate + QStringList{"--test", "3", "--signal-kind", "sparse", "--out", other.path()}).code, 0);
  }

  // A rename would replace a file its owner made read-only (even as root, as the tests may run): refused
  // before any work, naming it; the file keeps its contents.
  void aReadOnlyFileIsNotReplaced() {
    QVERIFY(writeText(path("protected.csv"), "kept\n"));
    QVERIFY(QFile::setPermissions(path("protected.csv"), QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "3", "--codes",
                       path("protected.csv")});
    QVERIFY2(r.code == 2 && r.err.contains("protected.csv: is read-only; make it writable (chmod u+w)"), qPrintable(r.err));
    QCOMPARE(readText(path("protected.csv")), QString("kept\n"));
  }

  // Signals read from a pipe ('-' or /dev/stdin): CSV, or .npy as its first bytes say.
  void signalsAreReadFromStandardInput() {
    writeSignalsFile(path("X_stdin.npy").toStdString(), readSignalsFile(path("X.csv").toStdString()));
    for (const auto& [file, name] : {std::pair{"X.csv", "/dev/stdin"}, {"X_stdin.npy", "/dev/stdin"}, {"X.csv", "-"}}) {
      QProcess solve;
      solve.setStandardInputFile(path(file));
      solve.start(UNFOLDLAB_BINARY, {"solve", "--dict", path("D.csv"), "--signals", name, "--lambda", "0.5", "--iters", "5"});
      QVERIFY(solve.waitForFinished(60000));
      const QString said = QString::fromUtf8(solve.readAllStandardOutput() + solve.readAllStandardError());
      QVERIFY2(solve.exitCode() == 0 && said.contains("n = 10, m = 50, N = 40 signals"), qPrintable(QString(file) + " as " + name + ": " + said));
    }
    // A stream cut inside the .npy magic string is a truncated .npy file, not a CSV with a strange number.
    QFile cut(path("cut.npy"));
    QVERIFY(cut.open(QIODevice::WriteOnly) && cut.write("\x93NUM", 4) == 4);
    cut.close();
    QProcess solve;
    solve.setStandardInputFile(path("cut.npy"));
    solve.start(UNFOLDLAB_BINARY, {"solve", "--dict", path("D.csv"), "--signals", "-", "--lambda", "0.5", "--iters", "5"});
    QVERIFY(solve.waitForFinished(60000));
    const QString said = QString::fromUtf8(solve.readAllStandardError());
    QVERIFY2(solve.exitCode() == 2 && said.contains("-: truncated .npy header"), qPrintable(said));
  }

  // A descriptor open only for reading (a pipe into standard input) is refused before the work.
  void aReadOnlyDescriptorIsRefusedFirst() {
    QProcess solve;
    solve.start(UNFOLDLAB_BINARY, {"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--codes", "/dev/stdin"});
    QVERIFY(solve.waitForFinished(60000));
    const QString err = QString::fromUtf8(solve.readAllStandardError());
    QCOMPARE(solve.exitCode(), 2);
    QVERIFY2(err.contains("--codes /dev/stdin: cannot write (descriptor 0 is open only for reading)"), qPrintable(err));
    QVERIFY2(!QString::fromUtf8(solve.readAllStandardOutput()).contains("problem:"), "refused before any work");
  }

  // Standard output redirected onto an input ('--codes - >> X.csv') is that input: refused, untouched.
  void standardOutputOntoAnInputIsRefused() {
    const QString copy = path("X_appended.csv");
    QFile::remove(copy);
    QVERIFY(QFile::copy(path("X.csv"), copy));
    const QString before = readText(copy);
    QProcess solve;
    solve.setStandardOutputFile(copy, QIODevice::Append);
    solve.start(UNFOLDLAB_BINARY, {"solve", "--dict", path("D.csv"), "--signals", copy, "--lambda", "0.5", "--codes", "-"});
    QVERIFY(solve.waitForFinished(60000));
    const QString err = QString::fromUtf8(solve.readAllStandardError());
    QCOMPARE(solve.exitCode(), 2);
    QVERIFY2(err.contains("--codes - (standard output, redirected) is the input --signals " + copy), qPrintable(err));
    QCOMPARE(readText(copy), before);
  }

  // A file name reaches the terminal with its control characters escaped: an ESC or a newline in it can
  // neither recolour the terminal nor forge a line.
  void fileNamesInMessagesAreEscaped() {
    const Run r = run({"solve", "--dict", folder() + "/\x1b[31mD\nunfoldlab solve: done.csv", "--signals", path("X.csv"), "--lambda", "0.5"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(folder() + "/\\x1b[31mD\\nunfoldlab solve: done.csv: no such file"), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QChar(0x1b)) && r.err.count('\n') == 1, qPrintable(r.err));
    // And where a file was written.
    QTemporaryDir d;
    const Run wrote = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                           "--codes", d.path() + "/\x1b[31mZ\n.csv"});
    QVERIFY2(wrote.code == 0 && wrote.out.contains("wrote " + d.path() + "/\\x1b[31mZ\\n.csv\n"), qPrintable(wrote.out));
    QVERIFY(!wrote.out.contains(QChar(0x1b)));
  }

  // An argument given for nothing is refused, not ignored: codes for a loss without ground truth (a
  // mistaken --loss?), an empty --only (it ran every group).
  void argumentsGivenForNothingAreRefused() {
    const Run codes = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                           "--net", "slista", "--train-codes", path("nothere.csv"), "--out", path("never.json")});
    QVERIFY2(codes.code == 2 && codes.err.contains("--train-codes goes with --loss supervised (the unsupervised loss uses no ground truth)"),
             qPrintable(codes.err));
    QVERIFY(!QFile::exists(path("never.json")));
    const Run only = run({"bench", "--quick", "--only", ""});
    QVERIFY2(only.code == 2 && only.err.contains("--only: unknown group ''") && !only.err.contains("benchmarking"), qPrintable(only.err));
  }

  // An Inf or NaN is never printed or written as a result with exit 0: a network whose step is too large
  // for the signals is refused, naming it and the layer.
  void aNonFiniteResultIsRefused() {
    QTemporaryDir d;
    const QString net = d.filePath("net.json"), huge = d.filePath("huge.json");
    QCOMPARE(run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                  "--net", "slista", "--layers", "2", "--max-iter", "2", "--out", net}).code, 0);
    QString json = readText(net);
    json.replace(QRegularExpression("\"alpha\": [0-9.e+-]+"), "\"alpha\": 1e308");
    QVERIFY(writeText(huge, json));
    const Run r = run({"eval", "--net", huge, "--signals", path("X_test.csv"), "--lambda", "0.3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(huge + ": the network's gap is not finite (Inf or NaN) at layer 1"), qPrintable(r.err));
    QVERIFY2(!r.out.contains("inf") && !r.out.contains("nan"), qPrintable(r.out));
  }

  // A network whose file would be over the readers' limit is refused before the training, not written
  // after it: a 10-layer LISTA for m = 1500 holds 22.6 million numbers.
  void aNetworkTooLargeToReadIsRefusedBeforeTraining() {
    QTemporaryDir d;
    QCOMPARE(run({"generate", "--dict", "gaussian", "-n", "8", "-m", "1500", "--signals", "20", "--test", "10", "--out",
                  d.path()}).code, 0);
    const QString net = d.filePath("net.json");
    const Run r = run({"train", "--dict", d.filePath("D.csv"), "--train", d.filePath("X.csv"), "--test", d.filePath("X_test.csv"),
                       "--lambda", "0.3", "--net", "lista", "--layers", "10", "--out", net});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--out: a LISTA of 10 layers for n = 8, m = 1500 takes up to 518 MiB as JSON, over the 256 MiB "
                            "a network file may have: at most 4 layers fit; or LISTA-CP"), qPrintable(r.err));
    QVERIFY2(!r.err.contains("iter"), qPrintable(r.err));  // no training step was taken
    QVERIFY(!QFileInfo::exists(net));
  }

  void devNullIsWrittenInPlace() {
    const Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                       "--trace", "/dev/null", "--codes", "/dev/null"});
    QCOMPARE(r.code, 2);  // two outputs on one file, even /dev/null
    QVERIFY2(r.err.contains("--trace /dev/null is also the output --codes /dev/null"), qPrintable(r.err));
    const Run ok = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                        "--trace", "/dev/null"});
    QVERIFY2(run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5", "--codes",
                  "/dev/null"}).code == 0, "codes to /dev/null");
    QVERIFY2(ok.code == 0, qPrintable(ok.err));
    struct stat info {};
    QCOMPARE(::stat("/dev/null", &info), 0);
    QVERIFY(S_ISCHR(info.st_mode));
  }

  void aDeviceOutputStaysADevice() {
    if (::geteuid() != 0) QSKIP("mknod needs root; skipped");
    QTemporaryDir d;
    const QByteArray node = (d.path() + "/devnull").toLocal8Bit();
    QCOMPARE(::mknod(node.constData(), S_IFCHR | 0666, makedev(1, 3)), 0);
    const Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "5",
                       "--trace", d.path() + "/devnull"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    struct stat info {};
    QCOMPARE(::stat(node.constData(), &info), 0);
    QVERIFY2(S_ISCHR(info.st_mode), "the device node was replaced by a regular file");
  }

  void aLongTraceStreamsToItsFileWhole() {
    // 30,000 rows (~2.7 MB) cross the 1 MB pieces the trace is streamed in: every row arrives, in order.
    const QString trace = path("long_trace.csv");
    const Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "30000",
                       "--no-ls", "--trace", trace});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines = readText(trace).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 30002);
    for (int t = 0; t <= 30000; t += 997) QVERIFY2(lines[t + 1].startsWith(QString::number(t) + ","), qPrintable(lines[t + 1]));
    QVERIFY(lines.last().startsWith("30000,"));
  }

  void aSignalEndingTheProgramLeavesNoTemporaryFile_data() {
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM (kill)") << int(SIGTERM);
    QTest::newRow("SIGINT (Ctrl-C)") << int(SIGINT);
    QTest::newRow("SIGHUP (terminal closed)") << int(SIGHUP);
    QTest::newRow("SIGPIPE (reader gone)") << int(SIGPIPE);
  }

  // solve streams its trace into a hidden temporary file next to --trace: a signal mid-run ends the
  // program as it would have, and removes the temporary files; the outputs keep their old contents.
  void aSignalEndingTheProgramLeavesNoTemporaryFile() {
    QFETCH(int, signal);
    QTemporaryDir d;
    for (const QString name : {"trace.csv", "Z.csv"}) {
      QFile old(d.path() + "/" + name);
      QVERIFY(old.open(QIODevice::WriteOnly));
      old.write("old " + name.toLatin1());
    }
    QProcess solve;
    // As a terminal would start it: a shell's background job or nohup would have it ignore SIGINT/SIGHUP.
    solve.setChildProcessModifier([] {
      for (const int s : {SIGTERM, SIGINT, SIGHUP, SIGPIPE}) std::signal(s, SIG_DFL);
    });
    solve.start(UNFOLDLAB_BINARY, {"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters",
                                   "10000000", "--no-ls", "--trace", d.path() + "/trace.csv", "--codes", d.path() + "/Z.csv"});
    QVERIFY(solve.waitForStarted());
    const auto hidden = [&] { return QDir(d.path()).entryInfoList({".*.csv.*"}, QDir::Files | QDir::Hidden); };
    // Both temporaries exist, and the trace's has received its first streamed piece.
    QTRY_VERIFY_WITH_TIMEOUT(hidden().size() == 2 && std::max(hidden()[0].size(), hidden()[1].size()) > 0, 20000);
    ::kill(static_cast<pid_t>(solve.processId()), signal);
    QVERIFY(solve.waitForFinished(20000));
    QCOMPARE(solve.exitStatus(), QProcess::CrashExit);  // ended by the signal, not by a normal exit
    QCOMPARE(solve.exitCode(), signal);                  // for a crash, Qt gives the signal's number
    QCOMPARE(hidden().size(), 0);
    QCOMPARE(QDir(d.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    QCOMPARE(readText(d.path() + "/trace.csv"), QString("old trace.csv"));
    QCOMPARE(readText(d.path() + "/Z.csv"), QString("old Z.csv"));
  }
};

QTEST_MAIN(TestCliOutputs)
#include "test_cli_outputs.moc"
