#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace unfold::cli {

namespace {
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted.store(true); }
}  // namespace

CtrlCStops::CtrlCStops() {
  interrupted.store(false);
  previous_ = std::signal(SIGINT, onInterrupt);
}

CtrlCStops::~CtrlCStops() { std::signal(SIGINT, previous_); }

bool CtrlCStops::pressed() { return interrupted.load(); }

}  // namespace unfold::cli
