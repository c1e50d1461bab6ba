// unfoldlab: with no arguments, the workbench (GUI); with a subcommand, a headless run.
#include "base/input_error.h"
#include "base/quoted_text.h"
#include "benchmark_report.h"
#include "commands.h"
#include "interrupt.h"
#include "io/output_files.h"
#include "reproduce.h"
#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "ui_latency_benchmark.h"
#include "window/fit_to_screen.h"
#include "window/main_window.h"

#include <QApplication>
#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>
#include <QImageWriter>
#include <QTimer>

#include <cstdio>
#include <optional>
#include <cstdlib>
#include <iostream>

namespace {

QtMessageHandler standardMessageHandler = nullptr;

QStringList argumentsOf(int argc, char** argv) {
  QStringList out;
  for (int i = 1; i < argc; ++i) out << QString::fromLocal8Bit(argv[i]);
  return out;
}

bool hasDisplay() {
  const char* platform = std::getenv("QT_QPA_PLATFORM");
  if (platform && *platform) return true;  // offscreen, xcb, wayland…: the user chose
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

// The --screenshot picture: checked before the window opens (an output that is the session file, a
// folder or a missing folder is refused), written all-or-none, '-' to standard output, a device in place.
class Screenshot {
 public:
  explicit Screenshot(const QString& path) : path_(path), file_(std::cout) {}
  // Returns false after saying why on stderr.
  bool check(const QString& sessionPath) {
    try {
      if (!sessionPath.isEmpty()) file_.addInput("--session", sessionPath.toStdString());
      file_.addOutput("--screenshot", path_.toStdString());
      file_.check();
    } catch (const unfold::InputError& error) {
      std::cerr << "unfoldlab: " << unfold::printableText(error.what()) << "\n";
      return false;
    }
    format_ = path_ == "-" ? QByteArray("png") : QFileInfo(path_).suffix().toLower().toLatin1();
    if (QImageWriter::supportedImageFormats().contains(format_)) return true;
    std::cerr << "unfoldlab: --screenshot " << unfold::quotedInput(path_.toStdString()) << ": unknown picture type (use .png)\n";
    return false;
  }
  bool save(const QPixmap& picture) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    try {
      if (!picture.save(&buffer, format_.constData())) throw unfold::InputError("--screenshot: the picture could not be encoded");
      file_.write(path_.toStdString(), buffer.data().toStdString());
      file_.commit();
      (path_ == "-" ? std::cerr : std::cout) << "wrote " << unfold::printableText(path_.toStdString()) << "\n";
      return true;
    } catch (const unfold::InputError& error) {
      std::cerr << "unfoldlab: " << unfold::printableText(error.what()) << "\n";
      return false;
    }
  }

 private:
  QString path_;
  QByteArray format_;
  unfold::OutputFiles file_;
};

// The window, optionally with --session FILE or --preset NAME; with --screenshot OUT.png it runs to
// completion, saves the window and exits (for tests and the README pictures).
int runGui(int argc, char** argv, const QStringList& arguments) {
  QString screenshot, sessionPath, preset;
  bool plane = false;
  int lesson = 0;
  for (int i = 0; i < arguments.size(); ++i) {
    if (arguments[i] == "--screenshot" && i + 1 < arguments.size()) {
      screenshot = arguments[++i];
    } else if (arguments[i] == "--session" && i + 1 < arguments.size()) {
      sessionPath = arguments[++i];
    } else if (arguments[i] == "--preset" && i + 1 < arguments.size()) {
      preset = arguments[++i];
    } else if (arguments[i] == "--plane") {
      plane = true;
    } else if (arguments[i] == "--lesson" && i + 1 < arguments.size()) {
      lesson = arguments[++i].toInt();
      if (lesson < 1) {
        std::cerr << "unfoldlab: --lesson takes a lesson number from 1\n";
        return 2;
      }
    } else {
      std::cerr << "unfoldlab: unknown option " << unfold::quotedInput(arguments[i].toStdString()) << " (see unfoldlab --help)\n";
      return 2;
    }
  }
  if (!hasDisplay()) {
    std::cerr << "unfoldlab: no display found (DISPLAY is not set). Run a headless command instead, e.g.\n"
                 "  unfoldlab solve --help     or set QT_QPA_PLATFORM=offscreen with --screenshot OUT.png\n";
    return 2;
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName("Unfold Lab");
  QApplication::setOrganizationName("Unfold Lab");
  QApplication::setDesktopFileName("org.unfoldlab.UnfoldLab");
  QIcon icon;
  for (const int size : {16, 32, 48, 64, 128, 256})
    icon.addFile(QString(":/unfoldlab/icons/org.unfoldlab.UnfoldLab-%1.png").arg(size), QSize(size, size));
  QApplication::setWindowIcon(icon);
  Screenshot screenshotFile(screenshot);
  if (!screenshot.isEmpty() && !screenshotFile.check(sessionPath)) return 2;
  // A bad session or preset is refused before any window appears (message, exit code 2).
  std::optional<unfold::ui::Session> session;
  if (!sessionPath.isEmpty() || !preset.isEmpty()) {
    QString error;
    session = preset.isEmpty() ? unfold::ui::readSessionFile(sessionPath, &error) : unfold::ui::readPreset(preset, &error);
    if (!session) {
      std::cerr << "unfoldlab: " << unfold::printableText(error.toStdString()) << "\n";
      return 2;
    }
  }
  if (plane) {  // the 2-D Lasso view on its own (teaching; with --screenshot, the whole paths)
    unfold::ui::LassoPlaneView view;
    if (screenshot.isEmpty()) unfold::ui::fitToScreen(view);
    view.show();
    if (!screenshot.isEmpty()) {
      QObject::connect(&view, &unfold::ui::LassoPlaneView::pictureShown, &app, [&] {
        view.showAllSteps();
        QTimer::singleShot(200, &app, [&] { app.exit(screenshotFile.save(view.grab()) ? 0 : 1); });
      });
    }
    return app.exec();
  }
  unfold::ui::MainWindow window;
  if (screenshot.isEmpty()) unfold::ui::fitToScreen(window);  // a screenshot keeps the designed 1600 x 950
  window.show();
  bool runFailed = false;
  if (!screenshot.isEmpty()) {
    // Headless: a refused run is an error on stderr and exit code 2, not a dialog nobody sees.
    window.setDialogsEnabled(false);
    QObject::connect(&window, &unfold::ui::MainWindow::runFailed, &app, [&](const QString& message) {
      std::cerr << "unfoldlab: " << unfold::printableText(message.toStdString()) << "\n";
      runFailed = true;
      app.exit(2);
    });
    QObject::connect(&window, &unfold::ui::MainWindow::runFinished, &app, [&] {
      if (runFailed) return;
      // Let the queued replot happen before grabbing.
      QTimer::singleShot(200, &app, [&] {
        app.exit(screenshotFile.save(window.grab()) ? 0 : 1);
      });
    });
  }
  if (lesson > 0) {  // the lessons dock, at the first step of lesson N (which sets up its run)
    if (lesson > window.lessonPanel()->lessonCount()) {
      std::cerr << "unfoldlab: there are " << window.lessonPanel()->lessonCount() << " lessons\n";
      return 2;
    }
    window.restoreClosedPlots();
    window.showLessons();
    window.lessonPanel()->startLesson(lesson - 1);
  } else if (session && !screenshot.isEmpty()) {
    window.applySession(*session, sessionPath);  // a picture: the designed layout, and its run to the end
  } else if (session) {
    window.openAtLaunch(*session, sessionPath);
  } else if (!screenshot.isEmpty()) {
    window.startDefaultRun();  // reproducible pictures: the defaults
  } else {
    window.restoreLastSession();
  }
  return app.exec();
}

// `unfoldlab bench`'s rows about the workbench: the UI thread's worst delay while a training run is
// plotted, and what drawing costs the computation (goals only at full size).
std::vector<unfold::cli::BenchmarkResult> workbenchBenchmarks(bool quick) {
  const unfold::ui::UiLatencyResult r = unfold::ui::measureUiLatency(unfold::ui::latencyBenchmarkSettings(quick));
  const auto goal = [quick](double target) { return quick ? std::nullopt : std::optional<double>(target); };
  char detail[256];
  std::snprintf(detail, sizeof detail, "UI event loop while solvers and 2 networks (T=%d) run, %d redraws in %.2f s",
                r.settings.layers, r.redraws, r.windowedSeconds);
  std::vector<unfold::cli::BenchmarkResult> rows;
  rows.push_back({"ui_worst_latency", r.worstLatencyMs, "ms", detail, goal(50.0)});
  std::snprintf(detail, sizeof detail, "run with plots %.2f s / same run, nothing drawn %.2f s", r.windowedSeconds,
                r.headlessSeconds);
  rows.push_back({"ui_plotting_slowdown", r.windowedSeconds / r.headlessSeconds, "x", detail, goal(1.10)});
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  // Two notes of Qt's platform layer that say nothing to a user and would sit in every report, log and
  // error message: the offscreen platform cannot resize windows, and a server or batch job without a
  // session has no XDG_RUNTIME_DIR (Qt then uses a private folder of its own, which is all we need).
  standardMessageHandler = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (!message.contains("propagateSizeHints") && !message.startsWith("QStandardPaths: XDG_RUNTIME_DIR not set"))
      standardMessageHandler(type, context, message);
  });
  const QStringList arguments = argumentsOf(argc, argv);
  unfold::cli::removeTemporariesOnFatalSignals();
  unfold::cli::registerCommand("reproduce", unfold::reproduce::runReproduce);
  if (!arguments.isEmpty() && (arguments.front() == "bench" || arguments.front() == "reproduce")) {
    // The workbench rows and the figures need widgets: drawn offscreen unless the user chose a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    unfold::cli::registerExtraBenchmarks(&workbenchBenchmarks);
    return unfold::cli::runCommandLine(arguments, std::cout, std::cerr);
  }
  if (unfold::cli::isHeadlessCommand(arguments)) {
    QCoreApplication app(argc, argv);
    return unfold::cli::runCommandLine(arguments, std::cout, std::cerr);
  }
  return runGui(argc, argv, arguments);
}
