// Asks for the files of an imported problem in one place: the dictionary D (n x m), the signals (one per
// row) and, optionally, test signals in a file of their own (`generate --test` writes X.csv and
// X_test.csv), CSV or .npy. OK only once D and the signals name existing files, and the test file, if
// named, too; the files are read and checked once, by the run that follows (a refused file leaves the
// previous problem on screen).
#pragma once

#include <QDialog>

#include <optional>

class QLineEdit;
class QPushButton;

namespace unfold::ui {

struct ImportedFiles {
  QString dictionary, signalsFile, testSignalsFile;  // testSignalsFile empty: the signals file holds both sets
  bool operator==(const ImportedFiles&) const = default;
};

class ImportProblemDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ImportProblemDialog(const ImportedFiles& files, QWidget* parent = nullptr);
  // Asks for the files, offering those last accepted here (even when their run was then refused: the
  // user fixes one rather than picking them all again), else `current`. Empty if cancelled. UI thread.
  static std::optional<ImportedFiles> ask(const ImportedFiles& current, QWidget* parent);
  ImportedFiles files() const;
  QLineEdit* dictionaryEdit() const { return dictionary_; }
  QLineEdit* signalsEdit() const { return signals_; }
  QLineEdit* testSignalsEdit() const { return testSignals_; }

 private:
  void updateOk();

  QLineEdit *dictionary_, *signals_, *testSignals_;
  QPushButton* ok_ = nullptr;
};

}  // namespace unfold::ui
