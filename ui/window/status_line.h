// The status bar's line: the run's status as parts separated by " · ", most important first (where the
// run is, the best gap, the problem, L, lambda_max). Where the bar has too little room (a small window,
// or the progress bar beside it) it shows the leading parts that fit, whole, rather than a part cut
// mid-word ("n = 6"), and the whole line in its tooltip. A first part too long alone ends in "…"; so
// does a part that says what, then why ("ALISTA collapsed to z = 0: its W …"), where its what and a word
// of its why fit.
#pragma once

#include <QLabel>

namespace unfold::ui {

// The leading parts of `status` (split at kStatusSeparator, run_status.h) that fit `width` pixels.
QString statusForWidth(const QString& status, const QFontMetrics& metrics, int width);

class StatusLine : public QLabel {
  Q_OBJECT
 public:
  explicit StatusLine(const QString& status, QWidget* parent = nullptr);
  void setStatus(const QString& status);
  QString status() const { return status_; }  // whole, as set
  // Any width: the line gives way to the progress bar and the window, never widens them.
  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fit();
  QString status_;
};

}  // namespace unfold::ui
