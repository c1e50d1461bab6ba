// The message of the InputError a call throws, or "no error": for tests of what a reader or a command
// refuses and how it says so.
#pragma once

#include "base/input_error.h"

#include <QString>

#include <functional>

inline QString errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const unfold::InputError& e) {
    return e.what();
  }
  return "no error";
}
