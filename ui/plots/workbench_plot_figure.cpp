// WorkbenchPlot's figures (workbench_plot.h): each laid out for its own size, and its exports.
#include "plots/figure_dialogs.h"
#include "plots/workbench_plot.h"

#include <QMessageBox>
#include <QRegularExpression>

namespace unfold::ui {

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

bool WorkbenchPlot::layOutForFigure(const QSize& size, bool title, bool legend) {
  if (!screenLegendInRow_) screenLegendInRow_ = legendInRow_;
  if (!screenLegendShown_) screenLegendShown_ = LegendShown{this->legend->visible(), legendHiddenForRoom_};
  titleShown_ = title;
  legendWanted_ = legend;
  // 2 px under each legend entry: a figure's text, rendered at its own resolution, runs a little taller
  // than the screen's metrics say, and an entry is clipped to its box (descenders were cut).
  padLegendItems(2);
  layOutAt(size);
  return !legend || !legendLeftOut();
}

void WorkbenchPlot::layOutForScreen() {
  // Where the screen had the legend, so that the figures' sizes leave no trace in its place.
  if (screenLegendInRow_) placeLegendInRow(*screenLegendInRow_);
  screenLegendInRow_.reset();
  // Shown or hidden as it was, and why: a legend hidden for want of room is tried again at the window's size.
  if (screenLegendShown_) {
    legend->setVisible(screenLegendShown_->visible);
    legendHiddenForRoom_ = screenLegendShown_->hiddenForRoom;
  }
  screenLegendShown_.reset();
  titleShown_ = true;
  legendWanted_ = true;
  padLegendItems(0);
  layOutAt(size());
  replot(QCustomPlot::rpQueuedReplot);
}

int WorkbenchPlot::smallestFigureHeight(int width, int height, bool title) {
  // (A figure without a legend fits every height: layOutForFigure's legend argument is not asked here.)
  const auto fits = [&](int h) { return layOutForFigure(QSize(width, h), title); };
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

bool WorkbenchPlot::refusedWithoutResults(const QString& dialogTitle) {
  if (showsResults()) return false;
  // An empty plot's figure would be its hint alone: say so rather than ask for a file name.
  const qsizetype open = title_.indexOf(" (");
  const QString why = hint_ && open > 0 && title_.endsWith(')') ? ": " + title_.mid(open + 2).chopped(1) : QString();
  QMessageBox::information(this, dialogTitle, QString("%1 shows no results yet%2.").arg(open > 0 ? title_.left(open) : title_, why));
  return true;
}

void WorkbenchPlot::exportFigureInteractively() {
  if (refusedWithoutResults("Export figure")) return;
  const QString path = unfold::ui::exportFigureInteractively(this, fileStem(), [this](int width, int height, bool title) {
    return smallestFigureHeight(width, height, title);
  });
  if (!path.isEmpty()) emit exported(path);
}

void WorkbenchPlot::exportDataInteractively() {
  if (refusedWithoutResults("Export data")) return;
  if (const QString path = unfold::ui::exportDataInteractively(this, fileStem(), toCsv()); !path.isEmpty()) emit exported(path);
}

}  // namespace unfold::ui
