// The workbench's Robustness dock: the trained networks of the shown run, attacked and shifted, and the
// signal it inspects drawn by the support and L_S/L plots.
#include "window/main_window.h"

#include "plots/robustness_plot.h"
#include "window/robustness_panel.h"
#include "window/settings_panel.h"

#include <QDockWidget>
#include <QMessageBox>
#include <QCoreApplication>
#include <QLabel>
#include <QScrollArea>
#include <QTimer>

#include <utility>

namespace unfold::ui {

void MainWindow::buildRobustnessDock() {
  robustness_ = new RobustnessPanel;
  auto* dock = new QDockWidget("Robustness", this);
  dock->setObjectName("robustness");
  auto* scroll = new QScrollArea;  // its form never widens the dock column the other plots share
  scroll->setWidget(robustness_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumSize(140, 110);
  dock->setWidget(scroll);
  addDockWidget(Qt::RightDockWidgetArea, dock);
  tabifyDockWidget(plotDocks_.value("coupling"), dock);  // the tall column: histogram and controls fit
  plotDocks_.insert("robustness", dock);
  // A bar clicked: its gaps, under the histogram, come into sight where the dock scrolls (at 1366 x 768 they
  // stood below its edge, and the click seemed to change nothing there). Not for the inspection an attack
  // makes by itself, nor in a dock behind another tab.
  connect(robustness_->plot(), &RobustnessPlot::signalPicked, this, [this] { scrollToInspection_ = true; });
  connect(robustness_, &RobustnessPanel::inspectionReady, this, [this, scroll](const ConvergenceSnapshot& inspection) {
    robustnessInspection_ = inspection;
    showInspected();
    if (!std::exchange(scrollToInspection_, false) || scroll->visibleRegion().isEmpty()) return;
    QTimer::singleShot(0, scroll, [this, scroll] {  // after the label's new lines are laid out
      auto* said = robustness_->findChild<QLabel*>("robustnessInspection");
      if (!said || said->text().isEmpty()) return;
      QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);  // the label at its new height
      scroll->ensureWidgetVisible(said, 0, 4);
    });
  });
  connect(robustness_, &RobustnessPanel::inspectedMethodChanged, this, [this] {
    if (robustnessInspection_) showInspected();
  });
  // Picking a solver's signal in the form takes the inspector back, and so does the inspected signal's end.
  const auto takeBack = [this] {
    if (!robustnessInspection_) return;
    robustnessInspection_.reset();
    showInspected();
  };
  connect(settings_, &SettingsPanel::inspectChanged, this, takeBack);
  connect(robustness_, &RobustnessPanel::inspectionDropped, this, takeBack);
  connect(robustness_, &RobustnessPanel::failed, this, [this](const QString& message) {
    if (dialogsEnabled_) QMessageBox::warning(this, "Robustness", message);
  });
}

MethodKey MainWindow::robustnessMethod() const { return robustness_->inspectedMethod(); }

}  // namespace unfold::ui
