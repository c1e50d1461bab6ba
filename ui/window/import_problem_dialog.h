// Asks for the two files of an imported problem in one place: the dictionary D (n x m) and the signals
// (one per row), CSV or .npy. OK only once both name existing files; the files are read and checked
// once, by the run that follows (a refused file leaves the previous problem on screen).
#pragma once

#include <QDialog>

#include <optional>
#include <utility>

class QLineEdit;
class QPushButton;

namespace unfold::ui {

class ImportProblemDialog : public QDialog {
  Q_OBJECT
 public:
  ImportProblemDialog(const QString& dictionary, const QString& signalsPath, QWidget* parent = nullptr);
  // Asks for the files, offering those last accepted here (even when their run was then refused: the
  // user fixes one rather than picking both again), else `dictionary` and `signalsPath`. Empty if
  // cancelled. UI thread.
  static std::optional<std::pair<QString, QString>> ask(const QString& dictionary, const QString& signalsPath,
                                                        QWidget* parent);
  QString dictionaryFile() const;
  QString signalsFile() const;
  QLineEdit* dictionaryEdit() const { return dictionary_; }
  QLineEdit* signalsEdit() const { return signals_; }

 private:
  void updateOk();

  QLineEdit *dictionary_, *signals_;
  QPushButton* ok_ = nullptr;
};

}  // namespace unfold::ui
