// The first-launch welcome, in the window itself (not a modal dialog): what the plots are, how to run,
// and a link to the first lesson. Closed with its button, and then never shown again. Once a run has
// started (a click, a preset, a session) it no longer asks for one: it says where its results show.
#pragma once

#include <QFrame>

class QLabel;

namespace unfold::ui {

class WelcomeBanner : public QFrame {
  Q_OBJECT
 public:
  explicit WelcomeBanner(QWidget* parent = nullptr);
  static bool dismissedBefore();  // QSettings
  void dismiss();                 // hides it for good
  void setRunStarted(bool started);
  QString text() const;           // as shown, without its markup

 signals:
  void lessonRequested();
  void runRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  static constexpr int kMostLines = 3;  // the whole text's, else the short one
  QLabel* text_ = nullptr;
  bool runStarted_ = false;
  bool compact_ = false;
  QString fullText(bool runStarted) const;
  QString shortText(bool runStarted) const;
  int heightOf(const QString& text) const;  // as the label would wrap it at its width
  void showText();
};

}  // namespace unfold::ui
