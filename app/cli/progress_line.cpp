#include "progress_line.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace unfold::cli {

ProgressLine::ProgressLine(std::ostream& err, bool fromTheStart)
    : err_(err), fromTheStart_(fromTheStart), terminal_(&err == &std::cerr && ::isatty(STDERR_FILENO)) {}

double ProgressLine::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool ProgressLine::due(bool last) const {
  using namespace std::chrono_literals;
  const auto now = std::chrono::steady_clock::now();
  if (!fromTheStart_ && now - start_ < 2s) return false;
  return last || last_ == std::chrono::steady_clock::time_point{} || now - last_ >= (terminal_ ? 200ms : 10s);
}

void ProgressLine::show(const std::string& text, bool last) {
  if (!due(last)) return;
  last_ = std::chrono::steady_clock::now();
  lastShown_ = text;
  if (terminal_) {
    err_ << "\r" << text << " " << std::flush;
    shown_ = true;
  } else {
    err_ << text << "\n" << std::flush;
  }
}

void ProgressLine::finish(const std::string& finalText) {
  if (!finalText.empty() && finalText != lastShown_) show(finalText, true);
  if (shown_) err_ << "\n" << std::flush;
  shown_ = false;
}

std::function<bool(const ReferenceProgress&)> ProgressLine::referenceReporter() {
  return [this](const ReferenceProgress& p) {
    char text[160];
    if (p.hard == 0)
      std::snprintf(text, sizeof text, "reference: %ld/%ld signals, %.1f s", p.solved, p.total, seconds());
    else
      std::snprintf(text, sizeof text, "reference: %ld/%ld signals, hard ones (long runs) %ld/%ld, %.1f s", p.solved,
                    p.total, p.hardSolved, p.hard, seconds());
    show(text, p.solved == p.total && p.hard == p.hardSolved);
    return false;
  };
}

}  // namespace unfold::cli
