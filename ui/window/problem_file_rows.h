// The settings form's rows of an imported problem: the files chosen (D, the signals, the test signals if
// in a file of their own), what the files of the problem shown held ("read: n = 8, m = 20; ..."), and
// "Choose files…", which opens the import dialog.
#pragma once

#include "window/import_problem_dialog.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace unfold::ui {

class ProblemFileRows : public QWidget {
  Q_OBJECT
 public:
  explicit ProblemFileRows(QWidget* parent = nullptr);
  ImportedFiles files() const;
  void setFiles(const ImportedFiles& files);  // emits nothing
  bool choose();  // the import dialog; false if cancelled
  // What the files of the problem shown hold: said while they are the files chosen.
  void setSizes(const ImportedFiles& files, const QString& sizes);

 signals:
  void chosen();  // by "Choose files…"

 private:
  void updateSizes();

  QLineEdit *dictionary_, *signals_, *testSignals_;
  QLabel* sizes_;
  ImportedFiles read_;  // the files of the problem shown
  QString readSizes_;   // what they held
};

}  // namespace unfold::ui
