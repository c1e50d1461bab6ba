#include "plots/figure_dialogs.h"

#include <qcustomplot.h>

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSpinBox>

#include <algorithm>

namespace unfold::ui {

std::optional<FigureSize> askPngSize(QWidget* parent, QSize onScreen, const LeastFigureHeight& leastHeight) {
  const LeastFigureHeight least = leastHeight ? leastHeight : [](int, int height) { return height; };
  QDialog dialog(parent);
  dialog.setWindowTitle("PNG size");
  auto* form = new QFormLayout(&dialog);
  auto* width = new QSpinBox;
  auto* height = new QSpinBox;
  auto* dpi = new QSpinBox;
  width->setRange(200, kTallestFigure);
  height->setRange(150, kTallestFigure);
  dpi->setRange(48, 1200);
  width->setValue(onScreen.width());
  height->setValue(std::max(onScreen.height(), least(width->value(), onScreen.height())));
  dpi->setValue(300);
  form->addRow("width (px at 96 dpi)", width);
  form->addRow("height (px at 96 dpi)", height);
  form->addRow("resolution (dpi)", dpi);
  auto* pixels = new QLabel;  // what the file will be: the boxes' pixels are the screen's
  pixels->setObjectName("pngSize");
  const auto showPixels = [=] { pixels->setText(pngSizeText(QSize(width->value(), height->value()), 96, dpi->value())); };
  showPixels();
  for (QSpinBox* box : {width, height, dpi}) QObject::connect(box, &QSpinBox::valueChanged, pixels, showPixels);
  form->addRow("image", pixels);
  auto* note = new QLabel;
  note->setObjectName("legendRoom");
  note->setWordWrap(true);
  note->hide();
  form->addRow(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
    const int fits = least(width->value(), height->value());
    if (fits == height->value()) return dialog.accept();
    if (fits < 0) {
      note->setText(QString("At %1 px wide the legend fits no height: make the figure wider.").arg(width->value()));
    } else {
      note->setText(QString("At %1 × %2 px the legend has no room: the height is now %3 px, the least that shows it "
                            "at this width. OK exports.").arg(width->value()).arg(height->value()).arg(fits));
      height->setValue(fits);
    }
    note->show();
    dialog.adjustSize();  // the note's lines whole
  });
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  return FigureSize{width->value(), height->value(), dpi->value()};
}

QString exportFigureInteractively(QCustomPlot* plot, const QString& stem, const LeastFigureHeight& leastHeight, bool svg) {
  const QString path = askOutputPath(plot, "Export figure", stem + ".pdf",
                                     svg ? "PDF (*.pdf);;SVG (*.svg);;PNG (*.png)" : "PDF (*.pdf);;PNG (*.png)");
  if (path.isEmpty()) return {};
  // A path that cannot be written is said before the PNG's size is asked for.
  QString error = figurePathError(path);
  if (error.isEmpty() && !svg && path.endsWith(".svg", Qt::CaseInsensitive))
    error = QString("%1: this figure is written as PDF or PNG (an SVG would not keep its level sets inside the axes)").arg(path);
  if (!error.isEmpty()) {
    QMessageBox::warning(plot, "Export figure", error);
    return {};
  }
  FigureSize size;
  size.dpi = 300;
  if (path.endsWith(".png", Qt::CaseInsensitive)) {
    const std::optional<FigureSize> asked = askPngSize(plot, plot->size(), leastHeight);
    if (!asked) return {};
    size = *asked;
  }
  if (const QString error = exportPlot(plot, path, size); !error.isEmpty()) {
    QMessageBox::warning(plot, "Export figure", error);
    return {};
  }
  return path;
}

QString exportDataInteractively(QWidget* parent, const QString& stem, const QString& csv) {
  const QString path = askOutputPath(parent, "Export data", stem + ".csv", "CSV (*.csv)");
  if (path.isEmpty()) return {};
  if (const QString error = writeTextFile(path, csv); !error.isEmpty()) {
    QMessageBox::warning(parent, "Export data", error);
    return {};
  }
  return path;
}

}  // namespace unfold::ui
