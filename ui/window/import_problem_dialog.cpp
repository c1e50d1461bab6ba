#include "window/import_problem_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace unfold::ui {

namespace {

QLineEdit* fileRow(QFormLayout* form, const QString& label, const QString& caption, const QString& path, QWidget* parent,
                   const QString& placeholder = "a .csv or .npy file") {
  auto* edit = new QLineEdit(path);
  edit->setPlaceholderText(placeholder);
  edit->setMinimumWidth(360);
  auto* browse = new QPushButton("Browse…");
  QObject::connect(browse, &QPushButton::clicked, parent, [edit, caption, parent] {
    const QString chosen = QFileDialog::getOpenFileName(parent, caption, edit->text(), "Matrices (*.csv *.npy);;All files (*)");
    if (!chosen.isEmpty()) edit->setText(chosen);
  });
  auto* row = new QHBoxLayout;
  row->addWidget(edit, 1);
  row->addWidget(browse);
  form->addRow(label, row);
  return edit;
}

}  // namespace

ImportProblemDialog::ImportProblemDialog(const ImportedFiles& files, QWidget* parent) : QDialog(parent) {
  setWindowTitle("Import a problem");
  auto* form = new QFormLayout(this);
  auto* help = new QLabel("The dictionary D (n rows × m columns) and the signals (one per row, n columns).\n"
                          "Without a test file, the first rows, as many as train signals, train the networks and the next "
                          "ones are the test signals (a file with no more rows than that is all test signals). With one "
                          "(generate's X_test.csv beside X.csv), the signals train and the test file tests. "
                          "Each signal is scaled to ‖Dᵀx‖∞ = 1.");
  help->setWordWrap(true);
  form->addRow(help);
  dictionary_ = fileRow(form, "D", "Dictionary D (n × m)", files.dictionary, this);
  signals_ = fileRow(form, "signals", "Signals, one per row", files.signalsFile, this);
  testSignals_ = fileRow(form, "test signals", "Test signals, one per row", files.testSignalsFile, this,
                         "optional: a .csv or .npy file of test signals");
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  for (QLineEdit* edit : {dictionary_, signals_, testSignals_})
    connect(edit, &QLineEdit::textChanged, this, &ImportProblemDialog::updateOk);
  updateOk();
}

std::optional<ImportedFiles> ImportProblemDialog::ask(const ImportedFiles& current, QWidget* parent) {
  static std::optional<ImportedFiles> last;
  ImportProblemDialog dialog(last.value_or(current), parent);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  last = dialog.files();
  return last;
}

ImportedFiles ImportProblemDialog::files() const {
  return {dictionary_->text().trimmed(), signals_->text().trimmed(), testSignals_->text().trimmed()};
}

void ImportProblemDialog::updateOk() {
  const auto usable = [](const QString& path) { return !path.isEmpty() && QFileInfo(path).isFile(); };
  const ImportedFiles chosen = files();
  ok_->setEnabled(usable(chosen.dictionary) && usable(chosen.signalsFile) &&
                  (chosen.testSignalsFile.isEmpty() || usable(chosen.testSignalsFile)));
  ok_->setToolTip(ok_->isEnabled() ? QString() : "Choose D and the signals (and the test signals, if named): existing files");
}

}  // namespace unfold::ui
