// Support evolution of one signal under one method: a raster (iteration x atom) coloured by the sign and
// magnitude of z_t, the support of the solution z* marked to the right, and under it |S_t| against t,
// with OISTA's fallbacks to 1/L (the oracle step was rejected) marked.
#pragma once

#include "plots/workbench_plot.h"
#include "run/convergence_snapshot.h"

namespace unfold::ui {

class SupportRasterPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit SupportRasterPlot(QWidget* parent = nullptr);
  // Shows `signal` (0-based, below snapshot.inspected) under `method`; nothing if either is missing.
  void showSignal(const ConvergenceSnapshot& snapshot, MethodKey method, int signal);
  QString toCsv() const override;
  void rescale() override;
  QCPColorMap* raster() const { return raster_; }
  QCPGraph* rejectedMarks() const { return rejected_; }

 protected:
  double readOutKey(const QCPGraph* graph, double key) const override;

 private:
  QCPAxisRect* bottom_ = nullptr;
  QCPColorMap* raster_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QCPGraph *supportSize_ = nullptr, *rejected_ = nullptr, *solutionPositive_ = nullptr, *solutionNegative_ = nullptr;
  QCPItemText* solutionLabel_ = nullptr;  // names the solution's marks: the plot has no legend
  bool solutionMarked_ = false;
  ConvergenceSnapshot snapshot_;  // shares the iterates with the window's copy (implicit sharing)
  MethodKey method_ = Algorithm::Oista;
  int signal_ = -1;
  int rasterRows(int atoms) const;  // at most one row per two pixels of the panel's height
  int filledRows_ = 0;  // the rows fillRaster drew (the map's data may be an SVG's crop of them meanwhile)
  void fitSolutionMarks();  // triangles where the atoms' rows are far enough apart, else bars
  int marksBarHeight_ = 0;  // pixels; 0: triangles
  double fillRaster(const ConvergenceCurve& curve);  // returns the largest |z| drawn
  int columns_ = 0;  // the iterates drawn, t = 0 to columns_ - 1: in a long run, up to a little after settled
  // The last t at which the signal's signs change or OISTA's step is rejected, scanned on from where the
  // last snapshot of the same run left off (the iterates recorded never change).
  int settledAt(const ConvergenceCurve& curve, int signal);
  struct {
    std::shared_ptr<const IterateHistory> history;  // held: a new run's cannot take its address
    int signal = -1, scanned = 1, settled = 0;
  } settledScan_;
};

}  // namespace unfold::ui
