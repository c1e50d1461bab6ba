#include "window/problem_file_rows.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace unfold::ui {

ProblemFileRows::ProblemFileRows(QWidget* parent) : QWidget(parent) {
  auto* rows = new QFormLayout(this);
  rows->setContentsMargins(0, 0, 0, 0);
  for (QLineEdit** edit : {&dictionary_, &signals_, &testSignals_}) {
    *edit = new QLineEdit;
    (*edit)->setReadOnly(true);
  }
  testSignals_->setObjectName("testSignalsFile");
  rows->addRow("D", dictionary_);
  rows->addRow("signals", signals_);
  rows->addRow("test signals", testSignals_);
  sizes_ = new QLabel;
  sizes_->setObjectName("importedSizes");
  sizes_->setWordWrap(true);
  rows->addRow("", sizes_);
  auto* change = new QPushButton("Choose files…");
  connect(change, &QPushButton::clicked, this, [this] {
    if (choose()) emit chosen();
  });
  rows->addRow("", change);
  setFiles({});
}

ImportedFiles ProblemFileRows::files() const { return {dictionary_->text(), signals_->text(), testSignals_->text()}; }

void ProblemFileRows::setFiles(const ImportedFiles& files) {
  dictionary_->setText(files.dictionary);
  signals_->setText(files.signalsFile);
  testSignals_->setText(files.testSignalsFile);
  // A box as narrow as the form shows a long path's end, the file's name: the whole path on hovering.
  for (QLineEdit* edit : {dictionary_, signals_, testSignals_}) edit->setToolTip(edit->text());
  // Without a test file of their own the row would be an empty box: it says where the test signals are.
  testSignals_->setPlaceholderText("the signals file's next rows");
  updateSizes();
}

bool ProblemFileRows::choose() {
  const auto files = ImportProblemDialog::ask(this->files(), this);
  if (!files) return false;
  setFiles(*files);
  return true;
}

void ProblemFileRows::setSizes(const ImportedFiles& files, const QString& sizes) {
  // Called at every redraw of a run on files: the form is touched only when what it says changes.
  if (read_ == files && readSizes_ == sizes) return;
  read_ = files;
  readSizes_ = sizes;
  updateSizes();
}

void ProblemFileRows::updateSizes() {
  const bool current = read_ == files() && !read_.dictionary.isEmpty();
  sizes_->setText(current ? "read: " + readSizes_ : QString());
  sizes_->setVisible(current);
}

}  // namespace unfold::ui
