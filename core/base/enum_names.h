// One table of (value, name[, label]) entries per enum gives both directions of the command-line names,
// so that parsing and printing cannot drift apart; the optional label is the text for people (legends,
// messages) kept in the same row, so that a new value cannot get one and miss the other.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace unfold {

template <typename E>
struct NameEntry {
  E value;
  std::string_view name;
  std::string_view label = {};
};

template <typename E, std::size_t N>
using NameTable = std::array<NameEntry<E>, N>;

// Names match whatever their case: people type them as the labels show them ("--algo OISTA", "--net
// LISTA-CP"), and no two names of a table differ only in case.
template <typename E, std::size_t N>
std::optional<E> valueNamed(const NameTable<E, N>& table, std::string_view name) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const NameEntry<E>& entry : table)
    if (entry.name.size() == name.size() &&
        std::equal(name.begin(), name.end(), entry.name.begin(), [&](char a, char b) { return lower(a) == lower(b); }))
      return entry.value;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string nameOf(const NameTable<E, N>& table, E value) {
  for (const NameEntry<E>& entry : table)
    if (entry.value == value) return std::string(entry.name);
  return "?";
}

template <typename E, std::size_t N>
std::string labelOf(const NameTable<E, N>& table, E value) {
  for (const NameEntry<E>& entry : table)
    if (entry.value == value) return std::string(entry.label);
  return "?";
}

}  // namespace unfold
