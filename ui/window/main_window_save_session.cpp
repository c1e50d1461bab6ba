// File → Save session…: the session formatted and written on a thread of its own. A LISTA's weights take
// a second or more to format and tens of MB to write, which froze the window; saves run one at a time, in
// the order asked for, so that of two saves of one file the later stands. Closing the window, or opening a
// session or a preset over networks trained and not saved, asks whether to save them first.
#include "window/main_window.h"

#include "base/input_error.h"
#include "io/bounded_file.h"
#include "io/matrix_file.h"
#include "plots/plot_export.h"
#include "run/background_work.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QThreadPool>

#include <new>

namespace unfold::ui {

namespace {

// The session's file written all-or-none, or why not. Runs on the save thread: reads nothing of the window.
QString formatAndWrite(const Session& session, const QString& path) {
  try {
    const QByteArray text = formatSession(session);
    if (text.size() > kSessionFileLimit)  // it would be written, and refused when opened
      return QString("%1: not saved: the session takes %2 MiB with its networks' weights, over the %3 a session file may "
                     "have. A LISTA holds m × m + m × n numbers a layer: fewer layers, or LISTA-CP, would fit.")
          .arg(path).arg((text.size() + (1 << 19)) >> 20).arg(QString::fromStdString(byteSizeText(kSessionFileLimit)));
    writeFileAtomically(path.toStdString(), std::string(text.constData(), static_cast<std::size_t>(text.size())));
  } catch (const InputError& error) {
    return QString::fromStdString(error.what());
  } catch (const std::bad_alloc&) {
    return QString("%1: not saved: out of memory while formatting the session").arg(path);
  }
  return {};
}

}  // namespace

void MainWindow::saveSessionFile(const QString& path, bool quiet) {
  if (!savePool_) {
    savePool_ = new QThreadPool(this);  // waits for a save under way when the window goes
    savePool_->setMaxThreadCount(1);
  }
  Session session = currentSession();
  // Over other settings than its own, the title would name what the file does not hold ("the paper's
  // Fig. 2" with FISTA unticked): the file names the session then.
  if (session.settings != sessionSettings_) session.title.clear();
  saving_ = QFileInfo(path).fileName();
  ++savesUnderWay_;
  statusBar()->clearMessage();  // "Session saved to …" of an earlier save would cover "Saving …"
  updateStatus();
  const ExperimentSettings saved = session.settings;
  const QString title = session.title;
  const quint64 loads = sessionLoads_;
  runInBackground(
      this, [session = std::move(session), path] { return formatAndWrite(session, path); },
      [this, path, quiet, saved, title, loads](const QString& error) {
        if (--savesUnderWay_ == 0) saving_.clear();
        if (error.isEmpty()) {
          unsavedTraining_ = false;
          rememberRecent(path);
          // The window names the file saved, marked changed if the form has changed since; unless another
          // session was opened meanwhile.
          if (sessionLoads_ == loads) {
            showSessionName(title, path, saved);
            markSessionChanged();
          }
          statusBar()->showMessage(QString("Session saved to %1").arg(path), kFileMessageMs);
        }
        updateStatus();
        emit fileSaved(path, error);
        if (!error.isEmpty() && !quiet && dialogsEnabled_) QMessageBox::warning(this, "Save session", error);
      },
      savePool_);
}

bool MainWindow::networksMayGo(const QString& notSaved, const QString& before, const QString& withoutSaving,
                               const std::function<void()>& afterSave) {
  if (!unsavedTraining_ || !dialogsEnabled_) return true;
  // Save writes over the session's own file, as Ctrl+S does: the question names it.
  const QString to = sessionFile_.isEmpty() ? QString() : " to " + QFileInfo(sessionFile_).fileName();
  QMessageBox question(QMessageBox::Question, "Unfold Lab", QString("%1\nSave the session%2 before %3?").arg(notSaved, to, before),
                       QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
  question.setDefaultButton(QMessageBox::Save);
  // What the button does, rather than "Discard": opening another problem drops nothing (Ctrl+Z brings
  // the networks back until the window closes).
  question.button(QMessageBox::Discard)->setText(withoutSaving);
  const int answer = question.exec();
  if (answer == QMessageBox::Discard) return true;
  if (answer != QMessageBox::Save) return false;
  const QString path = sessionFile_.isEmpty()
                           ? askOutputPath(this, "Save session", "session.json", "Unfold Lab session (*.json)")
                           : sessionFile_;
  if (path.isEmpty()) return false;
  auto* once = new QObject(this);
  connect(this, &MainWindow::fileSaved, once, [once, path, afterSave](const QString& saved, const QString& error) {
    if (saved != path) return;
    once->deleteLater();
    if (error.isEmpty()) afterSave();
  });
  saveSessionFile(path);
  return false;
}

bool MainWindow::mayClose() {
  return networksMayGo("The networks trained in this window are not saved: the next launch brings the settings back, "
                       "not the weights.",
                       "closing", "Close without saving", [this] { close(); });
}

void MainWindow::openAskingFirst(const QString& what, const std::function<void()>& open) {
  if (networksMayGo("The networks trained in this window are not saved.", "opening " + what, "Open without saving", open)) open();
}

}  // namespace unfold::ui
