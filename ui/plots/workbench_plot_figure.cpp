// WorkbenchPlot's figures (workbench_plot.h): each laid out for its own size, and the export dialogs.
#include "plots/plot_export.h"
#include "plots/workbench_plot.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSpinBox>

namespace unfold::ui {

namespace {
constexpr int kTallestFigure = 4000;  // pixels at 96 dpi, as the PNG dialog offers
}  // namespace

void WorkbenchPlot::layOutAt(const QSize& size) {
  setViewport(QRect(QPoint(0, 0), size));
  fitTitle(size);
  arrangePanels(size);
  updateLayout();  // the panels at this size: rescale's margins are in their pixels
  const QCPRange view = yAxis->range();
  if (!userView_ && holdsData()) {
    rescale();
    sanitizeRanges();
  }
  makeRoomForLegend(LegendVisibility::RestoreHidden);
  if (userView_) yAxis->setRange(view);  // the legend's look fits the size; the user's view stays
  updateLayout();
}

bool WorkbenchPlot::layOutForFigure(const QSize& size) {
  if (!screenLegendInRow_) screenLegendInRow_ = legendInRow_;
  // 2 px under each legend entry: a figure's text, rendered at its own resolution, runs a little taller
  // than the screen's metrics say, and an entry is clipped to its box (descenders were cut).
  padLegendItems(2);
  layOutAt(size);
  return !legendLeftOut();
}

void WorkbenchPlot::layOutForScreen() {
  // Where the screen had the legend, so that the figures' sizes leave no trace in its place.
  if (screenLegendInRow_) placeLegendInRow(*screenLegendInRow_);
  screenLegendInRow_.reset();
  padLegendItems(0);
  layOutAt(size());
  replot(QCustomPlot::rpQueuedReplot);
}

int WorkbenchPlot::smallestFigureHeight(int width, int height) {
  const auto fits = [&](int h) { return layOutForFigure(QSize(width, h)); };
  int smallest = -1;
  if (fits(height)) {
    smallest = height;
  } else if (height < kTallestFigure && fits(kTallestFigure)) {
    int low = height, high = kTallestFigure;  // too short, tall enough
    while (high - low > 1) {
      const int middle = (low + high) / 2;
      (fits(middle) ? high : low) = middle;
    }
    smallest = high;
  }
  layOutForScreen();
  return smallest;
}

QString WorkbenchPlot::fileStem() const {
  // "Lₛ / L: OISTA" -> "ls-over-l": the title's name part in plain ASCII (NFKD turns ₛ into s).
  QString name = title_.section(':', 0, 0).section(" (", 0, 0).normalized(QString::NormalizationForm_KD).toLower();
  name.replace(" / ", " over ").remove(QRegularExpression("[^a-z0-9 _-]"));
  return name.simplified().replace(' ', '-');
}

std::optional<FigureSize> WorkbenchPlot::askPngSize() {
  // The size in pixels of the on-screen layout (96 dpi) and the resolution; a height too short for the
  // legend is raised to the least that shows it, and said, before anything is written.
  QDialog dialog(this);
  dialog.setWindowTitle("PNG size");
  auto* form = new QFormLayout(&dialog);
  auto* width = new QSpinBox;
  auto* height = new QSpinBox;
  auto* dpi = new QSpinBox;
  width->setRange(200, kTallestFigure);
  height->setRange(150, kTallestFigure);
  dpi->setRange(48, 1200);
  width->setValue(this->width());
  height->setValue(std::max(this->height(), smallestFigureHeight(width->value(), this->height())));
  dpi->setValue(300);
  form->addRow("width (px at 96 dpi)", width);
  form->addRow("height (px at 96 dpi)", height);
  form->addRow("resolution (dpi)", dpi);
  auto* pixels = new QLabel;  // what the file will be: the boxes' pixels are the screen's
  pixels->setObjectName("pngSize");
  const auto showPixels = [=] { pixels->setText(pngSizeText(QSize(width->value(), height->value()), 96, dpi->value())); };
  showPixels();
  for (QSpinBox* box : {width, height, dpi}) connect(box, &QSpinBox::valueChanged, pixels, showPixels);
  form->addRow("image", pixels);
  auto* note = new QLabel;
  note->setObjectName("legendRoom");
  note->setWordWrap(true);
  note->hide();
  form->addRow(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
    const int least = smallestFigureHeight(width->value(), height->value());
    if (least == height->value()) return dialog.accept();
    if (least < 0) {
      note->setText(QString("At %1 px wide the legend fits no height: make the figure wider.").arg(width->value()));
    } else {
      note->setText(QString("At %1 × %2 px the legend has no room: the height is now %3 px, the least that shows it "
                            "at this width. OK exports.").arg(width->value()).arg(height->value()).arg(least));
      height->setValue(least);
    }
    note->show();
    dialog.adjustSize();  // the note's lines whole
  });
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  return FigureSize{width->value(), height->value(), dpi->value()};
}

void WorkbenchPlot::exportFigureInteractively() {
  const QString base = fileStem();
  const QString path = askOutputPath(this, "Export figure", base + ".pdf", "PDF (*.pdf);;SVG (*.svg);;PNG (*.png)");
  if (path.isEmpty()) return;
  // A path that cannot be written is said before the PNG's size is asked for.
  if (const QString error = figurePathError(path); !error.isEmpty()) return void(QMessageBox::warning(this, "Export figure", error));
  FigureSize size;
  size.dpi = 300;
  if (path.endsWith(".png", Qt::CaseInsensitive)) {
    const std::optional<FigureSize> asked = askPngSize();
    if (!asked) return;
    size = *asked;
  }
  if (const QString error = exportPlot(this, path, size); !error.isEmpty()) QMessageBox::warning(this, "Export figure", error);
  else emit exported(path);
}

void WorkbenchPlot::exportDataInteractively() {
  const QString base = fileStem();
  const QString path = askOutputPath(this, "Export data", base + ".csv", "CSV (*.csv)");
  if (path.isEmpty()) return;
  if (const QString error = writeTextFile(path, toCsv()); !error.isEmpty()) QMessageBox::warning(this, "Export data", error);
  else emit exported(path);
}

}  // namespace unfold::ui
