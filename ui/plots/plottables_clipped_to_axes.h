// An SVG keeps no clip paths (Qt 6.4's generator drops them): a curve below a log axis's range ran
// through the tick labels, a band under the x axis. While one of these lives, every graph of the plot
// holds only what lies inside its axes' ranges: lines are cut where they leave (a gap until they come
// back), filled graphs (bands and their edges) are cut at the key range and held to the value range, so
// that the fill between two edges is the band's part inside (bent where an edge crosses the range's
// ends); points outside are left out; step lines are cut as their corners. A colour map (the support
// raster) holds only its part inside the axes, resampled finely enough that its edges fall on theirs.
// Parametric curves (QCPCurve, the 2-D view's paths) are cut as lines are, their points outside left
// out: QCustomPlot moves a curve's points beyond the axes onto a frame just outside them, which the
// screen clips but an SVG drew as lines along the axes' edges. The destructor gives every graph, curve
// and map its data and look back.
#pragma once

#include <qcustomplot.h>

#include <vector>

namespace unfold::ui {

class PlottablesClippedToAxes {
 public:
  explicit PlottablesClippedToAxes(QCustomPlot* plot);
  ~PlottablesClippedToAxes();
  PlottablesClippedToAxes(const PlottablesClippedToAxes&) = delete;
  PlottablesClippedToAxes& operator=(const PlottablesClippedToAxes&) = delete;

 private:
  struct Saved {
    QCPGraph* graph;
    QSharedPointer<QCPGraphDataContainer> data;
    QCPGraph::LineStyle lineStyle;
    bool adaptiveSampling;
  };
  struct SavedMap {
    QCPColorMap* map;
    QCPColorMapData* data;  // owned while here
    bool visible;
  };
  struct SavedCurve {
    QCPCurve* curve;
    QSharedPointer<QCPCurveDataContainer> data;
  };
  void cropColorMap(QCPColorMap* map);
  void cutCurve(QCPCurve* curve);
  QCustomPlot* plot_;
  std::vector<Saved> saved_;
  std::vector<SavedMap> savedMaps_;
  std::vector<SavedCurve> savedCurves_;
  std::vector<QCPGraph*> standIns_;  // a cut line with markers: the line and its points drawn apart
  std::vector<QCPCurve*> curveStandIns_;
};

}  // namespace unfold::ui
