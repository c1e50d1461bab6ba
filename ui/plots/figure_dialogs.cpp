#include "plots/figure_dialogs.h"

#include "plots/workbench_plot.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
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

namespace {

// The size dialog: a preset width (as on screen, a journal's), the pixels it comes to (or typed in), a
// PNG's resolution, and whether the figure keeps the plot's title (a workbench plot's) and its legend.
class FigureSizeDialog : public QDialog {
 public:
  FigureSizeDialog(QWidget* parent, QSize onScreen, const LeastFigureHeight& least, bool png, bool titleOptional,
                   bool legendOptional)
      : QDialog(parent), onScreen_(onScreen), least_(least), png_(png), titleOptional_(titleOptional),
        legendOptional_(legendOptional) {
    setWindowTitle(png ? "PNG size" : "Figure size");
    auto* form = new QFormLayout(this);
    preset_->setObjectName("figureWidthPreset");
    preset_->addItem(QString("as on screen, %1").arg(pageSizeText(onScreen)));
    for (const PageWidth& page : kPageWidths) preset_->addItem(page.name);
    preset_->addItem("as typed below");
    width_->setObjectName("figureWidth");
    height_->setObjectName("figureHeight");
    title_->setObjectName("figureTitle");
    legend_->setObjectName("figureLegend");
    width_->setRange(200, kTallestFigure);
    height_->setRange(150, kTallestFigure);
    dpi_->setRange(48, 1200);
    dpi_->setValue(300);
    form->addRow("size", preset_);
    form->addRow("width (px at 96 dpi)", width_);
    form->addRow("height (px at 96 dpi)", height_);
    if (png) form->addRow("resolution (dpi)", dpi_);
    else dpi_->hide();  // the dialog's child all the same, after width and height
    result_->setObjectName(png ? "pngSize" : "pageSize");  // what the file will be: the boxes' pixels are the screen's
    form->addRow(png ? "image" : "page", result_);
    title_->setChecked(true);
    legend_->setChecked(true);
    if (titleOptional) form->addRow("", title_);
    else title_->hide();
    if (legendOptional) form->addRow("", legend_);
    else legend_->hide();
    note_->setObjectName("legendRoom");
    note_->setWordWrap(true);
    note_->hide();
    form->addRow(note_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    applyPreset(0);
    connect(preset_, &QComboBox::currentIndexChanged, this, &FigureSizeDialog::applyPreset);
    connect(width_, &QSpinBox::valueChanged, this, [this] { sizeTyped(true); });
    connect(height_, &QSpinBox::valueChanged, this, [this] { sizeTyped(false); });
    connect(dpi_, &QSpinBox::valueChanged, this, &FigureSizeDialog::showResult);
    // With the legend again, a preset's height is raised to what it needs (a height typed in is checked at OK).
    connect(legend_, &QCheckBox::toggled, this, [this] {
      if (preset_->currentIndex() < preset_->count() - 1) applyPreset(preset_->currentIndex());
    });
    // Without its title the figure's legend may fit lower: the least height is asked again at OK.
    connect(buttons, &QDialogButtonBox::accepted, this, &FigureSizeDialog::acceptIfTheLegendFits);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    recallLastChoice();
  }

  FigureSize size() const {
    return {width_->value(), height_->value(), png_ ? dpi_->value() : 300, !titleOptional_ || title_->isChecked(),
            !legendOptional_ || legend_->isChecked()};
  }

  // The choices of this export, for the next one (a batch of figures for one journal: its column, without
  // titles, at its resolution), from any window (the 2-D view's figures go to the same journal) and after
  // the next launch (the journal is the same tomorrow).
  void rememberChoice() const {
    const QVariantMap choice{{"preset", preset_->currentIndex()}, {"width", width_->value()}, {"height", height_->value()},
                             {"title", title_->isChecked()}, {"legend", legend_->isChecked()}, {"dpi", dpi_->value()}};
    QSettings().setValue(kLastFigureChoiceKey, choice);
  }

 private:
  QSize onScreen_;
  LeastFigureHeight least_;
  bool png_, titleOptional_, legendOptional_;
  QComboBox* preset_ = new QComboBox(this);
  QSpinBox *width_ = new QSpinBox(this), *height_ = new QSpinBox(this), *dpi_ = new QSpinBox(this);
  QCheckBox* title_ = new QCheckBox("with the plot's title (leave it out where a caption says it)", this);
  QCheckBox* legend_ = new QCheckBox("with the legend (leave it out where a caption names the curves)", this);
  QLabel* result_ = new QLabel(this);
  QLabel* note_ = new QLabel(this);
  bool applying_ = false;  // a preset sets the boxes: not a size typed in

  // The last export's choices, if any: a journal's width (laid out for this plot's legend) or the size typed
  // in, the title, the legend, the resolution. The screen's size is this plot's own.
  void recallLastChoice() {
    const QVariantMap last = QSettings().value(kLastFigureChoiceKey).toMap();
    if (last.isEmpty()) return;
    title_->setChecked(last.value("title").toBool());
    legend_->setChecked(last.value("legend", true).toBool());
    dpi_->setValue(last.value("dpi").toInt());
    const int preset = last.value("preset").toInt();
    if (preset > 0 && preset <= int(std::size(kPageWidths))) {
      preset_->setCurrentIndex(preset);
    } else if (preset == preset_->count() - 1) {
      width_->setValue(last.value("width").toInt());
      height_->setValue(last.value("height").toInt());  // the box says "as typed below" by itself
    }
  }

  // A journal's width, 3 high for 4 wide (a wide dock's proportions would leave a column's figure a strip
  // of data), raised to what its legend needs; on screen: the plot's size; typed: the boxes stay.
  void applyPreset(int index) {
    if (index > int(std::size(kPageWidths))) return;
    const int w = index == 0 ? onScreen_.width() : std::max(width_->minimum(), pixelsFor(kPageWidths[index - 1].cm));
    const int h = index == 0 ? onScreen_.height() : qRound(w * 0.75);
    applying_ = true;
    width_->setValue(w);
    height_->setValue(std::max(h, leastHeight(w, h)));
    applying_ = false;
    showResult();
  }

  // A width typed over a preset's, or a height over the screen's (that preset names both), is no longer
  // the preset: the box says "as typed below" rather than a size the figure does not have.
  void sizeTyped(bool width) {
    if (!applying_ && (width || preset_->currentIndex() == 0)) {
      const QSignalBlocker blocker(preset_);
      preset_->setCurrentIndex(preset_->count() - 1);
    }
    showResult();
  }

  // The least height that shows the legend; any, for a figure without it.
  int leastHeight(int width, int height) const { return legend_->isChecked() ? least_(width, height, title_->isChecked()) : height; }

  void showResult() {
    const QSize frame(width_->value(), height_->value());
    result_->setText(png_ ? pngSizeText(frame, 96, dpi_->value()) : pageSizeText(frame) + ", fonts as on screen");
  }

  void acceptIfTheLegendFits() {
    const int fits = leastHeight(width_->value(), height_->value());
    if (fits == height_->value()) return accept();
    if (fits < 0) {
      note_->setText(QString("At %1 px wide the legend fits no height: make the figure wider.").arg(width_->value()));
    } else {
      note_->setText(QString("At %1 × %2 px the legend has no room: the height is now %3 px, the least that shows it "
                             "at this width. OK exports.").arg(width_->value()).arg(height_->value()).arg(fits));
      applying_ = true;  // the preset's width stays
      height_->setValue(fits);
      applying_ = false;
    }
    note_->show();
    adjustSize();  // the note's lines whole
  }
};

}  // namespace

std::optional<FigureSize> askFigureSize(QWidget* parent, QSize onScreen, const LeastFigureHeight& leastHeight, bool png,
                                        bool titleOptional, bool legendOptional) {
  FigureSizeDialog dialog(parent, onScreen, leastHeight ? leastHeight : [](int, int height, bool) { return height; }, png,
                          titleOptional, legendOptional);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  dialog.rememberChoice();
  return dialog.size();
}

QString exportFigureInteractively(QCustomPlot* plot, const QString& stem, const LeastFigureHeight& leastHeight) {
  const QString path = askOutputPath(plot, "Export figure", stem + ".pdf", "PDF (*.pdf);;SVG (*.svg);;PNG (*.png)");
  if (path.isEmpty()) return {};
  // A path that cannot be written is said before the PNG's size is asked for.
  if (const QString error = figurePathError(path); !error.isEmpty()) {
    QMessageBox::warning(plot, "Export figure", error);
    return {};
  }
  // A workbench plot has a title and a legend (which may be hidden for room on screen); another plot a legend
  // where it shows one.
  const bool workbench = qobject_cast<WorkbenchPlot*>(plot) != nullptr;
  const bool legend = workbench || (plot->legend->visible() && plot->legend->itemCount() > 0);
  const std::optional<FigureSize> size = askFigureSize(plot, plot->size(), leastHeight, path.endsWith(".png", Qt::CaseInsensitive),
                                                       workbench, legend);
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
