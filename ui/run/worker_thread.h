// A worker object in a thread of its own for as long as its owner lives: the thread starts with it and,
// when the owner goes, is asked to quit and joined, and the worker is deleted in its own thread (its
// timers and queued calls belong there). The owner connects to worker() and calls it through ->; a
// computation in progress must be cancelled first (the thread's event loop ends only between calls).
#pragma once

#include <QThread>

namespace unfold::ui {

template <typename Worker>
class WorkerThread {
 public:
  WorkerThread() : worker_(new Worker) {
    worker_->moveToThread(&thread_);
    QObject::connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
  }
  ~WorkerThread() {
    thread_.quit();
    thread_.wait();
  }
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  Worker* worker() const { return worker_; }
  Worker* operator->() const { return worker_; }

 private:
  QThread thread_;
  Worker* worker_;
};

}  // namespace unfold::ui
