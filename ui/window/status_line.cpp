#include "window/status_line.h"

#include "run/run_status.h"

namespace unfold::ui {

QString statusForWidth(const QString& status, const QFontMetrics& metrics, int width) {
  if (metrics.horizontalAdvance(status) <= width) return status;
  const QStringList parts = status.split(kStatusSeparator);
  QString shown = parts.front();
  for (qsizetype k = 1; k < parts.size(); ++k) {
    const QString longer = shown + kStatusSeparator + parts[k];
    if (metrics.horizontalAdvance(longer) <= width) {
      shown = longer;
      continue;
    }
    // A part that says what and then why ("ALISTA collapsed to z = 0: its W is not D, …") keeps what and
    // as many whole words of why as fit: the what is news, and a long run state had crowded it out.
    const qsizetype colon = parts[k].indexOf(": ");
    if (colon < 0) break;
    const QString ellipsis = "…";
    for (qsizetype end = parts[k].lastIndexOf(' '); end > colon + 1; end = parts[k].lastIndexOf(' ', end - 1)) {
      const QString cut = shown + kStatusSeparator + parts[k].left(end) + ellipsis;
      if (metrics.horizontalAdvance(cut) <= width) return cut;
    }
    break;
  }
  return metrics.elidedText(shown, Qt::ElideRight, width);
}

StatusLine::StatusLine(const QString& status, QWidget* parent) : QLabel(parent) { setStatus(status); }

void StatusLine::setStatus(const QString& status) {
  status_ = status;
  fit();
}

QSize StatusLine::minimumSizeHint() const { return {0, QLabel::minimumSizeHint().height()}; }

void StatusLine::resizeEvent(QResizeEvent* event) {
  QLabel::resizeEvent(event);
  fit();
}

void StatusLine::fit() {
  const QString shown = statusForWidth(status_, fontMetrics(), contentsRect().width());
  if (shown != text()) setText(shown);
  const QString tip = shown == status_ ? QString() : status_;
  if (tip != toolTip()) setToolTip(tip);
}

}  // namespace unfold::ui
