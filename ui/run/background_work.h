// Reading that must not block the UI thread: a session or network file can be hundreds of MB (a LISTA's
// weights), a second or more to parse. The work runs on Qt's thread pool; `done` gets its result on
// `context`'s thread, and never once `context` is gone (the work then ends unheeded).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace unfold::ui {

template <class Work, class Done>
void readInBackground(QObject* context, Work work, Done done) {
  using Result = std::invoke_result_t<Work>;
  auto* watcher = new QFutureWatcher<Result>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
    done(watcher->result());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run(std::move(work)));
}

}  // namespace unfold::ui
