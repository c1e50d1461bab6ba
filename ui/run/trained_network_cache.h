// The networks trained for the last few training settings (sameTrainingSettings), kept for reuse: a
// lesson that loads a preset, another, then the first again trained the first preset's networks twice.
// Training is deterministic, so a network kept is the one training would give again.
#pragma once

#include "run/convergence_snapshot.h"
#include "run/experiment_settings.h"

#include <list>
#include <utility>

namespace unfold::ui {

class TrainedNetworkCache {
 public:
  static constexpr std::size_t kSettingsKept = 4;  // a lesson's presets; a network is at most a few MB

  // The networks kept for settings that train as `settings` do (empty if none).
  TrainedNetworks find(const ExperimentSettings& settings) const {
    for (const auto& [trainedFor, networks] : entries_)
      if (sameTrainingSettings(trainedFor, settings)) return networks;
    return {};
  }
  // Keeps `networks`, trained for `settings`, beside those kept for the same settings (the latest first).
  void keep(const ExperimentSettings& settings, const TrainedNetworks& networks) {
    TrainedNetworks merged = networks;
    for (auto entry = entries_.begin(); entry != entries_.end(); ++entry)
      if (sameTrainingSettings(entry->first, settings)) {
        merged.insert(entry->second.begin(), entry->second.end());  // those just trained win
        entries_.erase(entry);
        break;
      }
    if (merged.empty()) return;
    entries_.emplace_front(settings, std::move(merged));
    if (entries_.size() > kSettingsKept) entries_.pop_back();
  }

 private:
  std::list<std::pair<ExperimentSettings, TrainedNetworks>> entries_;
};

}  // namespace unfold::ui
