#include "interrupt.h"

#include "io/temporary_files.h"

#include <atomic>
#include <csignal>

namespace unfold::cli {

namespace {
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted.store(true); }

// Only async-signal-safe calls: unlink, sigaction, raise. The signal stays blocked until the handler
// returns, and is then delivered again with its default action.
extern "C" void removeTemporariesThenEnd(int signal) {
  removeRegisteredTemporaries();
  struct sigaction standard {};
  standard.sa_handler = SIG_DFL;
  sigemptyset(&standard.sa_mask);
  sigaction(signal, &standard, nullptr);
  raise(signal);
}
}  // namespace

void removeTemporariesOnFatalSignals() {
  struct sigaction action {};
  action.sa_handler = removeTemporariesThenEnd;
  sigemptyset(&action.sa_mask);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
    struct sigaction current {};
    sigaction(signal, nullptr, &current);
    if (current.sa_handler == SIG_IGN) continue;  // nohup's SIGHUP, a shell's SIGINT for background jobs
    sigaction(signal, &action, nullptr);
  }
}

CtrlCStops::CtrlCStops() {
  interrupted.store(false);
  previous_ = std::signal(SIGINT, onInterrupt);
}

CtrlCStops::~CtrlCStops() { std::signal(SIGINT, previous_); }

bool CtrlCStops::pressed() { return interrupted.load(); }

}  // namespace unfold::cli
