#include "protocol_spec.h"

#include "reproduce.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace unfold::reproduce {

namespace {
// The stall rule of the fast protocol: stop once the test gap has fallen by less than 1 % over the last
// 20 steps (measured against GD on a scaled protocol: README, "The full Fig. 6 protocol").
constexpr int kStallWindow = 20;
constexpr double kStallProgress = 0.01;
// And after 100 steps at most: started from the depth before, the simulated networks stall within 20-90
// steps; LISTA-CP on digits keeps gaining a little for 700-1,000 steps, which alone would take the
// full protocol past 10 hours.
constexpr int kMostStepsFromShallower = 100;

std::optional<int> depthNumber(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}
}  // namespace

std::string Protocol::describe() const {
  std::string out = "signals=" + std::to_string(signalCount) + " iterations=" + std::to_string(iterations) + " depths=";
  for (int t : depths) out += std::to_string(t) + (t == depths.back() ? "" : ",");
  // A GD protocol says nothing about its optimizer, as before optimizers could be chosen, so that folders
  // of those runs still resume.
  if (optimizer != Optimizer::GradientDescent) out += " optimizer=" + optimizerName(optimizer);
  if (fromShallower) out += " start=shallower";
  if (stallWindow > 0) {
    std::ostringstream stall;
    stall << " stall=" << stallWindow << "/" << stallProgress;
    out += stall.str();
  }
  return out + "\n";
}

TrainingSettings Protocol::training(double testLossFloor, int stepsDone) const {
  TrainingSettings t;
  t.optimizer = optimizer;
  t.maxIterations = std::max(1, iterations - stepsDone);
  t.stallWindow = stallWindow;
  t.stallProgress = stallProgress;
  t.testLossFloor = testLossFloor;
  return t;
}

Protocol protocolFor(Scale scale, Optimizer optimizer, int signalCount, const std::vector<int>& depths) {
  Protocol p;
  if (scale == Scale::Full) {
    for (int t = 1; t <= 30; ++t) p.depths.push_back(t);
  } else if (scale == Scale::Quick) {
    p = {500, 100, {1, 2, 5, 10, 20}};
  } else {
    p = {40, 5, {1, 3}};
  }
  if (signalCount > 0) p.signalCount = signalCount;
  if (!depths.empty()) p.depths = depths;
  p.optimizer = optimizer;
  if (optimizer != Optimizer::GradientDescent) {
    p.fromShallower = true;
    p.stallWindow = kStallWindow;
    p.stallProgress = kStallProgress;
    p.iterations = std::min(p.iterations, kMostStepsFromShallower);
  }
  return p;
}

std::vector<int> parseDepths(const std::string& text) {
  std::vector<int> depths;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (comma != std::string_view::npos && rest.empty()) return {};
    const size_t dash = item.find('-');
    const auto first = depthNumber(item.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : depthNumber(item.substr(dash + 1));
    if (!first || !last || *first < 1 || *last < *first || *last > kMaxProtocolDepth) return {};
    if (!depths.empty() && *first <= depths.back()) return {};
    for (int t = *first; t <= *last; ++t) depths.push_back(t);
  }
  return depths;
}

std::string optimizerLabel(Optimizer optimizer) {
  switch (optimizer) {
    case Optimizer::GradientDescent: return "GD";
    case Optimizer::Adam: return "Adam";
    case Optimizer::Lbfgs: return "L-BFGS";
  }
  return {};
}

}  // namespace unfold::reproduce
