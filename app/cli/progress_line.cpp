#include "progress_line.h"

#include <cstdio>

namespace unfold::cli {

ProgressLine::ProgressLine(std::ostream& err, bool fromTheStart) : err_(err), fromTheStart_(fromTheStart) {}

double ProgressLine::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressLine::show(const std::string& text, bool last) {
  const auto now = std::chrono::steady_clock::now();
  if (!fromTheStart_ && now - start_ < std::chrono::seconds(2)) return;
  if (!last && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  err_ << "\r" << text << " " << std::flush;
  shown_ = true;
}

void ProgressLine::finish() {
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
