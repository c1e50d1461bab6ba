// File work that must not block the UI thread: a session or network file can be hundreds of MB (a LISTA's
// weights), a second or more to parse or to format and write. The work runs on a thread pool; `done` gets
// its result on `context`'s thread, and never once `context` is gone (the work then ends unheeded; a
// pool waits for its work when destroyed, and the application for the global pool's, so a save still in
// progress at exit is finished).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <new>
#include <optional>
#include <type_traits>
#include <utility>

namespace unfold::ui {

// On `pool`: a pool of one thread runs its work in the order asked for (two saves of one file: the later
// stands).
template <class Work, class Done>
void runInBackground(QObject* context, Work work, Done done, QThreadPool* pool = QThreadPool::globalInstance()) {
  using Result = std::invoke_result_t<Work>;
  auto* watcher = new QFutureWatcher<Result>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
    done(watcher->result());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

// A file read by `read(path, &error)`, which gives its contents or nothing and why; `done(contents, error)`
// follows on `context`'s thread. Running out of memory (a file near its size limit needs a few GB) is an
// error like the others, not an exception rethrown on `context`'s thread through the future.
template <class Read, class Done>
void readFileInBackground(QObject* context, const QString& path, Read read, Done done) {
  using Contents = typename std::invoke_result_t<Read, const QString&, QString*>::value_type;
  using Result = std::pair<std::optional<Contents>, QString>;
  runInBackground(
      context,
      [path, read = std::move(read)]() -> Result {
        try {
          QString error;
          std::optional<Contents> contents = read(path, &error);
          return {std::move(contents), error};
        } catch (const std::bad_alloc&) {
          return {std::nullopt, QString("%1: out of memory while reading it (a file near the 256 MiB limit needs a few GB)").arg(path)};
        }
      },
      [done = std::move(done)](const Result& result) { done(result.first, result.second); });
}

}  // namespace unfold::ui
