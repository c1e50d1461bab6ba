// unfoldlab reproduce at toy sizes (--tiny): every figure is written in the three formats with its CSV,
// and the CSVs hold the paper's claims: OISTA ends below ISTA, the Marchenko-Pastur curve follows the
// empirical L_S/L, SLISTA learns steps above 1/L, and the networks run resumes from what it saved.
#include "reproduce.h"

#include "base/input_error.h"
#include "commands.h"
#include "csv_table.h"
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "io/network_file.h"
#include "linalg/dictionary.h"
#include "plots/paper_figure.h"
#include "text_files.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace unfold;

namespace {

int runFigure(const QStringList& arguments, std::string* output = nullptr, std::string* errors = nullptr) {
  std::ostringstream out, err;
  const int code = cli::runCommandLine(QStringList{"reproduce"} + arguments, out, err);
  if (output) *output = out.str();
  if (errors) *errors = err.str();
  return code;
}

}  // namespace

class TestReproduce : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { cli::registerCommand("reproduce", unfold::reproduce::runReproduce); }

  // A paper figure's log axis spans the data and the margin, in factors: 1e-3..10 by 2 is 5e-4..20.
  void paperFigureLogAxisFitsItsData() {
    ui::PaperFigure figure("t", 1, 1);
    QCPAxisRect* panel = figure.panel(0, 0);
    figure.addLine(panel, "a", {1, 2, 3}, {1e-3, 0.5, 10}, QPen(Qt::black));
    ui::PaperFigure::fitLogarithmic(panel->axis(QCPAxis::atLeft), 2);
    const QCPAxis* axis = panel->axis(QCPAxis::atLeft);
    QCOMPARE(axis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY2(std::abs(axis->range().lower - 5e-4) < 1e-15 && std::abs(axis->range().upper - 20) < 1e-12,
             qPrintable(QString("%1 .. %2").arg(axis->range().lower).arg(axis->range().upper)));
  }

  // A band added after its line still lies under it (a translucent band over a line tints it away from
  // its legend's colour: FISTA's orange read olive in Fig. 2).
  void paperFigureBandsLieUnderTheLines() {
    ui::PaperFigure figure("t", 1, 1);
    QCPAxisRect* panel = figure.panel(0, 0);
    const QCPGraph* line = figure.addLine(panel, "a", {1, 2, 3}, {1, 2, 3}, QPen(Qt::black));
    figure.addBand(panel, {1, 2, 3}, {0.5, 1.5, 2.5}, {1.5, 2.5, 3.5}, Qt::red);
    int bands = 0;
    for (int i = 0; i < figure.plot().graphCount(); ++i) {
      const QCPGraph* g = figure.plot().graph(i);
      if (g == line) continue;
      ++bands;
      QVERIFY(g->layer()->index() < line->layer()->index());
    }
    QCOMPARE(bands, 2);
  }

  // A short linear panel's numbers half a line apart at least, as rendered ("12.5 10 7.5 5 2.5 0" ran
  // together in Fig. 2's step panel, a third of 560 px: 20 px apart in 17-px type).
  void paperFigureShortPanelsKeepTheirNumbersApart() {
    ui::PaperFigure figure("t", 2, 1, 720, 560);
    figure.addLine(figure.panel(0, 0), "a", {0, 60}, {1, 2}, QPen(Qt::black));
    figure.addLine(figure.panel(1, 0), "b", {0, 60}, {0, 13.8}, QPen(Qt::black));
    figure.setRowStretch({2.0, 1.0});
    QCPAxis* axis = figure.panel(1, 0)->axis(QCPAxis::atLeft);
    axis->rescale();
    QVERIFY(!figure.render("png").isEmpty());
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    QVERIFY(ticks.size() >= 2);
    for (qsizetype k = 1; k < ticks.size(); ++k)
      QVERIFY2(std::abs(axis->coordToPixel(ticks[k]) - axis->coordToPixel(ticks[k - 1])) >= 1.5 * QFontMetrics(axis->tickLabelFont()).height(),
               qPrintable(QStringList(labels.begin(), labels.end()).join(" ")));
  }

  // The legend's first column starts at the panels' left edge, as rendered, and every entry stays inside
  // the figure (a row from the figure's edge, under the y label, looked adrift).
  void paperFigureLegendLinesUpWithThePanels() {
    ui::PaperFigure figure("t", 1, 2);
    for (const char* name : {"ISTA", "FISTA", "OISTA", "ISTA-BT", "step: OISTA, signal 0", "step: 1/L (ISTA, FISTA)"})
      figure.addLine(figure.panel(0, 0), name, {0, 1}, {1e-3, 10}, QPen(Qt::black));
    figure.panel(0, 0)->axis(QCPAxis::atLeft)->setLabel("F(zₜ) − F*");  // a left margin wider than the legend's
    figure.panel(0, 0)->axis(QCPAxis::atLeft)->setRange(-12345.5, 12345.5);
    QVERIFY(!figure.render("svg").isEmpty());
    const QCPLegend* legend = figure.plot().legend;
    QVERIFY2(figure.panel(0, 0)->left() > 60, qPrintable(QString::number(figure.panel(0, 0)->left())));
    QVERIFY2(std::abs(legend->item(0)->rect().left() - figure.panel(0, 0)->left()) <= 1,
             qPrintable(QString("%1 %2").arg(legend->item(0)->rect().left()).arg(figure.panel(0, 0)->left())));
    for (int i = 0; i < legend->itemCount(); ++i) QVERIFY(legend->item(i)->rect().right() <= 720);
  }

  // A named band has a legend key filled with its colour; an unnamed one has none.
  void paperFigureListsNamedBandsOnly() {
    ui::PaperFigure figure("t", 1, 1);
    figure.addBand(figure.panel(0, 0), {0, 1}, {1, 1}, {2, 2}, Qt::red);
    QCOMPARE(figure.plot().legend->itemCount(), 0);
    figure.addBand(figure.panel(0, 0), {0, 1}, {1, 1}, {2, 2}, Qt::blue, "OISTA: 10–90 % of signals");
    QCOMPARE(figure.plot().legend->itemCount(), 1);
    auto* key = qobject_cast<QCPPlottableLegendItem*>(figure.plot().legend->item(0));
    QVERIFY(key);
    QCOMPARE(key->plottable()->name(), QString("OISTA: 10–90 % of signals"));
    QCOMPARE(key->plottable()->brush().color().rgb(), QColor(Qt::blue).rgb());
  }

  void oistaFigure() {
    QTemporaryDir dir;
    std::string out;
    QCOMPARE(runFigure({"oista", "--tiny", "--out", dir.path()}, &out), 0);
    for (const char* suffix : {".png", ".pdf", ".svg", ".csv"})
      QVERIFY2(QString::fromStdString(out).contains(dir.filePath(QString("oista") + suffix)), suffix);
    const QImage png(dir.filePath("oista.png"));
    QCOMPARE(png.width(), 720 * 300 / 96);  // 300 dpi
    QCOMPARE(png.height(), 560 * 300 / 96);
    QFile pdf(dir.filePath("oista.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
    QFile svg(dir.filePath("oista.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("OISTA"));
    const CsvTable csv = CsvTable::fromFile(dir.filePath("oista.csv"));
    QCOMPARE(csv.header.mid(0, 4), (QStringList{"iteration", "ista_gap", "fista_gap", "oista_gap"}));
    QCOMPARE(csv.rows.size(), 61);  // t = 0..60
    const qsizetype last = csv.rows.size() - 1;
    QVERIFY2(csv.at(last, "oista_gap") < 0.1 * csv.at(last, "ista_gap"), qPrintable(csv.rows[last].join(',')));  // OISTA far below ISTA
    QCOMPARE(csv.at(0, "oista_step_times_l_mean"), 1.0);  // OISTA's first step is 1/L (z = 0 has an empty support)
    double largest = 0;
    for (qsizetype t = 0; t < csv.rows.size(); ++t) largest = std::max(largest, csv.at(t, "oista_step_times_l_signal0"));
    QVERIFY(largest > 2.0);  // then it takes steps well above 1/L
    // ISTA with backtracking, the fourth curve: its columns come after the first three solvers'.
    QCOMPARE(csv.header.mid(15), (QStringList{"ista_bt_gap", "ista_bt_gap_q10", "ista_bt_gap_q90", "ista_bt_gap_median",
                                              "ista_bt_step_times_l_mean"}));
    QVERIFY2(csv.at(last, "ista_bt_gap") < 0.1 * csv.at(last, "ista_gap"), qPrintable(csv.rows[last].join(',')));
    QCOMPARE(csv.at(0, "ista_bt_step_times_l_mean"), 1.0);
  }

  void lsRatioFigure() {
    QTemporaryDir dir;
    QCOMPARE(runFigure({"ls-ratio", "--tiny", "--out", dir.path()}), 0);
    const CsvTable csv = CsvTable::fromFile(dir.filePath("ls-ratio.csv"));
    QCOMPARE(csv.header, (QStringList{"zeta", "support_size", "ls_over_l_mean", "ls_over_l_q10", "ls_over_l_q90", "marchenko_pastur"}));
    QCOMPARE(csv.rows.size(), 12);
    for (qsizetype k = 0; k < csv.rows.size(); ++k) {
      const double zeta = csv.at(k, "zeta"), mean = csv.at(k, "ls_over_l_mean"), law = csv.at(k, "marchenko_pastur");
      QVERIFY(csv.at(k, "ls_over_l_q10") <= mean + 1e-12 && mean <= csv.at(k, "ls_over_l_q90") + 1e-12);
      QVERIFY(mean > 0.0 && mean <= 1.0 + 1e-12);
      if (zeta >= 0.2) QVERIFY2(std::abs(law - mean) < 0.05 * mean, qPrintable(csv.rows[k].join(',')));  // the MP prediction
    }
    QVERIFY(std::abs(csv.at(11, "ls_over_l_mean") - 1.0) < 1e-12);  // S = all atoms: L_S = L
    QVERIFY(QFile::exists(dir.filePath("ls-ratio.svg")) && QFile::exists(dir.filePath("ls-ratio.pdf")));
  }

  void learnedStepsAndCouplingFigures() {
    QTemporaryDir dir;
    QCOMPARE(runFigure({"learned-steps", "--tiny", "--out", dir.path()}), 0);
    const CsvTable steps = CsvTable::fromFile(dir.filePath("learned-steps.csv"));
    QCOMPARE(steps.header.mid(0, 7), (QStringList{"layer", "test_cost", "test_gap", "ista_gap", "fista_gap", "step_times_l", "coupling"}));
    QCOMPARE(steps.rows.size(), 8);
    QVERIFY(steps.at(7, "test_gap") < steps.at(7, "ista_gap"));  // SLISTA beats ISTA at depth T
    for (qsizetype t = 1; t < steps.rows.size(); ++t)
      QVERIFY2(steps.at(t, "step_times_l") > 1.0, qPrintable(steps.rows[t].join(',')));  // steps > 1/L
    QCOMPARE(runFigure({"coupling", "--tiny", "--out", dir.path()}), 0);
    const CsvTable coupling = CsvTable::fromFile(dir.filePath("coupling.csv"));
    QCOMPARE(coupling.rows.size(), 5);
    for (qsizetype t = 0; t < coupling.rows.size(); ++t) QVERIFY(coupling.at(t, "coupling") > 0.0);
    // The control's layers start 0.5 from coupling; 8 steps per layer cannot take them anywhere near 0.
    const CsvTable control = CsvTable::fromFile(dir.filePath("coupling-control.csv"));
    QCOMPARE(control.rows.size(), 5);
    for (qsizetype t = 0; t < control.rows.size(); ++t) QVERIFY(control.at(t, "coupling") > 0.25);
    // Each figure in each format: PNGs that decode, a PDF and an SVG that are what they say.
    for (const char* name : {"learned-steps.png", "coupling.png"}) QVERIFY2(QImage(dir.filePath(name)).width() > 0, name);
    QFile pdf(dir.filePath("coupling.pdf")), svg(dir.filePath("coupling.svg"));
    QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-" && pdf.size() > 1000);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray vector = svg.readAll();
    QVERIFY(vector.contains("<svg") && vector.contains("</svg>"));
  }

  // Fig. E.2: at lambda = 0.8 OISTA needs fewer iterations than ISTA on every seed; every signal gets there.
  void iterationsFigure() {
    QTemporaryDir dir;
    QCOMPARE(runFigure({"iterations", "--tiny", "--out", dir.path()}), 0);
    for (const char* suffix : {".png", ".pdf", ".svg"}) QVERIFY(QFile::exists(dir.filePath(QString("iterations") + suffix)));
    const CsvTable runs = CsvTable::fromFile(dir.filePath("iterations.csv"));
    QCOMPARE(runs.header, QStringList({"lambda", "seed", "method", "median_iterations", "seconds_per_signal", "unreached"}));
    QCOMPARE(runs.rows.size(), qsizetype(3 * 2 * 4));  // lambdas x seeds x methods
    QMap<QString, double> ista, oista;
    for (qsizetype k = 0; k < runs.rows.size(); ++k) {
      QCOMPARE(runs.at(k, "unreached"), 0.0);
      QVERIFY(runs.at(k, "median_iterations") >= 1 && runs.at(k, "seconds_per_signal") > 0);
      if (runs.text(k, "lambda") != "0.8") continue;
      if (runs.text(k, "method") == "ista") ista[runs.text(k, "seed")] = runs.at(k, "median_iterations");
      if (runs.text(k, "method") == "oista") oista[runs.text(k, "seed")] = runs.at(k, "median_iterations");
    }
    QCOMPARE(oista.size(), 2);
    for (const QString& seed : oista.keys())
      QVERIFY2(oista[seed] < ista[seed], qPrintable(QString("seed %1: OISTA %2, ISTA %3").arg(seed).arg(oista[seed]).arg(ista[seed])));
  }

  // Fig. E.3: with as few as 5 training signals SLISTA (T parameters) beats LISTA-CP (T (nm + m)).
  void sampleSizeFigure() {
    QTemporaryDir dir;
    QCOMPARE(runFigure({"sample-size", "--tiny", "--out", dir.path()}), 0);
    const CsvTable runs = CsvTable::fromFile(dir.filePath("sample-size.csv"));
    QCOMPARE(runs.header, QStringList({"method", "train_signals", "seed", "test_gap"}));
    QCOMPARE(runs.rows.size(), qsizetype(3 * 2));  // sizes x methods
    QCOMPARE(runs.text(0, "method") + runs.text(0, "train_signals") + runs.text(1, "method"), QString("lista-cp5slista"));
    QVERIFY2(runs.at(1, "test_gap") < runs.at(0, "test_gap"), qPrintable(runs.rows[0].join(',') + " / " + runs.rows[1].join(',')));
    for (qsizetype k = 0; k < runs.rows.size(); ++k) QVERIFY(runs.at(k, "test_gap") > 0);
  }

  void networksFigureResumes() {
    QTemporaryDir dir;
    std::string err;
    QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
    QVERIFY2(QString::fromStdString(err).contains("24/24 networks, 100.0 % of the work done, ETA 0 s"), err.c_str());
    const CsvTable gaps = CsvTable::fromFile(dir.filePath("networks.csv"));
    QCOMPARE(gaps.header, (QStringList{"dataset", "lambda", "method", "depth", "test_gap"}));
    QCOMPARE(gaps.rows.size(), 2 * 2 * 5 * 2);  // datasets x lambdas x methods x depths
    for (qsizetype k = 0; k < gaps.rows.size(); ++k) QVERIFY2(gaps.at(k, "test_gap") >= -1e-12, qPrintable(gaps.rows[k].join(',')));
    // Drop two networks' rows: a rerun computes just those and keeps the rest.
    QFile file(dir.filePath("networks.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    const QByteArray kept = lines[5];
    lines.removeAt(10);
    lines.removeAt(2);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(lines.join('\n'));
    file.close();
    QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
    QVERIFY(QString::fromStdString(err).contains("resuming"));
    const CsvTable resumed = CsvTable::fromFile(dir.filePath("networks.csv"));
    QCOMPARE(resumed.rows.size(), 40);
    QVERIFY(resumed.rows.contains(QString::fromUtf8(kept).split(',')));
    const auto dropRow = [&](const QByteArray& prefix) {
      QFile results(dir.filePath("networks.csv"));
      if (!results.open(QIODevice::ReadOnly)) return QByteArray();
      QList<QByteArray> rows = results.readAll().split('\n');
      results.close();
      const auto at = std::find_if(rows.begin(), rows.end(), [&](const QByteArray& r) { return r.startsWith(prefix); });
      if (at == rows.end()) return QByteArray();
      const QByteArray row = *at;
      rows.erase(at);
      if (!results.open(QIODevice::WriteOnly | QIODevice::Truncate)) return QByteArray();
      results.write(rows.join('\n'));
      return row;
    };
    const auto rowOf = [&](const QByteArray& prefix) {
      for (const QByteArray& r : readText(dir.filePath("networks.csv")).toUtf8().split('\n'))
        if (r.startsWith(prefix)) return r;
      return QByteArray();
    };
    // Each depth starts from the trained one before it, saved as its setting's chain: a network saved
    // there before its row was written comes back from it, bit for bit, without training.
    const QString chain = dir.filePath("networks-chains/simulated-lambda0.1-slista.json");
    QVERIFY(QFile::exists(chain));
    const QByteArray deepest = dropRow("simulated,0.1,slista,3,");
    QVERIFY(!deepest.isEmpty());
    QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
    QVERIFY2(QString::fromStdString(err).contains(QRegularExpression("SLISTA   T= 3: gap \\S+,    0 steps,")), err.c_str());
    QCOMPARE(rowOf("simulated,0.1,slista,3,"), deepest);
    // Without the chain, the depth starts from ISTA, and says so.
    QVERIFY(QFile::remove(chain));
    QVERIFY(!dropRow("simulated,0.1,slista,3,").isEmpty());
    QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
    QVERIFY2(QString::fromStdString(err).contains("simulated-lambda0.1-slista.json: no trained T=1 network to start from: T=3 starts from ISTA"),
             err.c_str());
    QVERIFY(QFile::exists(chain));
    // A checkpoint of a network in training is picked up (and removed once the network is saved).
    QVERIFY(QFile::remove(chain));
    {
      const Dictionary d(gaussianDictionary(64, 256, 0));
      NetworkFile checkpoint{istaInitialization(Parametrization::Slista, d.atoms(), d.lipschitz(), 3), 64, 256, 0.1,
                             dictionaryHash(d.atoms()),
                             QJsonObject{{"dataset", "simulated"}, {"lambda", 0.1}, {"method", "slista"}, {"depth", 3},
                                         {"protocol", "signals=40 iterations=5 depths=1,3 optimizer=lbfgs start=shallower stall=20/0.01\n"}, {"iterations_done", 4}},
                             Matrix()};
      writeFileAtomically(dir.filePath("networks-checkpoint.json").toStdString(), formatNetworkJson(checkpoint));
      QFile results(dir.filePath("networks.csv"));
      QVERIFY(results.open(QIODevice::ReadOnly));
      QList<QByteArray> rows = results.readAll().split('\n');
      results.close();
      rows.erase(std::remove_if(rows.begin(), rows.end(), [](const QByteArray& r) { return r.startsWith("simulated,0.1,slista,3,"); }), rows.end());
      QVERIFY(results.open(QIODevice::WriteOnly | QIODevice::Truncate));
      results.write(rows.join('\n'));
      results.close();
      QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
      QVERIFY2(QString::fromStdString(err).contains("resuming slista T=3 from its checkpoint (4 steps done)"), err.c_str());
      QVERIFY(!QFile::exists(dir.filePath("networks-checkpoint.json")));
      QCOMPARE(CsvTable::fromFile(dir.filePath("networks.csv")).rows.size(), 40);
    }
    // Another protocol in the same folder is refused, not mixed.
    QCOMPARE(runFigure({"networks", "--quick", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("holds a networks run of another protocol"));
    // A damaged results file is named.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("dataset,lambda,method,depth,test_gap\nsimulated,0.1,slista\n");
    file.close();
    QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("line 2: not a result row"));
    // Results without the protocol's file are of an unknown protocol: refused too, not taken as this one's.
    QVERIFY(QFile::remove(dir.filePath("networks-protocol.txt")));
    QCOMPARE(runFigure({"networks", "--tiny", "--signals", "60", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("holds networks results (networks.csv) but no networks-protocol.txt"), err.c_str());
  }

  // The optimizer (L-BFGS unless told) is part of the protocol: its file says which, and another optimizer
  // in the same folder is refused rather than mixed.
  void networksOptimizerIsPartOfTheProtocol() {
    QTemporaryDir dir;
    std::string err;
    QCOMPARE(runFigure({"networks", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
    QCOMPARE(readText(dir.filePath("networks-protocol.txt")), QString("signals=40 iterations=5 depths=1,3 optimizer=lbfgs start=shallower stall=20/0.01\n"));
    QCOMPARE(runFigure({"networks", "--tiny", "--optimizer", "adam", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("holds a networks run of another protocol"));
    // A folder of a GD run (as every run was before the optimizer could be chosen) says how to continue it.
    QTemporaryDir gd;
    QCOMPARE(runFigure({"networks", "--tiny", "--optimizer", "gd", "--out", gd.path()}, nullptr, &err), 0);
    QCOMPARE(readText(QDir(gd.path()).filePath("networks-protocol.txt")), QString("signals=40 iterations=5 depths=1,3\n"));
    QCOMPARE(runFigure({"networks", "--tiny", "--out", gd.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("(a GD run: --optimizer gd continues it)"), err.c_str());
    QCOMPARE(runFigure({"networks", "--tiny", "--optimizer", "newton", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--optimizer: unknown optimizer 'newton' (gd, adam or lbfgs)"), err.c_str());
    QCOMPARE(runFigure({"oista", "--tiny", "--optimizer", "lbfgs", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--optimizer goes with the networks figure"), err.c_str());
  }

  void badArgumentsAreNamed() {
    std::string err;
    QCOMPARE(runFigure({"fig9", "--out", "/tmp"}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("unknown figure 'fig9'"));
    QCOMPARE(runFigure({"--out", "/tmp"}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("name a figure"));
    QCOMPARE(runFigure({"oista", "--tiny"}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("--out"));
    QCOMPARE(runFigure({"oista", "--tiny", "--out", "/proc/no/such"}, nullptr, &err), 2);
    QVERIFY(QString::fromStdString(err).contains("--out '/proc/no/such': cannot create the folder"));
    QTemporaryDir dir;
    const QString fresh = dir.filePath("fresh");
    QCOMPARE(runFigure({"oista", "--tiny", "--quick", "--out", fresh}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--tiny and --quick: give one of them"), err.c_str());
    // Refused after the folder was made: it does not stay behind, empty.
    QCOMPARE(runFigure({"networks", "--tiny", "--shard", "3/2", "--out", fresh}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--shard: '3/2' is not K/N"), err.c_str());
    QVERIFY(!QFileInfo::exists(fresh));
    // Nor do the empty parents made for it; a folder that was there stays.
    QCOMPARE(runFigure({"networks", "--tiny", "--shard", "3/2", "--out", fresh + "/a/b"}, nullptr, &err), 2);
    QVERIFY(!QFileInfo::exists(fresh));
    QVERIFY(QFileInfo(dir.path()).isDir());
  }

  // A figure's files are checked before anything is computed and replaced together: a refused output
  // leaves every file of every figure as it was.
  void outputsAreCheckedFirstAndWrittenTogether() {
    QTemporaryDir dir;
    const QDir out(dir.path());
    QVERIFY(writeText(out.filePath("oista.csv"), "old data\n"));
    QVERIFY(out.mkdir("ls-ratio.pdf"));  // a folder where a figure should go
    std::string err;
    QCOMPARE(runFigure({"all", "--tiny", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("ls-ratio.pdf: is a folder"), err.c_str());
    QVERIFY2(!QString::fromStdString(err).contains("reproducing"), "refused before any figure computes");
    QCOMPARE(readText(out.filePath("oista.csv")), QString("old data\n"));
    QCOMPARE(out.entryList(QDir::Files | QDir::Hidden), QStringList{"oista.csv"});  // no temporary left

    // A device (here through a symlink) is written in place, never replaced by a regular file.
    QVERIFY(QFile::link("/dev/null", out.filePath("oista.png")));
    QCOMPARE(runFigure({"oista", "--tiny", "--out", dir.path()}, nullptr, &err), 0);
    QVERIFY(QFileInfo(out.filePath("oista.png")).isSymLink());
    QVERIFY(readText(out.filePath("oista.csv")).startsWith("iteration,"));
    QVERIFY(QFileInfo(out.filePath("oista.pdf")).size() > 1000);
    // A link to a regular file is refused: the figure's files are named by the command, not the person.
    QTemporaryDir elsewhere;
    QVERIFY(writeText(QDir(elsewhere.path()).filePath("kept.csv"), "kept\n"));
    QVERIFY(QFile::remove(out.filePath("oista.csv")) && QFile::link(QDir(elsewhere.path()).filePath("kept.csv"), out.filePath("oista.csv")));
    QCOMPARE(runFigure({"oista", "--tiny", "--out", dir.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--out " + out.filePath("oista.csv") + " is a symbolic link to the file"), err.c_str());
    QCOMPARE(readText(QDir(elsewhere.path()).filePath("kept.csv")), QString("kept\n"));
  }
};

QTEST_MAIN(TestReproduce)
#include "test_reproduce.moc"
