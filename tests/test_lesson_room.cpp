// On a laptop's screen (1366 x 768, 1280 x 800) every lesson step's text shows whole beside the workbench:
// the text is what a student reads, the form above it what they rarely touch during a lesson (it scrolls).
// At half the column's height, lessons 3 and 4 stopped mid-sentence in four steps.
#include "shown_at.h"
#include "teaching/lesson_panel.h"
#include "window/main_window.h"

#include <QScrollBar>
#include <QTextBrowser>
#include <QtTest>

using namespace unfold::ui;

class TestLessonRoom : public QObject {
  Q_OBJECT
 private slots:
  void everyStepsTextShowsWhole_data() { addSizeRows({QSize(1366, 768), QSize(1280, 800)}); }
  void everyStepsTextShowsWhole() {
    QFETCH(QSize, size);
    MainWindow window;
    QVERIFY(shownAt(window, size));
    window.showLessons();
    LessonPanel* panel = window.lessonPanel();
    auto* text = panel->findChild<QTextBrowser*>();
    QVERIFY(text);
    QStringList cut;
    for (int lesson = 0; lesson < panel->lessonCount(); ++lesson) {
      panel->startLesson(lesson);
      for (int step = 0; step < panel->currentLesson().steps.size(); ++step) {
        if (step > 0) panel->next();
        QCoreApplication::processEvents();
        if (text->verticalScrollBar()->maximum() > 0) cut << QString("lesson %1 step %2").arg(lesson + 1).arg(step + 1);
      }
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(", ")));
  }
};

QTEST_MAIN(TestLessonRoom)
#include "test_lesson_room.moc"
