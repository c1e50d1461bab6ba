#include "plots/figure_dialogs.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSpinBox>

#include <algorithm>

namespace unfold::ui {

namespace {

// Widths a journal asks for, in cm; a figure laid out at its final size keeps its fonts' sizes.
struct PageWidth {
  const char* name;
  double cm;
};
constexpr PageWidth kPageWidths[] = {{"one journal column, 8.5 cm", 8.5}, {"two columns, 17.8 cm", 17.8}};

int pixelsFor(double cm) { return qRound(cm / 2.54 * 96.0); }

QString pageSizeText(QSize frame) {
  return QString("%1 × %2 cm").arg(frame.width() * 2.54 / 96.0, 0, 'f', 1).arg(frame.height() * 2.54 / 96.0, 0, 'f', 1);
}

}  // namespace

std::optional<FigureSize> askFigureSize(QWidget* parent, QSize onScreen, const LeastFigureHeight& leastHeight, bool png) {
  const LeastFigureHeight least = leastHeight ? leastHeight : [](int, int height) { return height; };
  QDialog dialog(parent);
  dialog.setWindowTitle(png ? "PNG size" : "Figure size");
  auto* form = new QFormLayout(&dialog);
  auto* preset = new QComboBox;
  preset->setObjectName("figureWidthPreset");
  preset->addItem(QString("as on screen, %1").arg(pageSizeText(onScreen)));
  for (const PageWidth& page : kPageWidths) preset->addItem(page.name);
  auto* width = new QSpinBox;
  auto* height = new QSpinBox;
  auto* dpi = new QSpinBox;  // read for a PNG only
  width->setObjectName("figureWidth");
  height->setObjectName("figureHeight");
  width->setRange(200, kTallestFigure);
  height->setRange(150, kTallestFigure);
  dpi->setRange(48, 1200);
  width->setValue(onScreen.width());
  height->setValue(std::max(onScreen.height(), least(width->value(), onScreen.height())));
  dpi->setValue(300);
  form->addRow("size", preset);
  form->addRow("width (px at 96 dpi)", width);
  form->addRow("height (px at 96 dpi)", height);
  if (png) form->addRow("resolution (dpi)", dpi);
  else dpi->setParent(&dialog), dpi->hide();  // the dialog's child all the same, after width and height
  auto* result = new QLabel;  // what the file will be: the boxes' pixels are the screen's
  result->setObjectName(png ? "pngSize" : "pageSize");
  const auto showResult = [=] {
    const QSize frame(width->value(), height->value());
    result->setText(png ? pngSizeText(frame, 96, dpi->value()) : pageSizeText(frame) + ", fonts as on screen");
  };
  showResult();
  for (QSpinBox* box : {width, height, dpi}) QObject::connect(box, &QSpinBox::valueChanged, result, showResult);
  form->addRow(png ? "image" : "page", result);
  // A journal's width, 3 high for 4 wide (a wide dock's proportions would leave a column's figure a strip
  // of data), raised to what its legend needs; on screen: the plot's size.
  QObject::connect(preset, &QComboBox::currentIndexChanged, &dialog, [=](int index) {
    const int w = index == 0 ? onScreen.width() : std::max(width->minimum(), pixelsFor(kPageWidths[index - 1].cm));
    const int h = index == 0 ? onScreen.height() : qRound(w * 0.75);
    width->setValue(w);
    height->setValue(std::max(h, least(w, h)));
  });
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
  return FigureSize{width->value(), height->value(), png ? dpi->value() : 300};
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
  const std::optional<FigureSize> size = askFigureSize(plot, plot->size(), leastHeight, path.endsWith(".png", Qt::CaseInsensitive));
  if (!size) return {};
  if (const QString error = exportPlot(plot, path, *size); !error.isEmpty()) {
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
