#include "window/dashboard_export_dialog.h"

#include "plots/plot_export.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

#include <cmath>

namespace unfold::ui {

namespace {
const QStringList kSuffixes{"pdf", "svg", "png"};
constexpr const char* kLastPath = "dashboardExportPath";
}  // namespace

DashboardExportDialog::DashboardExportDialog(const QSize& frame, int screenDpi, QWidget* parent)
    : QDialog(parent), frame_(frame), screenDpi_(screenDpi > 0 ? screenDpi : 96) {
  setWindowTitle("Export the whole dashboard");
  path_ = new QLineEdit;
  auto* browse = new QPushButton("Browse…");
  auto* file = new QHBoxLayout;
  file->addWidget(path_, 1);
  file->addWidget(browse);
  format_ = new QComboBox;
  format_->addItems({"PDF (vector)", "SVG (vector)", "PNG (image)"});
  dpi_ = new QSpinBox;
  dpi_->setRange(48, 1200);
  dpi_->setSuffix(" dpi");
  dpi_->setValue(300);
  size_ = new QLabel;
  auto* note = new QLabel("The plots shown in the window, laid out as on screen; closed docks and tabs behind another are left out.");
  note->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText("Export");
  auto* form = new QFormLayout(this);
  form->addRow("File", file);
  form->addRow("Format", format_);
  form->addRow("Resolution", dpi_);
  form->addRow("Size", size_);
  form->addRow(note);
  form->addRow(buttons);
  // Wide enough for a path and for the whole title in the title bar (a narrow dialog truncates it).
  setMinimumWidth(std::max(520, fontMetrics().horizontalAdvance(windowTitle()) * 2));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(format_, &QComboBox::currentIndexChanged, this, &DashboardExportDialog::formatChosen);
  connect(dpi_, &QSpinBox::valueChanged, this, &DashboardExportDialog::updateSize);
  connect(path_, &QLineEdit::textEdited, this, [this](const QString& text) {
    const int k = kSuffixes.indexOf(QFileInfo(text).suffix().toLower());
    if (k >= 0 && k != format_->currentIndex()) {
      const QSignalBlocker block(format_);
      format_->setCurrentIndex(k);
    }
    updateSize();
  });
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString chosen = QFileDialog::getSaveFileName(this, "Export the whole dashboard", path(),
                                                        "PDF (*.pdf);;SVG (*.svg);;PNG (*.png)");
    if (!chosen.isEmpty()) setPath(chosen);
  });
  connect(this, &QDialog::accepted, this, [this] {
    QSettings().setValue(kLastPath, path());
    QSettings().setValue("lastOutputFolder", QFileInfo(path()).absolutePath());  // where every save dialog opens next
  });
  // The last name, in the folder the last file of any export went to (as every save dialog opens), or its
  // own last folder; else Documents if it exists (a fresh machine may have none), else the working folder:
  // Export then works without a detour, and an author exporting figures into a paper's folder is offered
  // that folder here too.
  const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QFileInfo last(QSettings().value(kLastPath).toString());
  const QString lastOutput = QSettings().value("lastOutputFolder").toString();
  const QDir folder = QFileInfo(lastOutput).isDir()                     ? QDir(lastOutput)
                      : !last.filePath().isEmpty() && last.absoluteDir().exists() ? last.absoluteDir()
                      : !documents.isEmpty() && QDir(documents).exists()          ? QDir(documents)
                                                                                  : QDir::current();
  setPath(folder.filePath(last.fileName().isEmpty() ? QString("dashboard.pdf") : last.fileName()));
}

QString DashboardExportDialog::path() const { return path_->text().trimmed(); }

void DashboardExportDialog::setPath(const QString& path) {
  path_->setText(path);
  const int k = kSuffixes.indexOf(QFileInfo(path).suffix().toLower());
  if (k >= 0) {
    const QSignalBlocker block(format_);
    format_->setCurrentIndex(k);
  }
  updateSize();
}

int DashboardExportDialog::dpi() const { return dpi_->value(); }

void DashboardExportDialog::setDpi(int dpi) { dpi_->setValue(dpi); }

void DashboardExportDialog::formatChosen() {
  // The path follows the format: same name, the format's suffix.
  const QFileInfo info(path());
  const QString suffix = kSuffixes[format_->currentIndex()];
  const QString base = info.completeBaseName().isEmpty() ? QString("dashboard") : info.completeBaseName();
  path_->setText(info.dir().filePath(base + "." + suffix));
  updateSize();
}

QString DashboardExportDialog::sizeText() const {
  const double cmPerPixel = 2.54 / screenDpi_;
  const QString cm = QString("%1 × %2 cm").arg(frame_.width() * cmPerPixel, 0, 'f', 1).arg(frame_.height() * cmPerPixel, 0, 'f', 1);
  if (format_->currentIndex() != 2) return cm + " (fonts at their size on screen)";
  return pngSizeText(frame_, screenDpi_, dpi());
}

void DashboardExportDialog::updateSize() {
  dpi_->setEnabled(format_->currentIndex() == 2);
  size_->setText(sizeText());
}

}  // namespace unfold::ui
