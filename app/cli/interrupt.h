// Ctrl-C as a request to stop a long computation where it is and keep what it reached (train, attack):
// while a CtrlCStops lives, SIGINT sets a flag instead of ending the process.
#pragma once

namespace unfold::cli {

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
