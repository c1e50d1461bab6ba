#include "io/json_duplicate_keys.h"

#include <set>
#include <vector>

namespace unfold {

std::optional<std::string> firstDuplicateKey(std::string_view json) {
  struct Level {
    bool object = false;
    bool expectingKey = false;  // in an object, after '{' or ','
    std::set<std::string_view> keys;
  };
  std::vector<Level> levels;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      const size_t start = ++i;
      while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
      if (levels.empty() || !levels.back().object || !levels.back().expectingKey) continue;
      levels.back().expectingKey = false;
      const std::string_view key = json.substr(start, i - start);
      if (!levels.back().keys.insert(key).second) return std::string(key);
    } else if (c == '{' || c == '[') {
      levels.push_back({c == '{', c == '{', {}});
    } else if (c == '}' || c == ']') {
      if (!levels.empty()) levels.pop_back();
    } else if (c == ',' && !levels.empty() && levels.back().object) {
      levels.back().expectingKey = true;
    }
  }
  return std::nullopt;
}

}  // namespace unfold
