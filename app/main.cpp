// unfoldlab: with no arguments, the workbench (GUI); with a subcommand, a headless run.
#include "commands.h"
#include "main_window.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <optional>
#include <cstdlib>
#include <iostream>

namespace {

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

// The window, optionally with --session FILE or --preset NAME; with --screenshot OUT.png it runs to
// completion, saves the window and exits (for tests and the README pictures).
int runGui(int argc, char** argv, const QStringList& arguments) {
  QString screenshot, sessionPath, preset;
  for (int i = 0; i < arguments.size(); ++i) {
    if (arguments[i] == "--screenshot" && i + 1 < arguments.size()) {
      screenshot = arguments[++i];
    } else if (arguments[i] == "--session" && i + 1 < arguments.size()) {
      sessionPath = arguments[++i];
    } else if (arguments[i] == "--preset" && i + 1 < arguments.size()) {
      preset = arguments[++i];
    } else {
      std::cerr << "unfoldlab: unknown option '" << arguments[i].toStdString() << "' (see unfoldlab --help)\n";
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
  // A bad session or preset is refused before any window appears (message, exit code 2).
  std::optional<unfold::ui::Session> session;
  if (!sessionPath.isEmpty() || !preset.isEmpty()) {
    QString error;
    session = preset.isEmpty() ? unfold::ui::readSessionFile(sessionPath, &error) : unfold::ui::readPreset(preset, &error);
    if (!session) {
      std::cerr << "unfoldlab: " << error.toStdString() << "\n";
      return 2;
    }
  }
  unfold::ui::MainWindow window;
  window.show();
  if (!screenshot.isEmpty()) {
    QObject::connect(&window, &unfold::ui::MainWindow::runFinished, &app, [&] {
      // Let the queued replot happen before grabbing.
      QTimer::singleShot(200, &app, [&] {
        const bool saved = window.grab().save(screenshot);
        if (saved) std::cout << "wrote " << screenshot.toStdString() << "\n";
        else std::cerr << "unfoldlab: cannot write " << screenshot.toStdString() << "\n";
        app.exit(saved ? 0 : 1);
      });
    });
  }
  if (session) window.applySession(*session);
  else if (!screenshot.isEmpty()) window.startDefaultRun();  // reproducible pictures: the defaults
  else window.restoreLastSession();
  return app.exec();
}

}  // namespace

int main(int argc, char** argv) {
  const QStringList arguments = argumentsOf(argc, argv);
  if (unfold::cli::isHeadlessCommand(arguments)) {
    QCoreApplication app(argc, argv);
    return unfold::cli::runCommandLine(arguments, std::cout, std::cerr);
  }
  return runGui(argc, argv, arguments);
}
