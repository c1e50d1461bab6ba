// One table of (value, name) pairs per enum gives both directions of the command-line names, so that
// parsing and printing cannot drift apart.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace unfold {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::optional<E> valueNamed(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [value, text] : table)
    if (text == name) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string nameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [v, text] : table)
    if (v == value) return std::string(text);
  return "?";
}

}  // namespace unfold
