// Answering the modal dialogs a test opens (a call that shows one blocks in its event loop until the
// dialog is answered): a timer polls the top-level widgets and acts once the dialog shows.
#pragma once

#include "plots/figure_dialogs.h"

#include <QApplication>
#include <QDialog>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTimer>

namespace unfold::ui {

// The size dialog's defaults again (as on screen, with the title): its last choices outlive a launch.
inline void forgetFigureChoices() { QSettings().remove(kLastFigureChoiceKey); }

// Once a modal dialog of type T is shown (by a call that blocks in its event loop), hands it to `act`.
template <typename T, typename Act>
void whenShown(Act act) {
  auto* poll = new QTimer;
  poll->setInterval(20);
  QObject::connect(poll, &QTimer::timeout, [poll, act] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      if (auto* dialog = qobject_cast<T*>(w); dialog && dialog->isVisible()) {
        poll->stop();
        poll->deleteLater();
        act(dialog);
        return;
      }
    }
  });
  poll->start();
}

// Once a dialog titled `title` is shown ("Figure size", after the file dialog), hands it to `act`. Returns
// the timer that waits for it: delete it if the dialog may not come, so that `act` cannot run later.
template <typename Act>
QPointer<QTimer> whenTitled(const QString& title, Act act) {
  auto* poll = new QTimer;
  poll->setInterval(20);
  QObject::connect(poll, &QTimer::timeout, [poll, title, act] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      if (auto* dialog = qobject_cast<QDialog*>(w); dialog && dialog->isVisible() && dialog->windowTitle() == title) {
        poll->stop();
        poll->deleteLater();
        act(dialog);
        return;
      }
    }
  });
  poll->start();
  return poll;
}

// Answers the next file dialog with `path`. The dialog loads its folder asynchronously and may then
// put its initial name back: the answer is given once the dialog holds the path.
inline void saveAs(const QString& path) {
  auto* poll = new QTimer;
  poll->setInterval(20);
  QObject::connect(poll, &QTimer::timeout, [poll, path] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      auto* dialog = qobject_cast<QFileDialog*>(w);
      if (!dialog || !dialog->isVisible()) continue;
      if (dialog->selectedFiles() != QStringList{path}) {
        // Typed, as a user would: the name field takes a whole path.
        if (auto* name = dialog->findChild<QLineEdit*>("fileNameEdit")) name->setText(path);
        return;  // look again at the next tick
      }
      poll->stop();
      poll->deleteLater();
      static_cast<QDialog*>(dialog)->accept();  // QFileDialog::accept is protected, QDialog's public
      return;
    }
  });
  poll->start();
}

// Records the title (and a message box's text) of the next dialog other than a file dialog, and closes it.
// Returns the timer that waits for it (null once it has recorded).
inline QPointer<QTimer> recordNextDialog(QString* title, QString* text) {
  auto* poll = new QTimer;
  poll->setInterval(20);
  QObject::connect(poll, &QTimer::timeout, [poll, title, text] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      auto* dialog = qobject_cast<QDialog*>(w);
      if (!dialog || !dialog->isVisible() || qobject_cast<QFileDialog*>(w)) continue;
      poll->stop();
      poll->deleteLater();
      *title = dialog->windowTitle();
      if (auto* box = qobject_cast<QMessageBox*>(w)) *text = box->text();
      dialog->reject();
      return;
    }
  });
  poll->start();
  return poll;
}

// What a dialog said: its window title and, for a message box, its text.
struct DialogSeen {
  QString title, text;
};

// Runs `act`, which opens a file dialog, answers it with `path`, and returns the dialog that follows (an
// error, a "replace?"), closed unanswered; empty if none showed.
template <typename Act>
DialogSeen dialogAfterSavingAs(const QString& path, Act act) {
  DialogSeen seen;
  saveAs(path);
  const QPointer<QTimer> waiting = recordNextDialog(&seen.title, &seen.text);
  act();
  delete waiting.data();  // no dialog followed: nothing may write into `seen` later
  return seen;
}

}  // namespace unfold::ui
