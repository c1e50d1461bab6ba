// An SVG keeps no clip paths (Qt 6.4's generator drops them): a curve below a log axis's range ran
// through the tick labels, a band under the x axis. While one of these lives, every graph of the plot
// holds only what lies inside its axes' ranges: lines are cut where they leave (a gap until they come
// back), filled graphs (bands and their edges) are cut at the key range and held to the value range, so
// that the fill between two edges is the band's part inside (bent where an edge crosses the range's
// ends); points outside are left out; step lines are cut as their corners. The destructor gives every
// graph its data and look back.
#pragma once

#include <qcustomplot.h>

#include <vector>

namespace unfold::ui {

class GraphsClippedToAxes {
 public:
  explicit GraphsClippedToAxes(QCustomPlot* plot);
  ~GraphsClippedToAxes();
  GraphsClippedToAxes(const GraphsClippedToAxes&) = delete;
  GraphsClippedToAxes& operator=(const GraphsClippedToAxes&) = delete;

 private:
  struct Saved {
    QCPGraph* graph;
    QSharedPointer<QCPGraphDataContainer> data;
    QCPGraph::LineStyle lineStyle;
    bool adaptiveSampling;
  };
  QCustomPlot* plot_;
  std::vector<Saved> saved_;
  std::vector<QCPGraph*> standIns_;  // a cut line with markers: the line and its points drawn apart
};

}  // namespace unfold::ui
