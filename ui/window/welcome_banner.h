// The first-launch welcome, in the window itself (not a modal dialog): what the plots are, how to run,
// and a link to the first lesson. Closed with its button, and then never shown again.
#pragma once

#include <QFrame>

namespace unfold::ui {

class WelcomeBanner : public QFrame {
  Q_OBJECT
 public:
  explicit WelcomeBanner(QWidget* parent = nullptr);
  static bool dismissedBefore();  // QSettings
  void dismiss();                 // hides it for good

 signals:
  void lessonRequested();
  void runRequested();
};

}  // namespace unfold::ui
