// What the Fig. 6 protocol trains (networks_protocol.cpp): how many signals, which depths, how many steps
// and how. With GD it is the paper's protocol: every network from ISTA's initialization, 3,000 steps. With
// L-BFGS (the default) each depth starts from the trained shallower network of its setting, and training
// stops when the test gap stalls, which makes the full protocol hours instead of weeks (README, "Time to
// quality in training"). The text of a protocol (describe) is saved in its folder, so that runs of
// different protocols never mix.
#pragma once

#include "networks/network_trainer.h"

#include <string>
#include <vector>

namespace unfold::reproduce {

enum class Scale;

struct Protocol {
  int signalCount = 10000, iterations = 3000;
  std::vector<int> depths;
  Optimizer optimizer = Optimizer::GradientDescent;
  bool fromShallower = false;  // depth T starts from the trained previous depth of the same setting
  int stallWindow = 0;         // TrainingSettings::stallWindow, stallProgress
  double stallProgress = 0.0;
  std::string describe() const;
  // How every network of the protocol is trained (the stall rule's floor is the test set's mean F*).
  TrainingSettings training(double testLossFloor, int stepsDone) const;
};

// The protocol of a scale, optimizer and, when given (> 0, not empty), another size and depths.
Protocol protocolFor(Scale scale, Optimizer optimizer, int signalCount = 0, const std::vector<int>& depths = {});

// "1-30", "5,10,20" or a mix ("1-5,10"): increasing depths 1..kMaxProtocolDepth; empty otherwise.
std::vector<int> parseDepths(const std::string& text);
inline constexpr int kMaxProtocolDepth = 200;

std::string optimizerLabel(Optimizer optimizer);  // "L-BFGS", for captions

}  // namespace unfold::reproduce
