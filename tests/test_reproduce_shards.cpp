// reproduce networks on a cluster (issue #13): --shard K/N splits the protocol by cost into disjoint parts,
// shards running at once on one folder never spoil each other's results, and the unsharded run afterwards
// trains nothing that is done and writes exactly what an unsharded run writes.
#include "protocol_progress.h"
#include "protocol_shards.h"
#include "protocol_spec.h"
#include "reproduce.h"

#include "commands.h"
#include "csv_table.h"
#include "text_files.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>
#include <sstream>

using namespace unfold;
using namespace unfold::reproduce;

namespace {

int runNetworks(const QStringList& arguments, std::string* output = nullptr, std::string* errors = nullptr) {
  std::ostringstream out, err;
  const int code = cli::runCommandLine(QStringList{"reproduce", "networks", "--tiny"} + arguments, out, err);
  if (output) *output = out.str();
  if (errors) *errors = err.str();
  return code;
}

// The protocol's networks: 2 datasets x 2 lambdas x 3 parametrizations x depths 1..30.
std::vector<ShardUnit> fullProtocolUnits() {
  std::vector<ShardUnit> units;
  for (const char* dataset : {"simulated", "digits"})
    for (double lambda : {0.1, 0.8})
      for (auto kind : {Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista})
        for (int depth = 1; depth <= 30; ++depth) units.push_back({dataset, lambda, kind, depth, networkCost(kind, depth, 3000)});
  return units;
}

}  // namespace

class TestReproduceShards : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { cli::registerCommand("reproduce", runReproduce); }

  void shardNamesAreKOverN_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("index");  // 0: refused
    QTest::addColumn<int>("count");
    QTest::newRow("1/1") << "1/1" << 1 << 1;
    QTest::newRow("3/4") << "3/4" << 3 << 4;
    QTest::newRow("10000/10000") << "10000/10000" << 10000 << 10000;
    for (const char* bad : {"0/4", "5/4", "1/0", "a/4", "1/4x", "+1/4", "1/", "/4", "14", "1/10001", "-1/4", " 1/4"})
      QTest::newRow(bad) << bad << 0 << 0;
  }
  void shardNamesAreKOverN() {
    QFETCH(QString, text);
    QFETCH(int, index);
    QFETCH(int, count);
    const auto shard = parseShard(text.toStdString());
    QCOMPARE(shard.has_value(), index > 0);
    if (shard) QCOMPARE(*shard, (Shard{index, count}));
  }

  // Every network in exactly one shard, the shards' costs within 1 % of each other on the full protocol.
  void shardsAreBalancedByCost() {
    const std::vector<ShardUnit> units = fullProtocolUnits();
    QCOMPARE(units.size(), size_t(360));
    for (int count : {1, 2, 3, 7, 16}) {
      const std::vector<int> shard = assignShards(units, count);
      std::vector<double> load(size_t(count), 0.0);
      for (size_t u = 0; u < units.size(); ++u) {
        QVERIFY(shard[u] >= 1 && shard[u] <= count);
        load[size_t(shard[u] - 1)] += units[u].cost;
      }
      const double total = std::accumulate(load.begin(), load.end(), 0.0);
      const auto [lightest, heaviest] = std::minmax_element(load.begin(), load.end());
      QVERIFY2(*heaviest <= 1.01 * total / count && *lightest >= 0.99 * total / count,
               qPrintable(QString("%1 shards: %2 .. %3").arg(count).arg(*lightest).arg(*heaviest)));
    }
    // By cost, not by count: one 30-layer network weighs as much as three 10-layer ones.
    const std::vector<ShardUnit> uneven{{"simulated", 0.1, Parametrization::Slista, 30, 30},
                                        {"simulated", 0.1, Parametrization::Slista, 10, 10},
                                        {"simulated", 0.1, Parametrization::Slista, 10, 10},
                                        {"simulated", 0.1, Parametrization::Slista, 10, 10}};
    QCOMPARE(assignShards(uneven, 2), (std::vector<int>{1, 2, 2, 2}));
  }

  // Two shards at once on one folder, then the plain run: it trains nothing and writes the bytes an
  // unsharded run writes.
  void shardsTogetherEqualOneRun() {
    QTemporaryDir plain, shared;
    QCOMPARE(runNetworks({"--out", plain.path()}), 0);
    std::string out;
    QCOMPARE(runNetworks({"--out", shared.path(), "--plan", "2"}, &out), 0);
    const QRegularExpressionMatch plan =
        QRegularExpression("shard 1/2 networks=(\\d+) seconds=\\d+ expected_seconds=\\d+\n"
                           "shard 2/2 networks=(\\d+) seconds=\\d+ expected_seconds=\\d+\nmax_seconds=\\d+\n")
            .match(QString::fromStdString(out));
    QVERIFY2(plan.hasMatch(), out.c_str());
    QCOMPARE(plan.captured(1).toInt() + plan.captured(2).toInt(), 2 * 2 * 3 * 2);
    QList<QProcess*> shards;
    for (const char* shard : {"1/2", "2/2"}) {
      auto* process = new QProcess(this);
      process->start(UNFOLDLAB_BINARY, {"reproduce", "networks", "--tiny", "--out", shared.path(), "--shard", shard});
      shards << process;
    }
    int trained = 0;  // every network by exactly one shard: their counts add up to all
    for (QProcess* process : shards) {
      QVERIFY(process->waitForFinished(120000));
      QCOMPARE(process->exitCode(), 0);
      const QString said = QString::fromUtf8(process->readAllStandardOutput());
      const QRegularExpressionMatch match = QRegularExpression("trained (\\d+) networks").match(said);
      QVERIFY2(match.hasMatch() && said.contains("once every shard is done, the same command without --shard draws the figure"),
               qPrintable(said));
      trained += match.captured(1).toInt();
    }
    QCOMPARE(trained, 2 * 2 * 3 * 2);
    QVERIFY(!QFile::exists(QDir(shared.path()).filePath("networks.png")));  // a shard draws nothing
    QCOMPARE(QDir(QDir(shared.path()).filePath("networks-shards")).entryList({"*.csv"}).size(), 2 * 2 * 3 * 2);
    QCOMPARE(runNetworks({"--out", shared.path(), "--plan", "2"}, &out), 0);
    QVERIFY2(QString::fromStdString(out).startsWith("shard 1/2 networks=0 seconds=0 expected_seconds=0\nshard 2/2 networks=0"), out.c_str());
    std::string err;
    QCOMPARE(runNetworks({"--out", shared.path()}, nullptr, &err), 0);
    QVERIFY2(!QString::fromStdString(err).contains(QRegularExpression("T= *\\d+: gap")), err.c_str());  // none trained again
    QCOMPARE(readText(QDir(shared.path()).filePath("networks.csv")), readText(QDir(plain.path()).filePath("networks.csv")));
    QVERIFY(QFile::exists(QDir(shared.path()).filePath("networks.png")));
    QVERIFY(QDir(QDir(shared.path()).filePath("networks-shards")).entryList({"*.csv"}).isEmpty());  // merged, then removed
  }

  // The full protocol's plan (nothing trained: a plan only counts) bounds each shard by every network using
  // all its steps, and expects the pace of the measured full run: 3,735 s for its 360 networks on the
  // 2-core reference machine, most of them stopped at the first stall check.
  void theFullProtocolsPlanExpectsTheMeasuredRun() {
    QTemporaryDir dir;
    std::ostringstream out, err;
    QCOMPARE(cli::runCommandLine({"reproduce", "networks", "--out", dir.path(), "--plan", "12"}, out, err), 0);
    const QString plan = QString::fromStdString(out.str());
    double expected = 0, largestBound = 0;
    int networks = 0;
    auto lines = QRegularExpression("shard \\d+/12 networks=(\\d+) seconds=(\\d+) expected_seconds=(\\d+)\n").globalMatch(plan);
    while (lines.hasNext()) {
      const QRegularExpressionMatch line = lines.next();
      networks += line.captured(1).toInt();
      QVERIFY2(line.captured(3).toDouble() < 0.5 * line.captured(2).toDouble(), qPrintable(plan));
      expected += line.captured(3).toDouble();
      largestBound = std::max(largestBound, line.captured(2).toDouble());
    }
    QCOMPARE(networks, 360);  // one chain of 30 depths a shard
    QVERIFY2(expected > 0.8 * 3735 && expected < 1.25 * 3735, qPrintable(plan));
    QVERIFY2(plan.endsWith(QString("max_seconds=%1\n").arg(largestBound)), qPrintable(plan));
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath("networks.csv")));
  }

  // The plan of a folder where some shards are done follows the split the shards make, not a new one.
  void aPlanFollowsTheShardsSplit() {
    QTemporaryDir dir;
    std::string before, after;
    QCOMPARE(runNetworks({"--out", dir.path(), "--plan", "2"}, &before), 0);
    QCOMPARE(runNetworks({"--out", dir.path(), "--shard", "1/2"}), 0);
    QCOMPARE(runNetworks({"--out", dir.path(), "--plan", "2"}, &after), 0);
    const QString secondShard = QString::fromStdString(before).split('\n')[1];
    QVERIFY2(QString::fromStdString(after).startsWith("shard 1/2 networks=0 seconds=0 expected_seconds=0\n" + secondShard + "\n"), after.c_str());
  }

  // The ETA of a protocol trained from ISTA's start: per setting, seconds = a depth^p fitted to what was
  // trained (p within [1, 2]); a setting not measured yet at the mean seconds per unit of cost.
  void etaFollowsEachSettingsLawInTheDepth() {
    Progress progress;
    const Progress::Setting quadratic{"simulated", 0.1, Parametrization::Slista}, flat{"simulated", 0.8, Parametrization::Slista},
        unseen{"digits", 0.1, Parametrization::Slista};
    progress.left = {{quadratic, {1, 2, 4}}, {flat, {1, 2, 8}}, {unseen, {3}}};
    progress.finished(quadratic, 1, networkCost(Parametrization::Slista, 1, 10), 10, 1.0);
    progress.finished(quadratic, 2, networkCost(Parametrization::Slista, 2, 10), 10, 4.0);  // p = 2, a = 1
    progress.finished(flat, 1, networkCost(Parametrization::Slista, 1, 10), 10, 2.0);
    progress.finished(flat, 2, networkCost(Parametrization::Slista, 2, 10), 10, 2.0);  // p = 0, clamped to 1: 1 s per layer
    // Left: quadratic T=4 (16 s), flat T=8 (8 s), unseen T=3 at 9 s / 60 units: 30 units, 4.5 s.
    QCOMPARE(progress.eta(10), 16.0 + 8.0 + 4.5);
    QCOMPARE(progress.doneNetworks, 4);
  }

  // Each depth from the one before: seconds = rate T (steps + 4) per setting, and a network still to
  // train takes the median steps of its setting's last three, at most those of a stalled network.
  void chainEtaFollowsEachSettingsPaceAndSteps() {
    Progress progress;
    progress.stalledSteps = 21;
    const Progress::Setting slowStart{"simulated", 0.1, Parametrization::Slista}, converged{"simulated", 0.8, Parametrization::Slista},
        unseen{"digits", 0.1, Parametrization::Slista};
    progress.left = {{slowStart, {1, 2, 4}}, {converged, {1, 2, 8}}, {unseen, {3}}};
    progress.finished(slowStart, 1, 1, 96, 10.0);  // 1 x (96 + 4) = 100 step-layers
    progress.finished(slowStart, 2, 1, 21, 5.0);   // 2 x 25 = 50: 15 s / 150, 0.1 s each
    progress.finished(converged, 1, 1, 0, 0.4);    // 4 step-layers
    progress.finished(converged, 2, 1, 0, 0.8);    // 8: 1.2 s / 12, 0.1 s each
    QVERIFY(progress.left[slowStart] == std::vector<int>{4});
    // slowStart T=4: median steps 58.5, at most 21: 0.1 x 4 x 25 = 10 s. converged T=8: 0 steps,
    // 0.1 x 8 x 4 = 3.2 s. unseen T=3 at the mean pace (16.2 s / 162 = 0.1) and 21 steps: 7.5 s.
    QVERIFY2(std::abs(progress.eta(10) - (10.0 + 3.2 + 7.5)) < 1e-9, qPrintable(QString::number(progress.eta(10))));
    // Three more of slowStart at 8 steps each: the rest is expected at 8 steps too.
    progress.left[slowStart] = {4, 5, 6, 7};
    for (int depth : {4, 5, 6}) progress.finished(slowStart, depth, 1, 8, 0.1 * depth * 12);
    // slowStart's pace: (15 + 0.1 x 15 x 12) / (150 + 15 x 12) = 0.1; T=7 at 8 steps: 0.1 x 7 x 12 = 8.4 s.
    QVERIFY2(std::abs(progress.eta(10) - (8.4 + 3.2 + 7.5)) < 1e-9, qPrintable(QString::number(progress.eta(10))));
  }

  // When each depth starts from the one before (the L-BFGS protocol), a setting's 30 networks are one
  // chain: one shard trains all of it, and the chains are balanced by their summed cost.
  void chainsStayInOneShard() {
    const std::vector<ShardUnit> units = fullProtocolUnits();
    for (int count : {1, 2, 3, 5, 12, 16}) {
      const std::vector<int> shard = assignChainShards(units, count);
      std::map<std::tuple<std::string, double, Parametrization>, int> shardOfChain;
      std::map<std::tuple<std::string, double, Parametrization>, double> chainCost;
      std::vector<double> load(size_t(count), 0.0);
      for (size_t u = 0; u < units.size(); ++u) {
        const auto chain = std::tuple(units[u].dataset, units[u].lambda, units[u].kind);
        QVERIFY(shard[u] >= 1 && shard[u] <= count);
        QCOMPARE(shardOfChain.emplace(chain, shard[u]).first->second, shard[u]);
        chainCost[chain] += units[u].cost;
        load[size_t(shard[u] - 1)] += units[u].cost;
      }
      QCOMPARE(shardOfChain.size(), size_t(12));
      double largest = 0;
      for (const auto& [chain, cost] : chainCost) largest = std::max(largest, cost);
      const double total = std::accumulate(load.begin(), load.end(), 0.0);
      const double heaviest = *std::max_element(load.begin(), load.end());
      QVERIFY2(heaviest <= std::max(largest, total / count + largest / 2) * 1.000001, qPrintable(QString::number(count)));
      const auto busy = std::count_if(load.begin(), load.end(), [](double l) { return l > 0; });
      QCOMPARE(busy, std::min<std::ptrdiff_t>(count, 12));
    }
    // Two shards: four LISTA-CP chains (1.4) and eight others (1) split evenly.
    const std::vector<int> two = assignChainShards(units, 2);
    double first = 0, second = 0;
    for (size_t u = 0; u < units.size(); ++u) (two[u] == 1 ? first : second) += units[u].cost;
    QCOMPARE(first, second);
  }

  void depthListsAreParsed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("depths");
    QTest::newRow("range") << "1-4" << QList<int>{1, 2, 3, 4};
    QTest::newRow("list") << "5,10,20" << QList<int>{5, 10, 20};
    QTest::newRow("mixed") << "1-3,10" << QList<int>{1, 2, 3, 10};
    QTest::newRow("one") << "7" << QList<int>{7};
    QTest::newRow("the largest") << "200" << QList<int>{200};
    for (const char* bad : {"", "0", "3-1", "5,5", "10,5", "1,", ",1", "1-", "-3", "a", "1.5", "201", "1-201", "2,1-3", " 1"})
      QTest::newRow(qPrintable(QString("bad '%1'").arg(bad))) << bad << QList<int>{};
  }

  void depthListsAreParsed() {
    QFETCH(QString, text);
    QFETCH(QList<int>, depths);
    const std::vector<int> parsed = parseDepths(text.toStdString());
    QCOMPARE(QList<int>(parsed.begin(), parsed.end()), depths);
  }

  void misuseIsRefused() {
    QTemporaryDir dir;
    std::string err;
    QCOMPARE(runNetworks({"--out", dir.path(), "--shard", "3/2"}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--shard: '3/2' is not K/N with 1 <= K <= N <= 10000"), err.c_str());
    QCOMPARE(runNetworks({"--out", dir.path(), "--shard", "1/2", "--plan", "2"}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("give one of them"), err.c_str());
    std::ostringstream out, errors;
    QCOMPARE(cli::runCommandLine({"reproduce", "oista", "--tiny", "--out", dir.path(), "--shard", "1/2"}, out, errors), 2);
    QVERIFY2(QString::fromStdString(errors.str()).contains("--shard and --plan go with the networks figure"), errors.str().c_str());
    QCOMPARE(runNetworks({"--out", dir.path(), "--depths", "3-1"}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--depths: '3-1' is not increasing depths 1 to 200"), err.c_str());
    QCOMPARE(runNetworks({"--out", dir.path(), "--depths", ""}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--depths: '' is not increasing depths 1 to 200"), err.c_str());
    QCOMPARE(runNetworks({"--out", dir.path(), "--signals", "1"}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("--signals"), err.c_str());
    std::ostringstream out2, errors2;
    QCOMPARE(cli::runCommandLine({"reproduce", "oista", "--tiny", "--out", dir.path(), "--depths", "1-3"}, out2, errors2), 2);
    QVERIFY2(QString::fromStdString(errors2.str()).contains("--signals and --depths go with the networks figure"), errors2.str().c_str());
  }

  // The chains' folder is checked before anything trains: a file in its place is named, nothing is computed.
  void aBlockedChainsFolderIsRefusedFirst() {
    QTemporaryDir dir;
    QFile blocker(QDir(dir.path()).filePath("networks-chains"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    std::string err;
    QCOMPARE(runNetworks({"--out", dir.path()}, nullptr, &err), 2);
    QVERIFY2(QString::fromStdString(err).contains("networks-chains: cannot create the folder"), err.c_str());
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath("networks.csv")));
  }

  // --signals and --depths make another protocol (their own folder): a sweep of one's own, resumable.
  void signalsAndDepthsAreTheProtocols() {
    QTemporaryDir dir;
    QCOMPARE(runNetworks({"--out", dir.path(), "--signals", "30", "--depths", "2,4"}), 0);
    QCOMPARE(readText(QDir(dir.path()).filePath("networks-protocol.txt")),
             QString("signals=30 iterations=5 depths=2,4 optimizer=lbfgs start=shallower stall=20/0.01\n"));
    const CsvTable rows = CsvTable::fromFile(QDir(dir.path()).filePath("networks.csv"));
    QCOMPARE(rows.rows.size(), qsizetype(2 * 2 * 5 * 2));  // datasets x lambdas x (2 solvers + 3 networks) x depths
    std::string err;
    QCOMPARE(runNetworks({"--out", dir.path()}, nullptr, &err), 2);  // the plain --tiny protocol is another
    QVERIFY2(QString::fromStdString(err).contains("holds a networks run of another protocol"), err.c_str());
  }
};

QTEST_MAIN(TestReproduceShards)
#include "test_reproduce_shards.moc"
