// A JSON object that names a key twice is valid JSON, but Qt (like most readers) keeps only the last
// value: a hand-edited file with two "alpha" entries would load one of them without a word. The files the
// app reads (networks, sessions) are refused instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace unfold {

struct DuplicateKey {
  std::string key;    // decoded, UTF-8 ("a\u0062" and "ab" are one key)
  std::string where;  // the object's place: "at the top level", "in 'training'", "in 'weights'[2]"
};

// The first key that stands twice in one object of `json`; nullopt: none. `json` must already be valid
// JSON (QJsonDocument parsed it).
std::optional<DuplicateKey> firstDuplicateKey(std::string_view json);

// "the key 'alpha' appears twice in 'weights'[2]" (the key quoted and escaped).
std::string duplicateKeyMessage(const DuplicateKey& duplicate);

}  // namespace unfold
