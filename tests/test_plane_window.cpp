// The 2-D view opened from the Teach menu (Ctrl+2) during a lesson stands beside the lesson, as a lesson
// step puts it: at 1280 x 800 it opened over the Lessons panel and hid Next.
#include "shown_at.h"
#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "window/main_window.h"

#include <QDockWidget>
#include <QPushButton>
#include <QtTest>

using namespace unfold::ui;

class TestPlaneWindow : public QObject {
  Q_OBJECT
 private slots:
  void theMenusPlaneStandsBesideTheLesson() {
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1280, 800)));
    window.showLessons();
    window.lessonPanel()->startLesson(0);
    QAction* open = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
      if (action->shortcut() == QKeySequence("Ctrl+2")) open = action;
    QVERIFY(open);
    open->trigger();
    LassoPlaneView* plane = nullptr;  // a window of its own
    for (QWidget* w : QApplication::topLevelWidgets()) plane = plane ? plane : qobject_cast<LassoPlaneView*>(w);
    QVERIFY(plane && plane->isVisible());
    QDockWidget* lessons = window.findChild<QDockWidget*>("lessons");
    const QPushButton* next = window.lessonPanel()->nextButton();
    const QRect nextAt(next->mapToGlobal(QPoint(0, 0)), next->size());
    const QRect dockAt(lessons->mapToGlobal(QPoint(0, 0)), lessons->size());
    QTRY_VERIFY(!plane->frameGeometry().intersects(dockAt));
    QVERIFY(!plane->frameGeometry().intersects(nextAt));
    plane->close();
  }
};

QTEST_MAIN(TestPlaneWindow)
#include "test_plane_window.moc"
