#include "plots/training_curves_plot.h"

#include <algorithm>

namespace unfold::ui {

namespace {
constexpr const char* kTitle = "Training loss: solid train, dashed test";
constexpr const char* kKeptInTitle = ", \u25CB kept";  // while a circle is drawn (a training may keep no step)

// The legend of a network's training: "SLISTA from net.json: 100 steps, budget used" (opened from a file;
// without its file's name when trained here; a file's network trained on other signals says so). A file
// written before the record kept the losses holds no curve: the legend says why the plot is empty.
QString trainingLegend(const NetworkCurve& n) {
  const QString file = n.network.training.value("opened_from").toString();
  QString name = file.isEmpty() ? n.method : QString("%1 from %2").arg(n.method, file);
  if (n.otherTrainingSignals) name += " (trained on other signals)";
  const bool drawn = !n.trainIteration.isEmpty();
  const int steps = drawn ? int(n.trainIteration.back()) : n.network.training.value("iterations").toInt();
  if (!drawn && !n.reused) return n.method;  // training: no step yet
  if (steps == 0) return name + ": not trained (0 steps: its starting weights)";  // "0 steps, budget used" said both
  QString legend = QString("%1: %2 step%3, %4").arg(name).arg(steps).arg(steps == 1 ? "" : "s", n.stopLabel);
  // Kept where it started (ISTA's weights for a first stage): the curves may fall, the network did not
  // change, and without a word its plots would read as a trained network's.
  const QJsonValue best = n.network.training.value("best_test_loss");
  if (steps > 0 && best.isDouble() && best == n.network.training.value("initial_test_loss"))
    legend += ", start kept (no step lowered the test loss)";
  return drawn ? legend : legend + " (no training curve in its file)";
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
    // Once it ended, how far and why, in the legend.
    train->setName(n.trained || !n.stopLabel.isEmpty() ? trainingLegend(n) : n.method);
    // A short plot (a laptop's window) keeps a legend of names, and where the weights came from; of a
    // file's network trained on other signals, that first (its scores may be on its own training signals).
    const QString file = n.network.training.value("opened_from").toString();
    setShortName(train, n.otherTrainingSignals ? n.method + " (trained on other signals)"
                        : file.isEmpty()       ? n.method
                                               : QString("%1 from %2").arg(n.method, file));
    train->setPen(QPen(n.color, 2));
    train->setData(n.trainIteration, n.trainLoss, true);
    QCPGraph* test = addGraph();
    test->setName(n.method + " test");
    test->setPen(QPen(n.color, 1.5, Qt::DashLine));
    test->setData(n.trainIteration, n.testLoss, true);
    test->removeFromLegend();
    if (n.trainIteration.size() == 1)  // a line of one point draws nothing
      for (QCPGraph* g : {train, test}) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
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
