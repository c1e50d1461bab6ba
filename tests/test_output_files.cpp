// The output plan (all-or-none, never over an input, devices in place), the bounded reader and the
// quoting of untrusted text, on real files in a temporary folder.
#include "base/input_error.h"
#include "base/quoted_text.h"
#include "io/bounded_file.h"
#include "io/matrix_file.h"
#include "io/output_files.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include "error_of.h"

#include <cstdio>
#include <functional>
#include <initializer_list>
#include <utility>
#include <sstream>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace unfold;

namespace {

void writeText(const QString& path, const QByteArray& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text);
}

QByteArray readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

// Declares the outputs (flag, path) and checks them, as a command does before any work.
void declareOutputs(OutputFiles& files, std::initializer_list<std::pair<std::string, std::string>> outputs) {
  for (const auto& [flag, path] : outputs) files.addOutput(flag, path);
  files.check();
}

}  // namespace

class TestOutputFiles : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString filePath(const QString& name) const { return dir_.path() + "/" + name; }
  std::string path(const QString& name) const { return filePath(name).toStdString(); }

 private slots:
  void outputsAreReplacedAllTogetherAtCommit() {
    writeText(filePath("a.csv"), "old a");
    std::ostringstream out;
    {
      OutputFiles files(out);
      declareOutputs(files, {{"--a", path("a.csv")}, {"--b", path("b.csv")}});
      files.write(path("a.csv"), "new a");
      QCOMPARE(readText(filePath("a.csv")), QByteArray("old a"));  // not before commit
      files.write(path("b.csv"), "new b");
      QVERIFY(!QFile::exists(filePath("b.csv")));
      files.commit();
    }
    QCOMPARE(readText(filePath("a.csv")), QByteArray("new a"));
    QCOMPARE(readText(filePath("b.csv")), QByteArray("new b"));
    QCOMPARE(QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);  // no temporary left
  }

  void anAbandonedPlanLeavesEverythingAsItWas() {
    writeText(filePath("keep.csv"), "old");
    std::ostringstream out;
    {
      OutputFiles files(out);
      declareOutputs(files, {{"--a", path("keep.csv")}, {"--b", path("never.csv")}});
      files.write(path("keep.csv"), "new");  // then the command fails before writing --b
    }
    QCOMPARE(readText(filePath("keep.csv")), QByteArray("old"));
    QVERIFY(!QFile::exists(filePath("never.csv")));
    QCOMPARE(QDir(dir_.path()).entryList({"*never*", "*keep*"}, QDir::Files | QDir::Hidden).size(), 1);
  }

  void aFailedRenameSaysWhichFilesAreNewAndWhichOld() {
    QTemporaryDir d;
    const std::string first = (d.path() + "/first.csv").toStdString(), second = (d.path() + "/second.csv").toStdString();
    std::ostringstream out;
    OutputFiles files(out);
    declareOutputs(files, {{"--first", first}, {"--second", second}});
    files.write(first, "1");
    files.write(second, "2");
    // Someone puts a non-empty folder where --second goes, after the checks: its rename must fail.
    QVERIFY(QDir(d.path()).mkpath("second.csv/inside"));
    const QString error = errorOf([&] { files.commit(); });
    QVERIFY2(error.startsWith(QString::fromStdString("--second " + second + ": cannot replace the file (")), qPrintable(error));
    QVERIFY2(error.contains(QString::fromStdString("new: " + first + "; unchanged (old or absent): " + second)), qPrintable(error));
    QCOMPARE(readText(QString::fromStdString(first)), QByteArray("1"));
    // One file (a session saved, a figure exported): said plainly.
    OutputFiles single(out);
    const std::string only = (d.path() + "/third.csv").toStdString();
    declareOutputs(single, {{"", only}});
    single.write(only, "3");
    QVERIFY(QDir(d.path()).mkpath("third.csv/inside"));
    const QString alone = errorOf([&] { single.commit(); });
    QVERIFY2(alone.startsWith(QString::fromStdString(only + ": cannot replace the file (")) && alone.endsWith("); it is as it was"),
             qPrintable(alone));
  }

  void collisionsAreRefusedNamingBoth() {
    writeText(filePath("in.csv"), "1\n");
    QVERIFY(QDir(dir_.path()).mkpath("sub"));
    QVERIFY(QFile::link(filePath("in.csv"), filePath("link.csv")));
    std::ostringstream out;
    const auto refusal = [&](const std::string& output, const std::string& second = {}) {
      return errorOf([&] {
        OutputFiles files(out);
        files.addInput("--dict", path("in.csv"));
        files.addOutput("--trace", output);
        if (!second.empty()) files.addOutput("--codes", second);
        files.check();
      });
    };
    const QString in = filePath("in.csv");
    QCOMPARE(refusal(path("in.csv")), "--trace " + in + " is the input --dict " + in + ": refusing to overwrite an input");
    QVERIFY(refusal(path("sub/../in.csv")).contains("is the input --dict"));
    QVERIFY(refusal(path("link.csv")).contains("is the input --dict"));
    QVERIFY(refusal(path("new.csv"), path("sub/../new.csv")).contains("is also the output --trace"));
    QVERIFY(refusal("-", "-").contains("--codes - is also the output --trace -"));
    QVERIFY(refusal(path("sub")).contains("is a folder"));
    const int listening = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string socketPath = path("socket");
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socketPath.c_str());
    QCOMPARE(::bind(listening, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    QVERIFY(refusal(socketPath).contains("is a socket; cannot write a file there"));
    ::close(listening);
    QVERIFY(refusal(path("nodir/x.csv")).contains("the folder " + filePath("nodir") + " does not exist"));
    // A folder where no file can be created (even by root): found at check time, before any work.
    QVERIFY2(refusal("/proc/unfold-test.csv").startsWith("--trace /proc/unfold-test.csv: cannot write in /proc ("),
             qPrintable(refusal("/proc/unfold-test.csv")));
    QCOMPARE(refusal(path("fine.csv")), QString("no error"));
    QCOMPARE(readText(in), QByteArray("1\n"));
    QVERIFY(!QFile::exists(filePath("fine.csv")));  // check() alone writes nothing visible
    // A standing input (the workbench's imported files) is refused as every plan's output, until replaced.
    writeText(filePath("imported.csv"), "2\n");
    const int window = 0, otherWindow = 0;  // two owners (two workbench windows)
    setStandingInputs(&window, {{"the dictionary file the workbench imported", path("imported.csv")}});
    const auto forgetStanding = qScopeGuard([&] { setStandingInputs(&window, {}); setStandingInputs(&otherWindow, {}); });
    const QString imported = filePath("imported.csv");
    QCOMPARE(refusal(path("sub/../imported.csv")), "--trace " + filePath("sub/../imported.csv") +
                                                       " is the dictionary file the workbench imported: refusing to overwrite an input");
    QCOMPARE(errorOf([&] { writeFileAtomically(path("imported.csv"), "3\n"); }),
             imported + " is the dictionary file the workbench imported: refusing to overwrite an input");
    // Another window importing and then closing (forgetting its own) leaves this window's standing.
    writeText(filePath("other.csv"), "4\n");
    setStandingInputs(&otherWindow, {{"the signals file the workbench imported", path("other.csv")}});
    QVERIFY(refusal(path("other.csv")).endsWith("is the signals file the workbench imported: refusing to overwrite an input"));
    QVERIFY(refusal(path("imported.csv")).endsWith("is the dictionary file the workbench imported: refusing to overwrite an input"));
    setStandingInputs(&otherWindow, {});
    QCOMPARE(refusal(path("other.csv")), QString("no error"));
    QVERIFY(refusal(path("imported.csv")).endsWith("is the dictionary file the workbench imported: refusing to overwrite an input"));
    setStandingInputs(&window, {});
    QCOMPARE(errorOf([&] { writeFileAtomically(path("imported.csv"), "3\n"); }), QString("no error"));
    QCOMPARE(readText(filePath("imported.csv")), QByteArray("3\n"));
  }

  void dashIsStandardOutputAndAFifoIsWrittenInPlace() {
    std::ostringstream out;
    const std::string fifo = path("pipe");
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QByteArray received;
    std::thread reader([&] { received = readText(QString::fromStdString(fifo)); });  // blocks until the writer opens
    {
      OutputFiles files(out);
      declareOutputs(files, {{"--trace", "-"}, {"--codes", fifo}});
      QVERIFY(files.writesToStandardOutput());
      files.write("-", "to stdout\n");
      files.write(fifo, "through the pipe\n");
      files.commit();
    }
    reader.join();
    QCOMPARE(out.str(), std::string("to stdout\n"));
    QCOMPARE(received, QByteArray("through the pipe\n"));
    struct stat info {};
    QCOMPARE(::stat(fifo.c_str(), &info), 0);
    QVERIFY(S_ISFIFO(info.st_mode));  // still a FIFO, not replaced by a regular file
  }

  // A named pipe with nobody at its other end makes the command wait: it says so (the wait looked like a
  // hang), once the output has no reader yet, and for an input, which is read later.
  void aFifoSaysTheCommandWaitsForItsOtherEnd() {
    const std::string out = path("out.fifo"), in = path("in.fifo");
    QCOMPARE(::mkfifo(out.c_str(), 0600), 0);
    QCOMPARE(::mkfifo(in.c_str(), 0600), 0);
    std::mutex lock;
    QStringList said;
    setWaitNotices([&](const std::string& text) {
      const std::lock_guard guard(lock);
      said << QString::fromStdString(text);
    });
    const auto forget = qScopeGuard([] { setWaitNotices({}); });
    QByteArray received;
    std::thread reader([&] {  // opens its end once the notice is out, as a person would start a reader
      while (true) {
        {
          const std::lock_guard guard(lock);
          if (!said.isEmpty()) break;
        }
        std::this_thread::yield();
      }
      received = readText(QString::fromStdString(out));
    });
    std::ostringstream stdOut;
    {
      OutputFiles files(stdOut);
      files.addInput("--signals", in);
      files.addOutput("--codes", out);
      files.check();  // waits at the output's open until the reader comes
      files.write(out, "z\n");
      files.commit();
    }
    reader.join();
    QCOMPARE(received, QByteArray("z\n"));
    QCOMPARE(said, (QStringList{QString::fromStdString("--codes " + out + " is a named pipe (FIFO): waiting for a program to read from it"),
                                QString::fromStdString("the input --signals " + in + " is a named pipe (FIFO): reading it waits for a program to write to it")}));
    // With a reader already there, the output says nothing.
    said.clear();
    const int readEnd = ::open(out.c_str(), O_RDONLY | O_NONBLOCK);  // a reader that does not wait for a writer
    QVERIFY(readEnd >= 0);
    {
      OutputFiles again(stdOut);
      again.addOutput("--codes", out);
      again.check();
      again.write(out, "w\n");
      again.commit();
    }
    char bytes[8] = {};
    QCOMPARE(::read(readEnd, bytes, sizeof bytes), ssize_t(2));
    ::close(readEnd);
    QCOMPARE(QByteArray(bytes, 2), QByteArray("w\n"));
    QVERIFY2(said.isEmpty(), qPrintable(said.join('|')));
  }

  void aDeviceNodeIsWrittenInPlaceNotReplaced() {
    if (::geteuid() != 0) QSKIP("making a device node (mknod) needs root; skipped");
    const std::string node = path("devnull");
    QCOMPARE(::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);  // a private /dev/null
    std::ostringstream out;
    {
      OutputFiles files(out);
      declareOutputs(files, {{"--trace", node}});
      files.write(node, std::string(268, 'x'));
      files.commit();
    }
    struct stat info {};
    QCOMPARE(::stat(node.c_str(), &info), 0);
    QVERIFY(S_ISCHR(info.st_mode));
    QCOMPARE(info.st_rdev, makedev(1, 3));
  }

  void theBoundedReaderStopsAtItsLimitAndNamesTheFile() {
    QCOMPARE(errorOf([] { readBoundedFile("/dev/zero", 1 << 20, "a test file"); }),
             QString("/dev/zero: larger than the 1 MiB limit for a test file"));
    writeText(filePath("small.txt"), QByteArray(1000, 'a'));
    QCOMPARE(readBoundedFile(path("small.txt"), 1000, "x").size(), qsizetype(1000));
    QCOMPARE(errorOf([&] { readBoundedFile(path("small.txt"), 999, "x"); }),
             QString::fromStdString(path("small.txt") + ": larger than the 999 bytes limit for x"));
    QCOMPARE(errorOf([&] { readBoundedFile(path("absent"), 10, "x"); }), QString::fromStdString(path("absent") + ": no such file"));
  }

  void quotingEscapesAndShortens() {
    QCOMPARE(QString::fromStdString(quotedInput("abc")), QString("'abc'"));
    QCOMPARE(QString::fromStdString(quotedInput(std::string("a\x1b[1m\x07\n'\\", 9))), QString("'a\\x1b[1m\\x07\\n\\'\\\\'"));
    QCOMPARE(QString::fromStdString(quotedInput(std::string(100, 'y'))), "'" + QString(80, 'y') + "'... (100 bytes)");
    QCOMPARE(QString::fromStdString(quotedInput(std::string("\x7f\0", 2))), QString("'\\x7f\\x00'"));
    // The limit is on what is printed: 100 control characters show as 20 escapes of 4 characters.
    QCOMPARE(QString::fromStdString(quotedInput(std::string(100, '\x01'))), "'" + QString("\\x01").repeated(20) + "'... (100 bytes)");
  }
};

QTEST_GUILESS_MAIN(TestOutputFiles)
#include "test_output_files.moc"
