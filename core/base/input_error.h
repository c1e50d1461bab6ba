// The one exception type for bad user input (files, shapes, values). Its message is meant for the user:
// it names the file, line/column or field at fault. The command line prints it and exits non-zero; the
// GUI shows it in a dialog.
#pragma once

#include <stdexcept>
#include <string>

namespace unfold {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace unfold
