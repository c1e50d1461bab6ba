#include "teaching/lesson_panel.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "io/bounded_file.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace unfold::ui {

namespace {
const QStringList kPlots{"cost", "support", "ratio", "steps", "coupling", "training", "robustness"};
const QStringList kFields{"lambda", "iterations", "n", "m", "seed", "layers", "trainingSteps"};  // the form's names
}  // namespace

std::optional<Lesson> parseLesson(const QByteArray& json, const QString& source, QString* error) {
  QJsonParseError parse;
  const QJsonObject root = QJsonDocument::fromJson(json, &parse).object();
  const auto fail = [&](const QString& message) {
    if (error) *error = source + ": " + message;
    return std::nullopt;
  };
  if (parse.error != QJsonParseError::NoError) return fail("not valid JSON (" + parse.errorString() + ")");
  Lesson lesson;
  lesson.title = root.value("title").toString();
  if (lesson.title.isEmpty()) return fail("'title' is missing");
  const QJsonArray steps = root.value("steps").toArray();
  if (steps.size() < 2 || steps.size() > 8) return fail("a lesson has 2 to 8 steps");
  for (const QJsonValue& v : steps) {
    const QJsonObject o = v.toObject();
    LessonStep step;
    step.text = o.value("text").toString();
    step.preset = o.value("preset").toString();
    step.show = o.value("show").toString();
    step.field = o.value("field").toString();
    if (o.value("plane").isObject()) {
      const QJsonObject plane = o.value("plane").toObject();
      step.plane = true;
      step.planeStart.n = plane.value("n").toInt(step.planeStart.n);
      step.planeStart.lambda = plane.value("lambda").toDouble(step.planeStart.lambda);
      step.planeStart.seed = quint64(plane.value("seed").toInteger(0));
      if (step.planeStart.n != 1 && step.planeStart.n != 2) return fail("'plane': n must be 1 or 2");
      if (!(step.planeStart.lambda > 0.0 && step.planeStart.lambda < 1.0)) return fail("'plane': lambda must be in (0, 1)");
    } else {
      step.plane = o.value("plane").toBool(false);
    }
    const QJsonObject inspect = o.value("inspect").toObject();
    step.inspectSignal = inspect.value("signal").toInt(-1);
    if (const QString method = inspect.value("method").toString(); !method.isEmpty()) {
      step.inspectMethod = parseAlgorithm(method.toLower().toStdString());
      if (!step.inspectMethod)
        return fail("'inspect': unknown method " + QString::fromStdString(quotedInput(method.toStdString())) +
                    " (ISTA, FISTA or OISTA)");
    }
    if (o.contains("robustness")) {
      if (!o.value("robustness").isObject()) return fail("'robustness' must be an object");
      const QJsonObject robustness = o.value("robustness").toObject();
      step.attackSteps = robustness.value("attack").toInt(0);
      if (robustness.contains("attack") && (step.attackSteps < 1 || step.attackSteps > 1000))
        return fail("'robustness': attack must be 1 to 1000 steps");
      if (const QString under = robustness.value("under").toString(); under == "network" || under == "oista")
        step.inspectUnderNetwork = under == "network";
      else if (robustness.contains("under"))
        return fail("'robustness': under must be \"network\" or \"oista\"");
    }
    if (step.text.isEmpty()) return fail("a step without 'text'");
    if (!step.show.isEmpty() && !kPlots.contains(step.show))
      return fail("'show': unknown plot " + QString::fromStdString(quotedInput(step.show.toStdString())) + " (one of " +
                  kPlots.join(", ") + ")");
    if (!step.field.isEmpty() && !kFields.contains(step.field))
      return fail("'field': unknown setting " + QString::fromStdString(quotedInput(step.field.toStdString())) +
                  " (one of " + kFields.join(", ") + ")");
    lesson.steps.append(step);
  }
  return lesson;
}

QVector<Lesson> loadLessons(QString* error) {
  QVector<Lesson> lessons;
  const QDir dir(":/unfoldlab/lessons");
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    QByteArray bytes;
    try {
      bytes = readBoundedFile(dir.filePath(name).toStdString(), kSessionFileLimit, "a lesson file");
    } catch (const InputError&) {
      continue;  // as before for a lesson that cannot be opened
    }
    if (const auto lesson = parseLesson(bytes, name, error)) lessons.append(*lesson);
  }
  return lessons;
}

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent), lessons_(loadLessons()) {
  choice_ = new QComboBox;
  for (const Lesson& l : lessons_) choice_->addItem(l.title);
  text_ = new QTextBrowser;
  text_->setOpenExternalLinks(false);
  counter_ = new QLabel;
  runNote_ = new QLabel;
  runNote_->setObjectName("lessonRunNote");
  runNote_->setWordWrap(true);
  runNote_->setVisible(false);
  back_ = new QPushButton("Back");
  next_ = new QPushButton("Next");
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(back_);
  buttons->addWidget(counter_, 1, Qt::AlignCenter);
  buttons->addWidget(next_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(choice_);
  layout->addWidget(text_, 1);
  layout->addWidget(runNote_);
  layout->addLayout(buttons);
  connect(choice_, &QComboBox::activated, this, &LessonPanel::startLesson);
  connect(back_, &QPushButton::clicked, this, &LessonPanel::back);
  connect(next_, &QPushButton::clicked, this, &LessonPanel::next);
  // From the keyboard: Return presses the focused one (a push button outside a dialog takes only Space,
  // which the run's keys share), and Alt+arrows page through the steps wherever the focus is in the
  // application's windows, as a browser's history does.
  for (QPushButton* button : {back_, next_}) button->setAutoDefault(true);
  const auto pageKey = [this](QKeySequence key, QPushButton* button) {
    auto* shortcut = new QShortcut(key, this);
    shortcut->setContext(Qt::ApplicationShortcut);  // also from the 2-D view a step opens, which takes the focus
    connect(shortcut, &QShortcut::activated, button, [button] {
      if (button->isEnabled()) button->click();
    });
    button->setToolTip(key.toString(QKeySequence::NativeText));
  };
  pageKey(QKeySequence(Qt::ALT | Qt::Key_Right), next_);
  pageKey(QKeySequence(Qt::ALT | Qt::Key_Left), back_);
  if (!lessons_.isEmpty()) {
    // The box above already names the first lesson: the text says that one is what Next starts.
    text_->setHtml(QString("<p>Press <b>Next</b> to start <i>%1</i>, or choose another lesson above.</p>").arg(lessons_[0].title.toHtmlEscaped()));
    step_ = -1;
  }
  back_->setEnabled(false);
}

void LessonPanel::startLesson(int index) {
  if (index < 0 || index >= lessons_.size()) return;
  lesson_ = index;
  choice_->setCurrentIndex(index);
  step_ = 0;
  emit lessonStarted(index);
  showStep();
}

void LessonPanel::next() {
  if (lessons_.isEmpty()) return;
  if (step_ + 1 < lessons_[lesson_].steps.size()) {
    ++step_;
    showStep();
  } else if (lesson_ + 1 < lessons_.size()) {
    startLesson(lesson_ + 1);  // on to the next lesson
  }
}

void LessonPanel::back() {
  if (step_ > 0) {
    --step_;
    showStep();
  } else if (step_ == 0 && lesson_ > 0) {
    startLesson(lesson_ - 1);
  }
}

int LessonPanel::lessonIndex(const QString& title) const {
  for (int k = 0; k < lessons_.size(); ++k)
    if (lessons_[k].title == title) return k;
  return -1;
}

bool LessonPanel::resumeAt(int lesson, int step) {
  if (lesson < 0 || lesson >= lessons_.size() || step < 0 || step >= lessons_[lesson].steps.size()) return false;
  lesson_ = lesson;
  choice_->setCurrentIndex(lesson);
  step_ = step;
  showStepText();
  emit stepResumed(lessons_[lesson_].steps[step_]);
  return true;
}

void LessonPanel::setRunNote(const QString& note) {
  runNote_->setText(note.isEmpty() ? QString() : "<i>" + note.toHtmlEscaped() + "</i>");
  runNote_->setVisible(!note.isEmpty());
}

QString LessonPanel::runNote() const { return runNote_->isVisible() ? runNote_->text().remove("<i>").remove("</i>") : QString(); }

void LessonPanel::showStep() {
  showStepText();
  emit stepShown(lessons_[lesson_].steps[step_]);
}

void LessonPanel::showStepText() {
  const Lesson& lesson = lessons_[lesson_];
  const LessonStep& step = lesson.steps[step_];
  text_->setHtml(QString("<h3>%1</h3>").arg(lesson.title) + step.text);
  counter_->setText(QString("step %1 of %2").arg(step_ + 1).arg(lesson.steps.size()));
  back_->setEnabled(step_ > 0 || lesson_ > 0);
  back_->setText(step_ == 0 && lesson_ > 0 ? "Previous lesson" : "Back");
  const bool last = step_ + 1 == lesson.steps.size();
  next_->setText(last && lesson_ + 1 < lessons_.size() ? "Next lesson" : "Next");
  next_->setEnabled(!last || lesson_ + 1 < lessons_.size());
}

}  // namespace unfold::ui
