#include "io/json_duplicate_keys.h"

#include "base/quoted_text.h"

#include <QString>

#include <set>
#include <vector>

namespace unfold {

namespace {

// A JSON string's text (between its quotes) as the characters it stands for.
std::string decoded(std::string_view raw) {
  QString text;
  size_t run = 0;  // start of the bytes not yet appended
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) continue;
    text += QString::fromUtf8(raw.data() + run, qsizetype(i - run));
    const char e = raw[++i];
    if (e == 'u' && i + 4 < raw.size()) {  // a UTF-16 unit; a pair of them makes one character in QString
      text += QChar(char16_t(QString::fromLatin1(raw.data() + i + 1, 4).toUShort(nullptr, 16)));
      i += 4;
    } else {
      const std::string_view from = "bfnrt", to = "\b\f\n\r\t";
      const size_t k = from.find(e);
      text += QChar(k == std::string_view::npos ? e : to[k]);  // \" \\ \/ stand for themselves
    }
    run = i + 1;
  }
  text += QString::fromUtf8(raw.data() + run, qsizetype(raw.size() - run));
  return text.toStdString();
}

}  // namespace

std::optional<DuplicateKey> firstDuplicateKey(std::string_view json) {
  struct Level {
    bool object = false;
    bool expectingKey = false;  // in an object, after '{' or ','
    std::string place;          // where this object or array stands
    std::string lastKey;        // in an object: the key whose value comes next
    int index = 0;              // in an array: the element's index
    std::set<std::string> keys;
  };
  std::vector<Level> levels;
  const auto childPlace = [&levels] {
    if (levels.empty()) return std::string();
    const Level& parent = levels.back();
    // A message stays short (long keys nested deep made one of 1,500 bytes): past kMostPlace bytes the
    // place ends in "…", and deeper levels keep it.
    constexpr size_t kMostPlace = 160;
    constexpr std::string_view kElided = ".…";
    if (parent.place.ends_with(kElided)) return parent.place;
    std::string place = parent.object ? (parent.place.empty() ? quotedInput(parent.lastKey) : parent.place + "." + quotedInput(parent.lastKey))
                                      : (parent.place.empty() ? std::string("the array") : parent.place) + "[" + std::to_string(parent.index) + "]";
    return place.size() <= kMostPlace || parent.place.empty() ? place : parent.place + std::string(kElided);
  };
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      const size_t start = ++i;
      while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
      if (levels.empty() || !levels.back().object || !levels.back().expectingKey) continue;
      Level& level = levels.back();
      level.expectingKey = false;
      level.lastKey = decoded(json.substr(start, i - start));
      if (!level.keys.insert(level.lastKey).second)
        return DuplicateKey{level.lastKey, level.place.empty() ? "at the top level" : "in " + level.place};
    } else if (c == '{' || c == '[') {
      levels.push_back({c == '{', c == '{', childPlace(), {}, 0, {}});
    } else if (c == '}' || c == ']') {
      if (!levels.empty()) levels.pop_back();
    } else if (c == ',' && !levels.empty()) {
      if (levels.back().object) levels.back().expectingKey = true;
      else ++levels.back().index;
    }
  }
  return std::nullopt;
}

std::string duplicateKeyMessage(const DuplicateKey& duplicate) {
  return "the key " + quotedInput(duplicate.key) + " appears twice " + duplicate.where;
}

}  // namespace unfold
