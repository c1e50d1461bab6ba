// The Inspect box offers a trained network's layers as it offers a solver's iterations: the support
// evolution and L_S/L plots show its outputs z_1 .. z_T on the inspected signal (t = layer), the numbers
// of the network's own forward pass; a network still to train is greyed, and a pick of it comes back once
// the run has trained it; a session keeps it.
#include "csv_table.h"
#include "story_check.h"
#include "window_runs.h"

#include "networks/unfolded_network.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "run/session_file.h"
#include "run/workbench_problem.h"

#include <QComboBox>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QtTest>

#include <Eigen/Eigenvalues>

using namespace unfold;
using namespace unfold::ui;

namespace {

// The largest eigenvalue of D_S^T D_S for the support of z, directly (0 for an empty support).
double supportLipschitz(const Matrix& D, const Vector& z) {
  std::vector<Eigen::Index> support;
  for (Eigen::Index i = 0; i < z.size(); ++i)
    if (z(i) != 0.0) support.push_back(i);
  if (support.empty()) return 0.0;
  Matrix DS(D.rows(), static_cast<Eigen::Index>(support.size()));
  for (std::size_t k = 0; k < support.size(); ++k) DS.col(static_cast<Eigen::Index>(k)) = D.col(support[k]);
  return Eigen::SelfAdjointEigenSolver<Matrix>(DS.transpose() * DS).eigenvalues().maxCoeff();
}

}  // namespace

class TestNetworkInspection : public QObject {
  Q_OBJECT

  QComboBox* methods(MainWindow& w) { return w.settingsPanel()->findChild<QComboBox*>("inspectMethod"); }
  bool offered(MainWindow& w, const QString& text) {
    const int row = methods(w)->findText(text);
    return row >= 0 && qobject_cast<QStandardItemModel*>(methods(w)->model())->item(row)->isEnabled();
  }
  void pick(MainWindow& w, const QString& text) {  // as a person does: a choice in the list
    const int row = methods(w)->findText(text);
    methods(w)->setCurrentIndex(row);
    emit methods(w)->activated(row);
  }

 private slots:
  void aTrainedNetworksLayersAreInspected() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!offered(w, "SLISTA (layers)"));  // nothing trained before a run
    ExperimentSettings settings = smallNetworks();  // LISTA-CP and SLISTA, 5 layers
    QVERIFY(runSettings(w, settings));
    QVERIFY(offered(w, "SLISTA (layers)") && offered(w, "LISTA-CP (layers)"));
    QVERIFY(!offered(w, "LISTA (layers)") && !offered(w, "ALISTA (layers)"));  // not in this run
    pick(w, "SLISTA (layers)");
    w.settingsPanel()->findChild<QSpinBox*>("inspectSignal")->setValue(3);
    QTRY_VERIFY(w.supportPlot()->title().contains("SLISTA") && w.supportPlot()->title().contains("signal 3"));
    QCOMPARE(w.supportPlot()->xAxis->label().section(' ', 0, 1), QString("layer t"));
    QCOMPARE(w.ratioPlot()->title(), QString("Lₛ / L: SLISTA"));
    QCOMPARE(storyProblems(w), QString());

    // Its outputs layer by layer, and L_S / L of their supports, as the network and D give them.
    const WorkbenchProblem problem = buildProblem(settings);
    const NetworkCurve* slista = nullptr;
    for (const NetworkCurve& n : w.shownSnapshot().networks)
      if (n.kind == Parametrization::Slista) slista = &n;
    QVERIFY(slista && slista->trained);
    const UnfoldedNetwork network(*problem.dictionary, slista->network.lambda, slista->network.weights);
    std::vector<Matrix> layers;
    network.forward(Matrix(problem.test.X.col(3)), &layers);
    const Matrix& D = problem.dictionary->atoms();
    const double L = Eigen::SelfAdjointEigenSolver<Matrix>(D.transpose() * D).eigenvalues().maxCoeff();
    const CsvTable csv = CsvTable::fromText(w.supportPlot()->toCsv());
    QCOMPARE(csv.rows.size(), qsizetype(settings.layers + 1));
    for (int t = 0; t <= settings.layers; ++t) {
      const Vector z = t == 0 ? Vector::Zero(D.cols()) : Vector(layers[static_cast<std::size_t>(t - 1)].col(0));
      QCOMPARE(csv.at(t, "iteration"), double(t));
      for (Eigen::Index i = 0; i < z.size(); ++i)
        QVERIFY2(std::abs(csv.at(t, QString("z_%1").arg(i)) - z(i)) <= 1e-12 * (1 + std::abs(z(i))), qPrintable(QString("t = %1, i = %2").arg(t).arg(i)));
      const double expected = supportLipschitz(D, z) / L;
      QVERIFY2(std::abs(csv.at(t, "ls_over_l") - expected) <= 1e-8,
               qPrintable(QString("t = %1: %2 vs %3").arg(t).arg(csv.at(t, "ls_over_l")).arg(expected)));
    }
    const QCPGraph* chosen = w.ratioPlot()->curve("signal 3");
    QVERIFY(chosen && chosen->dataCount() == settings.layers + 1);
    QCOMPARE(chosen->data()->at(settings.layers)->value, csv.at(settings.layers, "ls_over_l"));

    // A session keeps the pick.
    QString error;
    const auto session = parseSession(formatSession(w.currentSession()), "s.json", &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->inspectedMethod, MethodKey(Parametrization::Slista));

    // Another problem, held at t = 0 (Reset): before its networks train the list shows a solver (SLISTA
    // greyed); SLISTA again once they are trained.
    settings.seed += 1;
    w.settingsPanel()->setSettings(settings, SettingsPanel::Quietly);
    w.reset();
    QTRY_VERIFY(w.shownSnapshot().generation == w.latestGeneration() && !w.shownSnapshot().curves.isEmpty());
    QVERIFY(w.shownSnapshot().networks.isEmpty());
    QVERIFY(!offered(w, "SLISTA (layers)"));
    QCOMPARE(w.settingsPanel()->inspectedMethod(), MethodKey(Algorithm::Oista));
    QCOMPARE(storyProblems(w), QString());
    // Meanwhile the pick stands: a session saved now keeps it, and another signal (a dot of the L_S/L cloud) too.
    QCOMPARE(w.currentSession().inspectedMethod, MethodKey(Parametrization::Slista));
    emit w.ratioPlot()->signalPicked(2);
    QCOMPARE(w.settingsPanel()->inspectedSignal(), 2);
    QCOMPARE(w.currentSession().inspectedMethod, MethodKey(Parametrization::Slista));
    QSignalSpy finished(&w, &MainWindow::runFinished);
    w.togglePause();
    QVERIFY(finished.wait(60000));
    QTRY_COMPARE(w.settingsPanel()->inspectedMethod(), MethodKey(Parametrization::Slista));
    QTRY_VERIFY(w.supportPlot()->title().contains("SLISTA") && w.supportPlot()->title().contains("signal 2"));
    QCOMPARE(storyProblems(w), QString());
  }
};

QTEST_MAIN(TestNetworkInspection)
#include "test_network_inspection.moc"
