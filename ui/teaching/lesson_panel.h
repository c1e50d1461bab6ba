// Guided lessons: a side panel with short texts, a few steps each, that set up a preset, point at a
// plot and say what to look at. The texts live in resources/lessons/*.json (title, steps: text in HTML,
// and optionally a preset to load, a plot to show, a signal to inspect, the 2-D view to open, with the
// state it starts from); the window carries out each step's actions.
#pragma once

#include "lasso/solver.h"
#include "run/plane_picture.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace unfold::ui {

struct LessonStep {
  QString text;            // HTML
  QString preset;          // load this preset (empty: keep the current run)
  QString show;            // raise this plot: cost, support, ratio, steps, coupling, training
  // "field": a setting the text asks the student to change (lambda, iterations, n, m, seed, layers,
  // trainingSteps): the Experiment form, above the lesson and short, scrolls to it.
  QString field;
  bool plane = false;      // open the 2-D Lasso view, fresh (no manual steps, t = 0) on planeStart:
  PlaneSettings planeStart;  // "plane": true (the defaults) or {"n": 1|2, "lambda": 0.3, "seed": 0}
  // With inspectSignal >= 0: inspect that signal, under inspectMethod or (none named) the method inspected.
  std::optional<Algorithm> inspectMethod;
  int inspectSignal = -1;
  // "robustness": {"attack": 30, "under": "network" | "oista"}: attack the run's network (once trained)
  // with that many steps and inspect its worst attacked signal, under the network or OISTA; without
  // "attack", only switch what the signal inspected is shown under.
  int attackSteps = 0;
  std::optional<bool> inspectUnderNetwork;
};

struct Lesson {
  QString title;
  QVector<LessonStep> steps;
};

// The lessons shipped in the resources, in file-name order. `error` names a malformed file.
QVector<Lesson> loadLessons(QString* error = nullptr);
std::optional<Lesson> parseLesson(const QByteArray& json, const QString& source, QString* error);

class LessonPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LessonPanel(QWidget* parent = nullptr);
  void startLesson(int index);  // its first step
  void next();
  // The step before; from a lesson's first step, the first step of the lesson before (which sets up its
  // run: a later step would show it over the run of this one).
  void back();
  // The lesson and step a person was at when the window last closed, shown again without the steps before
  // it (the form already holds what they set up): stepResumed, not stepShown. False if there is none such.
  bool resumeAt(int lesson, int step);
  int lessonCount() const { return int(lessons_.size()); }
  int lessonIndex(const QString& title) const;  // -1: no lesson has that title
  int currentStep() const { return step_; }
  QPushButton* nextButton() const { return next_; }
  QPushButton* backButton() const { return back_; }
  const Lesson& currentLesson() const { return lessons_[lesson_]; }
  // A line under the step's text while the run it describes is not there yet (its networks train for
  // seconds or minutes, and Next is quicker); empty: none.
  void setRunNote(const QString& note);
  QString runNote() const;

 signals:
  void lessonStarted(int index);  // before its first step is shown
  void stepShown(const unfold::ui::LessonStep& step);
  void stepResumed(const unfold::ui::LessonStep& step);  // by resumeAt

 private:
  void showStep();
  void showStepText();  // the text, the counter and the buttons of the current step

  QVector<Lesson> lessons_;
  int lesson_ = 0, step_ = 0;
  QComboBox* choice_ = nullptr;
  QTextBrowser* text_ = nullptr;
  QLabel* counter_ = nullptr;
  QLabel* runNote_ = nullptr;
  QPushButton *back_ = nullptr, *next_ = nullptr;
};

}  // namespace unfold::ui
