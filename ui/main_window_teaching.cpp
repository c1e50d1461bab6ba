// MainWindow's teaching side: the Teach menu, the lessons dock and what a lesson step does (load a
// preset, raise a plot, inspect a signal, open the 2-D Lasso view).
#include "main_window.h"

#include "lasso_plane_view.h"
#include "lesson_panel.h"
#include "settings_panel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSpinBox>

namespace unfold::ui {

void MainWindow::buildLessonsDock() {
  lessons_ = new LessonPanel;
  lessonsDock_ = new QDockWidget("Lessons", this);
  lessonsDock_->setObjectName("lessons");
  lessonsDock_->setWidget(lessons_);
  addDockWidget(Qt::LeftDockWidgetArea, lessonsDock_);
  lessonsDock_->hide();
  connect(lessons_, &LessonPanel::stepShown, this, &MainWindow::carryOut);
}

void MainWindow::buildTeachMenu() {
  QMenu* teach = menuBar()->addMenu("&Teach");
  teach->addAction("&Lessons", QKeySequence("Ctrl+L"), this, &MainWindow::showLessons);
  teach->addAction("&2-D Lasso view", QKeySequence("Ctrl+2"), this, &MainWindow::openPlaneView);
}

void MainWindow::showLessons() {
  lessonsDock_->show();
  lessonsDock_->raise();
  resizeDocks({experimentDock_, lessonsDock_}, {height() / 2, height() / 2}, Qt::Vertical);
}

LassoPlaneView* MainWindow::openPlaneView() {
  if (!plane_) {
    plane_ = new LassoPlaneView;  // a window of its own, next to the workbench
    plane_->setAttribute(Qt::WA_DeleteOnClose);
  }
  plane_->show();
  plane_->raise();
  plane_->activateWindow();
  return plane_;
}

void MainWindow::carryOut(const LessonStep& step) {
  if (!step.preset.isEmpty()) {
    QString error;
    if (const auto session = readPreset(step.preset, &error)) applySession(*session);
    else QMessageBox::warning(this, "Lessons", error);
  }
  if (plotDocks_.contains(step.show)) {
    plotDocks_[step.show]->show();
    plotDocks_[step.show]->raise();
  }
  if (step.inspectSignal >= 0) {
    settings_->methodChoice()->setCurrentText(step.inspectMethod);
    settings_->signalChoice()->setValue(step.inspectSignal);
  }
  if (step.plane) openPlaneView();
}

}  // namespace unfold::ui
