// MainWindow's teaching side: the Teach menu, the lessons dock and what a lesson step does (load a
// preset, raise a plot, inspect a signal, open the 2-D Lasso view, attack the run's network).
#include "window/main_window.h"

#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "window/fit_to_screen.h"
#include "window/robustness_panel.h"
#include "window/settings_panel.h"

#include <QDockWidget>
#include <QPushButton>
#include <QScreen>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>

namespace unfold::ui {

namespace {

constexpr int kLoadMessageMs = 15000;  // how long the status bar says a lesson replaced the person's problem
constexpr const char* kLessonKey = "lessonAt";  // QSettings: {title, step}

// Puts `view` (a window of its own) beside the lessons dock, on the side of the screen with more room,
// so that a lesson step never hides its own text and its Next button. Too little room: the view keeps
// its minimum width and runs off the screen's edge rather than cover the lesson.
// A window not shown yet has no frame: room is kept for one (a title bar and borders), else its bottom
// (the Export buttons) falls off a short screen.
constexpr QSize kAssumedFrame(16, 48);
void placeBeside(QWidget* view, QDockWidget* lessons) {
  const QRect dock(lessons->mapToGlobal(QPoint(0, 0)), lessons->size());
  const QScreen* screen = lessons->screen();
  const QRect available = screen ? screen->availableGeometry() : QRect(dock.topLeft(), QSize(1920, 1080));
  const QRect frame = view->frameGeometry(), inner = view->geometry();
  const bool framed = frame != inner;
  const int frameWidth = framed ? frame.width() - inner.width() : kAssumedFrame.width();
  const int frameHeight = framed ? frame.height() - inner.height() : kAssumedFrame.height();
  const int rightRoom = available.right() - dock.right(), leftRoom = dock.left() - available.left();
  const bool right = rightRoom >= leftRoom;
  const int room = (right ? rightRoom : leftRoom) - frameWidth - 8;
  const int width = std::max(view->minimumSizeHint().width(), std::min(view->width(), room));
  const int height = std::max(view->minimumSizeHint().height(), std::min(view->height(), available.height() - frameHeight));
  view->resize(width, height);
  const int x = right ? dock.right() + 8 : dock.left() - 8 - width - frameWidth;
  view->move(x, std::max(available.top(), std::min(dock.top(), available.bottom() - height - frameHeight)));
}

}  // namespace

void MainWindow::buildLessonsDock() {
  lessons_ = new LessonPanel;
  lessonsDock_ = new QDockWidget("Lessons", this);
  lessonsDock_->setObjectName("lessons");
  lessonsDock_->setWidget(lessons_);
  addDockWidget(Qt::LeftDockWidgetArea, lessonsDock_);
  lessonsDock_->hide();
  connect(lessons_, &LessonPanel::stepShown, this, &MainWindow::carryOut);
  connect(lessons_, &LessonPanel::stepShown, this, &MainWindow::rememberLesson);
  // A resumed step's preset is not loaded again: the form holds the problem as the person left it.
  connect(lessons_, &LessonPanel::stepResumed, this, [this](LessonStep step) {
    step.preset.clear();
    carryOut(step);
  });
  // Closed by the person (not by the window's own closing or minimizing, which hide every dock).
  connect(lessonsDock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
    if (!visible && isVisible() && !isMinimized() && lessonsDock_->isHidden()) QSettings().remove(kLessonKey);
  });
  // A lesson opens the 2-D view when a step needs it; the next lesson starts without it (left open, it
  // would stand behind the workbench). A view the user opened stays.
  connect(lessons_, &LessonPanel::lessonStarted, this, [this] {
    if (plane_ && planeFromLesson_) plane_->close();
    planeFromLesson_ = false;
  });
}

void MainWindow::rememberLesson() {
  QSettings().setValue(kLessonKey, QStringList{lessons_->currentLesson().title, QString::number(lessons_->currentStep())});
}

void MainWindow::forgetLessonUnlessShown() {
  // A launch that never showed the lesson (--preset, --session) left its own problem as the last: the
  // next launch resumed the lesson's step over a problem it does not describe.
  if (lessonsDock_->isHidden()) QSettings().remove(kLessonKey);
}

void MainWindow::resumeLesson() {
  // By title: another version's lessons may stand in another order.
  const QStringList at = QSettings().value(kLessonKey).toStringList();
  bool whole = false;
  const int step = at.size() == 2 ? at[1].toInt(&whole) : -1;
  if (!whole || !lessons_->resumeAt(lessons_->lessonIndex(at[0]), step)) return;
  showLessons();  // with the room a lesson's text takes
}

void MainWindow::buildTeachMenu() {
  QMenu* teach = menuBar()->addMenu("&Teach");
  teach->addAction("&Lessons", QKeySequence("Ctrl+L"), this, &MainWindow::showLessons);
  teach->addAction("&2-D Lasso view", QKeySequence("Ctrl+2"), this, &MainWindow::openPlaneView);
}

void MainWindow::showLessons() {
  // However the lessons were opened, the welcome has done its job (it offers the first lesson): the
  // lesson takes over, and the cost plot its room.
  welcome_->dismiss();
  lessonsDock_->show();
  lessonsDock_->raise();
  // The lesson's text the larger part of the column: a student reads it at every step, the form above
  // (which scrolls) is rarely touched during a lesson; at half the height texts stopped mid-sentence.
  resizeDocks({experimentDock_, lessonsDock_}, {height() * 3 / 10, height() * 7 / 10}, Qt::Vertical);
}

LassoPlaneView* MainWindow::openPlaneView() {
  if (!plane_) {
    plane_ = new LassoPlaneView;  // a window of its own, next to the workbench
    plane_->setAttribute(Qt::WA_DeleteOnClose);
    fitToScreen(*plane_);
    // During a lesson (opened from the menu as from a step): beside it, Next within reach. Once open,
    // the window stays where the user put it.
    if (lessonsDock_->isVisible()) placeBeside(plane_, lessonsDock_);
  }
  plane_->show();
  plane_->raise();
  plane_->activateWindow();
  return plane_;
}

void MainWindow::revealSetting(const QString& name) {
  QWidget* field = settings_->findChild<QWidget*>(name);
  auto* scroll = qobject_cast<QScrollArea*>(experimentDock_->widget());
  if (!field || !scroll) return;
  experimentDock_->show();
  experimentDock_->raise();
  // Its row whole: λ's slider, whose tick marks reach below the box, and label stand beside it.
  scroll->ensureWidgetVisible(field, 8, 16);
}

void MainWindow::updateLessonRunNote() {
  if (!lessons_ || lessons_->currentStep() < 0) return;  // no lesson started
  int trained = 0;
  for (const NetworkCurve& n : shown_.networks) trained += n.trained;
  // Before the run's first snapshot, what it was asked to train.
  const bool current = shown_.generation == latestGeneration_;
  const bool toTrain = current ? shown_.request.anyNetwork() && trained < shown_.networksPlanned : settings_->settings().anyNetwork();
  lessons_->setRunNote(running_ && toTrain ? QString("The run has not trained its networks yet (the status bar says how far it is): "
                                                     "what this step says of them shows once they are.")
                                           : QString());
}

void MainWindow::carryOut(const LessonStep& step) {
  if (!step.preset.isEmpty()) {
    QString error;
    if (const auto session = readPreset(step.preset, &error)) {
      applySession(*session);
      // It replaced a problem of the person's own (not the first launch's default): say how to get it back.
      if (undoLoadAction_->isEnabled() && beforeLoad_->session.settings != ExperimentSettings{})
        statusBar()->showMessage(QString("The lesson loaded the %1 preset: Ctrl+Z (File → Back to the earlier problem) brings "
                                         "yours back").arg(step.preset), kLoadMessageMs);
    } else {
      QMessageBox::warning(this, "Lessons", error);
    }
  }
  if (plotDocks_.contains(step.show)) {
    plotDocks_[step.show]->show();
    plotDocks_[step.show]->raise();
  }
  if (!step.field.isEmpty()) revealSetting(step.field);
  if (step.inspectSignal >= 0 && step.inspectMethod) settings_->setInspection(*step.inspectMethod, step.inspectSignal);
  else if (step.inspectSignal >= 0) settings_->setInspectedSignal(step.inspectSignal);
  if (step.inspectUnderNetwork) robustness_->setInspectedMethod(*step.inspectUnderNetwork);
  if (step.attackSteps == 0 && !step.inspectUnderNetwork && robustnessInspection_) {
    robustnessInspection_.reset();  // a step about something else: the plots show the run's signals again
    showInspected();
  }
  if (step.attackSteps > 0) robustness_->attackWhenReady(step.attackSteps, !step.preset.isEmpty() || running_);
  if (step.plane) {
    planeFromLesson_ |= !plane_ || !plane_->isVisible();
    LassoPlaneView* view = openPlaneView();
    view->startFrom(step.planeStart);
    placeBeside(view, lessonsDock_);
    lessonsDock_->show();  // the lesson stays in sight, Next within reach
    lessonsDock_->raise();
  }
}

}  // namespace unfold::ui
