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

QLineEdit* fileRow(QFormLayout* form, const QString& label, const QString& caption, const QString& path, QWidget* parent) {
  auto* edit = new QLineEdit(path);
  edit->setPlaceholderText("a .csv or .npy file");
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

ImportProblemDialog::ImportProblemDialog(const QString& dictionary, const QString& signalsPath, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle("Import a problem");
  auto* form = new QFormLayout(this);
  auto* help = new QLabel("The dictionary D (n rows × m columns) and the signals (one per row, n columns).\n"
                          "The first rows, as many as train signals, train the networks; the next ones are the test signals "
                          "(a file with no more rows than that is all test signals). Each signal is scaled to ‖Dᵀx‖∞ = 1.");
  help->setWordWrap(true);
  form->addRow(help);
  dictionary_ = fileRow(form, "D", "Dictionary D (n × m)", dictionary, this);
  signals_ = fileRow(form, "signals", "Signals, one per row", signalsPath, this);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(dictionary_, &QLineEdit::textChanged, this, &ImportProblemDialog::updateOk);
  connect(signals_, &QLineEdit::textChanged, this, &ImportProblemDialog::updateOk);
  updateOk();
}

std::optional<std::pair<QString, QString>> ImportProblemDialog::ask(const QString& dictionary, const QString& signalsPath,
                                                                    QWidget* parent) {
  static std::pair<QString, QString> last;
  ImportProblemDialog dialog(last.first.isEmpty() ? dictionary : last.first, last.second.isEmpty() ? signalsPath : last.second,
                             parent);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  last = {dialog.dictionaryFile(), dialog.signalsFile()};
  return last;
}

QString ImportProblemDialog::dictionaryFile() const { return dictionary_->text().trimmed(); }
QString ImportProblemDialog::signalsFile() const { return signals_->text().trimmed(); }

void ImportProblemDialog::updateOk() {
  const auto usable = [](const QString& path) { return !path.isEmpty() && QFileInfo(path).isFile(); };
  ok_->setEnabled(usable(dictionaryFile()) && usable(signalsFile()));
  ok_->setToolTip(ok_->isEnabled() ? QString() : "Choose two existing files");
}

}  // namespace unfold::ui
