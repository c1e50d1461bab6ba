// A JSON object that names a key twice is valid JSON, but Qt (like most readers) keeps only the last
// value: a hand-edited file with two "alpha" entries would load one of them without a word. The files the
// app reads (networks, sessions) are refused instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace unfold {

// The first key that stands twice in one object of `json`, as written (escapes kept); nullopt: none.
// `json` must already be valid JSON (QJsonDocument parsed it).
std::optional<std::string> firstDuplicateKey(std::string_view json);

}  // namespace unfold
