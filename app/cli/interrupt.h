// Signals that end the process: what happens before they do, and Ctrl-C as a request to stop a long
// computation where it is and keep what it reached (train, attack).
#pragma once

namespace unfold::cli {

// SIGINT, SIGTERM, SIGHUP and SIGPIPE first remove the registered temporary files (io/temporary_files.h),
// then end the process as they would have (exit status 128 + signal for the shell). Call once at start.
void removeTemporariesOnFatalSignals();

// While a CtrlCStops lives, SIGINT sets a flag instead of ending the process.
class CtrlCStops {
 public:
  CtrlCStops();   // installs the handler and clears the flag
  ~CtrlCStops();  // restores the handler there was
  CtrlCStops(const CtrlCStops&) = delete;
  CtrlCStops& operator=(const CtrlCStops&) = delete;
  static bool pressed();

 private:
  void (*previous_)(int);
};

}  // namespace unfold::cli
