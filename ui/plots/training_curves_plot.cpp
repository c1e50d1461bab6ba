#include "plots/training_curves_plot.h"

#include <algorithm>

namespace unfold::ui {

namespace {
constexpr const char* kTitle = "Training loss: solid train, dashed test";
constexpr const char* kKeptInTitle = ", \u25CB kept";  // while a circle is drawn (a training may keep no step)

// "from net.json (100 steps, budget used)": where weights trained elsewhere came from, and how far.
QString trainedWhere(const NetworkCurve& n) {
  const QString file = n.network.training.value("opened_from").toString();
  const int steps = n.network.training.value("iterations").toInt();
  const QString how = steps > 0 ? QString("%1 step%2, %3").arg(steps).arg(steps == 1 ? "" : "s", n.stopLabel) : n.stopLabel;
  return file.isEmpty() ? "trained earlier (" + how + ")" : QString("from %1 (%2)").arg(file, how);
}

}  // namespace

TrainingCurvesPlot::TrainingCurvesPlot(QWidget* parent) : WorkbenchPlot(kTitle, parent) {
  xAxis->setLabel("optimizer step");
  yAxis->setLabel("loss");
}

void TrainingCurvesPlot::showSnapshot(const ConvergenceSnapshot& snapshot) {
  setDataLive(!snapshot.ended());
  const bool fresh = snapshot_.networks.isEmpty() || snapshot.generation != snapshot_.generation;
  snapshot_ = snapshot;
  clearPlot();
  double low = qInf(), high = 0;
  bool anyKept = false;
  for (const NetworkCurve& n : snapshot.networks) {
    QCPGraph* train = addGraph();
    train->setName(n.method);
    if ((n.trained || !n.stopLabel.isEmpty()) && !n.trainIteration.isEmpty())  // why it ended, in the legend
      train->setName(QString("%1: %2 step%3, %4").arg(n.method).arg(n.trainIteration.back())
                         .arg(n.trainIteration.back() == 1 ? "" : "s", n.stopLabel));
    else if (n.reused)  // a network file from `train` holds no curve: the legend says why the plot is empty
      train->setName(QString("%1: %2, no training curve in its file").arg(n.method, trainedWhere(n)));
    setShortName(train, n.method);  // a short plot (a laptop's window) keeps a legend of names
    train->setPen(QPen(n.color, 2));
    train->setData(n.trainIteration, n.trainLoss, true);
    QCPGraph* test = addGraph();
    test->setName(n.method + " test");
    test->setPen(QPen(n.color, 1.5, Qt::DashLine));
    test->setData(n.trainIteration, n.testLoss, true);
    test->removeFromLegend();
    attachBand(train, test, test);  // one legend entry shows and hides both
    if (const qsizetype k = keptStep(n); k >= 0) {
      anyKept = true;
      QCPGraph* kept = addGraph();
      kept->setName(n.method + ": weights kept (lowest test loss)");  // what the read-out says
      kept->setLineStyle(QCPGraph::lsNone);
      kept->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(n.color, 2), Qt::white, 9));
      kept->addData(n.trainIteration[k], n.testLoss[k]);
      kept->removeFromLegend();
      attachCompanion(train, kept);
    }
    restoreVisibility(train);
    for (const QVector<double>* v : {&n.trainLoss, &n.testLoss})
      for (double x : *v)
        if (x > 0) low = std::min(low, x), high = std::max(high, x);
  }
  // Linear for a new run; log once the losses span more than a decade (semi-supervised losses fall by
  // orders of magnitude, the unsupervised one levels off at the mean F*).
  if (fresh && logarithmicY()) setLogarithmicY(false);
  if (high > 10 * low && !logarithmicY()) setLogarithmicY(true);
  // Nothing trained yet: no empty legend box, and a title that says what would show here.
  legend->setVisible(!snapshot.networks.isEmpty());
  if (snapshot.networks.isEmpty()) setHintTitle(QString("Training (%1)").arg(snapshot.networksHint()));
  else setTitle(QString(kTitle) + (anyKept ? kKeptInTitle : ""));
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCurvesPlot::rescale() {
  WorkbenchPlot::rescale();
  // Room for a kept-step circle (9 px) at the first or last step, which would otherwise be cut in half.
  const QCPRange x = xAxis->range();
  const double pad = 8.0 * x.size() / std::max(1, axisRect()->width() - 16);
  xAxis->setRange(x.lower - pad, x.upper + pad);
}

qsizetype TrainingCurvesPlot::keptStep(const NetworkCurve& network) {
  const QJsonValue best = network.network.training.value("best_test_loss");
  if (!best.isDouble()) return -1;
  // The last step that reached the kept loss (layer-wise training keeps its last stage's best), and of
  // a run of equal values the first: Adam repeats the last evaluation between evaluations.
  qsizetype k = network.testLoss.lastIndexOf(best.toDouble());
  while (k > 0 && network.testLoss[k - 1] == network.testLoss[k]) --k;
  return k;
}

QString TrainingCurvesPlot::toCsv() const {
  QString out = "network,step,train_loss,test_loss\n";
  for (const NetworkCurve& n : snapshot_.networks)
    for (qsizetype k = 0; k < n.trainIteration.size(); ++k)
      out += QString("%1,%2,%3,%4\n").arg(n.method).arg(n.trainIteration[k]).arg(n.trainLoss[k], 0, 'g', 17)
                 .arg(n.testLoss[k], 0, 'g', 17);
  return out;
}

}  // namespace unfold::ui
