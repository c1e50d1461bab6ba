#include "window/welcome_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTextDocument>

#include <algorithm>

namespace unfold::ui {

namespace {
constexpr const char* kDismissedKey = "welcomeDismissed";
}

WelcomeBanner::WelcomeBanner(QWidget* parent) : QFrame(parent) {
  setObjectName("welcome");
  setFrameShape(QFrame::StyledPanel);
  setStyleSheet("#welcome { background: #fff8e1; border: 1px solid #e0c068; }");
  auto* text = new QLabel;
  text_ = text;
  setRunStarted(false);
  text->setWordWrap(true);
  text->setMinimumWidth(200);
  text->setTextFormat(Qt::RichText);
  text->installEventFilter(this);
  connect(text, &QLabel::linkActivated, this, [this](const QString& link) {
    if (link == "run") emit runRequested();
    else emit lessonRequested();
  });
  auto* close = new QPushButton("Got it");
  close->setObjectName("welcomeDismiss");
  close->setToolTip("Hide this welcome for good");
  connect(close, &QPushButton::clicked, this, &WelcomeBanner::dismiss);
  auto* row = new QHBoxLayout(this);
  row->addWidget(text, 1);
  row->addWidget(close, 0, Qt::AlignTop);
}

void WelcomeBanner::setRunStarted(bool started) {
  if (runStarted_ == started && !text_->text().isEmpty()) return;  // every run asks: the text is laid out once
  runStarted_ = started;
  showText();
}

QString WelcomeBanner::fullText(bool runStarted) const {
  const QString plots = "the <b>cost decrease</b> shows here, one signal's <b>support</b> and <b>L<sub>S</sub>/L</b> (the "
                        "room for longer steps) below, what trained networks learn on the right.";
  return "<b>Welcome to Unfold Lab.</b> " +
         (runStarted ? "For the problem on the left, " + plots + " Space pauses, F10 steps, <a href='run'><b>F5</b></a> runs again."
                      : "<a href='run'><b>Run (F5)</b></a> solves the problem on the left with ISTA, FISTA and "
                        "OISTA: " + plots + " Space pauses, F10 steps.") +
         " New here? <a href='lesson'>Start the first lesson</a>.";
}

QString WelcomeBanner::shortText(bool runStarted) const {
  const QString plots = "one signal's <b>support</b> and <b>L<sub>S</sub>/L</b> below, networks on the right.";
  return "<b>Welcome.</b> " +
         (runStarted ? "Cost decrease here, " + plots + " Space pauses, F10 steps, <a href='run'><b>F5</b></a> runs again."
                      : "<a href='run'><b>Run (F5)</b></a> solves the problem on the left: cost decrease here, " + plots) +
         " <a href='lesson'>First lesson</a>.";
}

int WelcomeBanner::heightOf(const QString& text) const {
  QLabel probe;
  probe.setWordWrap(true);
  probe.setTextFormat(Qt::RichText);
  probe.setFont(text_->font());
  probe.setText(text);
  return probe.heightForWidth(text_->width());
}

void WelcomeBanner::showText() {
  // In a narrow column (a 1024-px laptop window) the whole text took five lines over the cost plot: a
  // shorter one says the same in fewer. Both texts, before and after the first run, take the same form and
  // height: the plots under the banner moved down a line the moment the first results showed.
  if (text_->width() > 0) {
    const int most = kMostLines * text_->fontMetrics().lineSpacing() + 4;
    compact_ = heightOf(fullText(false)) > most || heightOf(fullText(true)) > most;
    const auto shownFor = [this](bool runStarted) { return compact_ ? shortText(runStarted) : fullText(runStarted); };
    text_->setMinimumHeight(std::max(heightOf(shownFor(false)), heightOf(shownFor(true))));
  }
  const QString shown = compact_ ? shortText(runStarted_) : fullText(runStarted_);
  if (text_->text() != shown) text_->setText(shown);
  QTextDocument whole;
  whole.setHtml(fullText(runStarted_));
  text_->setToolTip(compact_ ? whole.toPlainText() : QString());
}

bool WelcomeBanner::eventFilter(QObject* watched, QEvent* event) {
  // The text's own width, once its layout has set it (the banner's resize comes before).
  if (watched == text_ && event->type() == QEvent::Resize) showText();
  return QFrame::eventFilter(watched, event);
}

QString WelcomeBanner::text() const {
  QTextDocument document;
  document.setHtml(text_->text());
  return document.toPlainText();
}

bool WelcomeBanner::dismissedBefore() { return QSettings().value(kDismissedKey, false).toBool(); }

void WelcomeBanner::dismiss() {
  QSettings().setValue(kDismissedKey, true);
  hide();
}

}  // namespace unfold::ui
