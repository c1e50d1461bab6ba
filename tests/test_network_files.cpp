// Network JSON files (bit-exact round trip, dictionary check, malformed files) and per-layer diagnostics.
#include "base/input_error.h"
#include "base/random.h"
#include "experiments/problem_generators.h"
#include "io/json_duplicate_keys.h"
#include "io/network_file.h"
#include "io/readable_json.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "lasso/solver.h"
#include "linalg/dictionary.h"
#include "networks/network_diagnostics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <atomic>

#include "csv_table.h"
#include "error_of.h"

using namespace unfold;

namespace {

NetworkFile sample(Parametrization kind, const Matrix& D) {
  NetworkFile f;
  f.weights = istaInitialization(kind, D, 3.0, 3);
  Random random(1);
  Vector p = f.weights.flatten();
  p += 0.01 * random.normal(p.size(), 1).col(0).cwiseAbs();  // awkward, non-round values
  f.weights.unflatten(p);
  f.n = D.rows();
  f.m = D.cols();
  f.lambda = 0.1;
  f.dictionaryHash = dictionaryHash(D);
  return f;
}

}  // namespace

class TestNetworkFiles : public QObject {
  Q_OBJECT
 private slots:
  void jsonRoundTripIsBitExact() {
    const Matrix D = gaussianDictionary(5, 9, 2);
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista}) {
      const NetworkFile f = sample(kind, D);
      const NetworkFile back = parseNetworkJson(formatNetworkJson(f), "net.json");
      QCOMPARE(back.weights.kind, kind);
      QCOMPARE(back.weights.flatten(), f.weights.flatten());
      QCOMPARE(back.lambda, 0.1);
      QCOMPARE(back.dictionaryHash, f.dictionaryHash);
      checkDictionary(back, D, "net.json");  // no throw
    }
  }

  // The app's JSON writer: what Qt reads back from it is the object written (escapes, nulls, nesting,
  // empty containers), and a vector of numbers stands on one line.
  void readableJsonReadsBackAsWritten() {
    const QJsonObject object{{"text", "a \"quoted\" \\ line\nwith\ttabs, \u00e9 and \u0001"},
                             {"numbers", QJsonArray{0.1, -2.5e-300, 1e308, 3, 0}},
                             {"mixed", QJsonArray{1.5, QJsonValue::Null, "x", true}},
                             {"nested", QJsonArray{QJsonObject{{"a", QJsonArray{}}}, QJsonArray{1, 2}, QJsonObject{}}},
                             {"empty", QJsonObject{}},
                             {"flag", false}};
    const QByteArray text = readableJson(object);
    QJsonParseError error;
    QCOMPARE(QJsonDocument::fromJson(text, &error).object(), object);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(text.contains("\n    \"numbers\": [0.1,-2.5e-300,1e+308,3,0],\n"));
    QVERIFY(text.endsWith("}\n"));
  }

  // A LISTA's weights take what their digits need, not a line each behind 20 spaces (43 bytes a number,
  // which put the paper's 20-layer LISTA over the limit of a session file).
  void aNetworkFileTakesAboutItsDigits() {
    const Matrix D = gaussianDictionary(16, 40, 3);
    const NetworkFile f = sample(Parametrization::Lista, D);
    const std::string text = formatNetworkJson(f);
    const double perNumber = static_cast<double>(text.size()) / static_cast<double>(f.weights.flatten().size());
    QVERIFY2(perNumber < 24.0, qPrintable(QString::number(perNumber)));  // 17 digits, sign, point, exponent, comma
    QCOMPARE(parseNetworkJson(text, "net.json").weights.flatten(), f.weights.flatten());
    // The size a command checks before training bounds the file, and is not far above it.
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista}) {
      const NetworkFile g = sample(kind, D);
      QCOMPARE(layerParameterCount(kind, 16, 40) * 3, g.weights.parameterCount());
      const auto most = mostNetworkFileBytes(kind, 3, 16, 40), written = std::int64_t(formatNetworkJson(g).size());
      QVERIFY2(written <= most && (kind != Parametrization::Lista || written > most * 3 / 4),
               qPrintable(QString("%1 of at most %2").arg(written).arg(most)));
    }
  }

  // A file may hold D itself: it loads bit-exactly, and a D that does not match the hash is refused.
  void theDictionaryTravelsWithTheNetwork() {
    const Matrix D = gaussianDictionary(5, 9, 2);
    NetworkFile f = sample(Parametrization::ListaCp, D);
    f.dictionary = D;
    const std::string json = formatNetworkJson(f);
    QCOMPARE(parseNetworkJson(json, "net.json").dictionary, D);
    QCOMPARE(parseNetworkJson(formatNetworkJson(sample(Parametrization::ListaCp, D)), "net.json").dictionary.size(), Eigen::Index(0));
    QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    QJsonObject dictionary = root["dictionary"].toObject();
    QJsonArray values = dictionary["values"].toArray();
    values[3] = values[3].toDouble() * 2;
    dictionary["values"] = values;
    root["dictionary"] = dictionary;
    const std::string tampered = QJsonDocument(root).toJson().toStdString();
    QCOMPARE(errorOf([&] { parseNetworkJson(tampered, "net.json"); }),
             QString("net.json: 'dictionary' does not match 'dictionary_sha256'"));
  }

  void anotherDictionaryIsRefused() {
    const Matrix D = gaussianDictionary(5, 9, 2);
    const NetworkFile f = sample(Parametrization::Slista, D);
    Matrix other = D;
    other(0, 0) += 1e-15;
    QVERIFY(errorOf([&] { checkDictionary(f, other, "net.json"); }).contains("trained for another dictionary"));
    QVERIFY(errorOf([&] { checkDictionary(f, gaussianDictionary(5, 8, 2), "net.json"); }).contains("5 x 9 dictionary, but D is 5 x 8"));
  }

  void malformedFilesNameTheProblem() {
    const Matrix D = gaussianDictionary(5, 9, 2);
    const std::string good = formatNetworkJson(sample(Parametrization::ListaCp, D));
    const auto edit = [&](const QString& from, const QString& to) {
      QString s = QString::fromStdString(good);
      s.replace(from, to);
      return s.toStdString();
    };
    QVERIFY(errorOf([&] { parseNetworkJson("{ not json", "n.json"); }).startsWith("n.json: not valid JSON"));
    QVERIFY(errorOf([&] { parseNetworkJson("{}", "n.json"); }).contains("not an Unfold Lab network file"));
    QCOMPARE(errorOf([&] { parseNetworkJson(" \n", "n.json"); }), QString("n.json: empty file"));
    QVERIFY(errorOf([&] { parseNetworkJson(good.substr(0, good.size() / 2), "n.json"); }).contains("not valid JSON"));
    QVERIFY(errorOf([&] { parseNetworkJson(edit("\"lista-cp\"", "\"deep\""), "n.json"); }).contains("unknown parametrization 'deep'"));
    QCOMPARE(errorOf([&] { parseNetworkJson(edit("\"layers\": 3", "\"layers\": 4"), "n.json"); }),
             QString("n.json: 'weights' must hold one entry per layer: 'layers' is 4, 'weights' holds 3"));
    // A count that is not a whole number is named as written (it read as -1 or 0 before).
    for (const auto& [written, quoted] : {std::pair{"\"3\"", "the text '3'"}, {"0", "0"}, {"2.5", "2.5"}, {"null", "null"}})
      QCOMPARE(errorOf([&] { parseNetworkJson(edit("\"layers\": 3", QString("\"layers\": ") + written), "n.json"); }),
               QString("n.json: 'layers' must be a whole number from 1 to 1000, not ") + quoted);
    QCOMPARE(errorOf([&] { parseNetworkJson(edit("\"layers\": 3,", ""), "n.json"); }), QString("n.json: 'layers' is missing"));
    QCOMPARE(errorOf([&] { parseNetworkJson(edit("\"version\": 1", "\"version\": \"1\""), "n.json"); }),
             QString("n.json: unsupported version the text '1' (this program reads version 1)"));
    // Two values for one key, however spelt: JSON readers keep one without a word. Said where.
    QCOMPARE(errorOf([&] { parseNetworkJson(edit("\"lambda\": 0.1", "\"lambda\": 0.1, \"l\\u0061mbda\": 0.2"), "n.json"); }),
             QString("n.json: the key 'lambda' appears twice at the top level"));
    QCOMPARE(errorOf([&] { parseNetworkJson(edit("\"theta\": [", "\"W\": 1, \"theta\": ["), "n.json"); }),
             QString("n.json: the key 'W' appears twice in 'weights'[0]"));
    QCOMPARE(firstDuplicateKey("{\"a\": [{\"k\\\"\": 1}, {\"k\\\"\": 2, \"x\": {\"y\": 1, \"y\": 2}}]}")->where, std::string("in 'a'[1].'x'"));
    QVERIFY(!firstDuplicateKey("{\"a\": {\"k\": 1}, \"b\": {\"k\": 1}, \"c\": [\"k\", \"k\"], \"k\": \"k\"}"));
    // Long keys nested deep: the place stays short (a fuzzed session's message ran to 1,500 bytes), its
    // first keys kept and the rest said by "…".
    std::string deep, close;
    for (int k = 0; k < 40; ++k) deep += "{\"" + std::string(100, char('a' + k % 26)) + "\": ", close += "}";
    const auto far = firstDuplicateKey(deep + "{\"k\": 1, \"k\": 2}" + close);
    QVERIFY(far && far->where.starts_with("in '" + std::string(80, 'a')) && far->where.ends_with(".…"));
    QVERIFY2(far->where.size() <= 200, far->where.c_str());
    QVERIFY(errorOf([&] { parseNetworkJson(edit("\"lambda\": 0.1", "\"lambda\": -1"), "n.json"); }).contains("'lambda' must be > 0"));
    QVERIFY(errorOf([&] { parseNetworkJson(edit("\"rows\": 5", "\"rows\": 6"), "n.json"); }).contains("layer 1: 'W' must be 5 x 9"));
  }

  void layerDescriptionsReadEachParametrizationsSteps() {
    const double L = 4.0;
    NetworkWeights slista;
    slista.layers.resize(2);
    slista.layers[0].step = 0.1, slista.layers[1].step = 0.3;
    const std::vector<LayerDescription> s = layerDescriptions(slista, {}, L);
    QCOMPARE(s.size(), size_t(2));
    QCOMPARE(s[1].stepTimesL, 0.3 * L);
    QCOMPARE(s[1].thresholdTimesL, 0.3 * L);  // alpha x L: the threshold is lambda alpha
    QVERIFY(!s[1].coupling);
    NetworkWeights alista;
    alista.kind = Parametrization::Alista;
    alista.layers.resize(1);
    alista.layers[0].step = 0.1;
    alista.layers[0].theta = Vector::Constant(1, 0.05);
    const LayerDescription a = layerDescriptions(alista, {}, L)[0];
    QCOMPARE(a.stepTimesL, 0.1 * L);
    QCOMPARE(a.thresholdTimesL, 0.05 * L);
    // LISTA-CP with W = D / 4 and theta = (0.1, 0.4) on D = I: step x L = 1, mean threshold x L = 1, and
    // ||W - D diag(theta)||_F / ||D||_F = ||diag(0.15, -0.15)|| / sqrt(2) = 0.15.
    const Matrix D = Matrix::Identity(2, 2);
    NetworkWeights cp;
    cp.kind = Parametrization::ListaCp;
    cp.layers.resize(1);
    cp.layers[0].W = D / L;
    cp.layers[0].theta = (Vector(2) << 0.1, 0.4).finished();
    const LayerDescription c = layerDescriptions(cp, layerCoupling(cp, D, L), L)[0];
    QVERIFY(std::abs(c.stepTimesL - 1.0) < 1e-15);
    QVERIFY(std::abs(c.thresholdTimesL - 1.0) < 1e-15);
    QVERIFY(c.coupling && std::abs(*c.coupling - 0.15) < 1e-15);
  }

  void untrainedDiagnosticsAreIsta() {
    const Dictionary d(gaussianDictionary(10, 20, 3));
    const Matrix train = makeSignals(SignalKind::Gaussian, d.atoms(), 200, 4).X;
    const Matrix test = makeSignals(SignalKind::Gaussian, d.atoms(), 100, 5).X;
    const Vector fStar = solveReference(d, test, 0.2).optimalCost;
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Slista}) {
      const UnfoldedNetwork net(d, 0.2, istaInitialization(kind, d.atoms(), d.lipschitz(), 6));
      const auto rows = diagnoseNetwork(net, train, test, fStar);
      QCOMPARE(rows.size(), size_t(6));
      for (const LayerDiagnostics& r : rows) {
        QVERIFY(std::abs(r.testGap - r.istaGap) <= 1e-12);
        QVERIFY(std::abs(*r.stepTimesL - 1.0) <= 1e-12);
        QVERIFY(r.fistaGap <= r.istaGap + 1e-15);
        QVERIFY(r.inverseLsQ10 >= 1.0 - 1e-9 && r.inverseLsQ10 <= r.inverseLsQ50 && r.inverseLsQ50 <= r.inverseLsQ90);
        if (kind != Parametrization::Slista) QVERIFY(*r.coupling <= 1e-15);  // ISTA layers are coupled
        else QVERIFY(!r.coupling);
        if (kind == Parametrization::Lista) QVERIFY(*r.listaInnerCoupling <= 1e-14);
        // Layer t's codes are ISTA's z_t: as many nonzeros (a coefficient at its threshold may round apart).
        const Matrix zt = solveLasso(Algorithm::Ista, d, test, 0.2, r.layer).Z;
        const double istaNonzeros = double((zt.array() != 0.0).count()) / double(test.cols());
        QVERIFY2(istaNonzeros > 1 && std::abs(r.testNonzeros - istaNonzeros) <= 2.0 / double(test.cols()),
                 qPrintable(QString("%1 against ISTA's %2").arg(r.testNonzeros).arg(istaNonzeros)));
        // And its gaps' quantiles over the test signals are ISTA's (order statistics, interpolated at (N - 1) q).
        const Vector gaps = lassoCosts(d.atoms(), test, zt, 0.2) - fStar;
        std::vector<double> sorted(gaps.begin(), gaps.end());
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double q) {
          const double position = q * double(sorted.size() - 1);
          const size_t below = size_t(position);
          return sorted[below] + (position - double(below)) * (sorted[std::min(below + 1, sorted.size() - 1)] - sorted[below]);
        };
        for (const auto& [statistic, q] : {std::pair{r.testGapQ10, 0.1}, {r.testGapMedian, 0.5}, {r.testGapQ90, 0.9}})
          QVERIFY2(std::abs(statistic - at(q)) <= 1e-12 * std::max(1.0, std::abs(at(q))),
                   qPrintable(QString("q = %1: %2 against %3").arg(q).arg(statistic).arg(at(q))));
        QVERIFY(r.testGapQ10 < r.testGapMedian && r.testGapMedian < r.testGapQ90);
      }
      QVERIFY(!collapsedToZero(rows));
      QVERIFY(rows[5].testGap < rows[0].testGap);
      const QStringList csv = QString::fromStdString(formatReportCsv(rows)).split('\n', Qt::SkipEmptyParts);
      QCOMPARE(csv[0], QString("layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling"));
      QCOMPARE(csv.size(), 7);
      QCOMPARE(csv[1].split(',').size(), 7);
      QCOMPARE(csv[1].endsWith(","), kind == Parametrization::Slista);  // no coupling for SLISTA
      const QStringList full = QString::fromStdString(formatDiagnosticsCsv(rows)).split('\n', Qt::SkipEmptyParts);
      QVERIFY(full[0].endsWith(",threshold_times_l,lista_wz_coupling,inv_ls_q10,inv_ls_q50,inv_ls_q90"));
      QCOMPARE(full[3].split(',').size(), 12);
      QVERIFY(full[3].startsWith(csv[3]));  // the report's columns first, identical
      QCOMPARE(CsvTable::fromText(QString::fromStdString(formatDiagnosticsCsv(rows))).at(2, "inv_ls_q10"), rows[2].inverseLsQ10);
    }
  }

  // A Stop must not wait for the 1/L_S quantiles of every training signal (seconds at 10,000 signals and
  // 20 layers): the diagnosis asks at least every 32 signals of a layer, and gives up with nothing where
  // asked to. Never asked to, it gives what it gives without a question.
  void aDiagnosisStopsWhenAsked() {
    const Dictionary d(gaussianDictionary(10, 20, 3));
    const Matrix train = makeSignals(SignalKind::Gaussian, d.atoms(), 640, 4).X;
    const Matrix test = makeSignals(SignalKind::Gaussian, d.atoms(), 50, 5).X;
    const Vector fStar = solveReference(d, test, 0.2).optimalCost;
    const UnfoldedNetwork net(d, 0.2, istaInitialization(Parametrization::Slista, d.atoms(), d.lipschitz(), 3));
    const auto whole = diagnoseNetwork(net, train, test, fStar);
    std::atomic<int> asked = 0;
    const auto never = diagnoseNetwork(net, train, test, fStar, [&] { return ++asked < 0; });
    QCOMPARE(never.size(), whole.size());
    for (size_t t = 0; t < whole.size(); ++t)
      QVERIFY(never[t].testGap == whole[t].testGap && never[t].inverseLsQ50 == whole[t].inverseLsQ50);
    QVERIFY2(asked.load() >= 3 * 640 / 32, qPrintable(QString::number(asked.load())));
    asked = 0;
    QVERIFY(diagnoseNetwork(net, train, test, fStar, [&] { return ++asked > 25; }).empty());  // in layer 2
    QVERIFY(asked.load() <= 25 + 2);  // at most one more question per thread
  }

  // ALISTA whose thresholds exceed every |gamma W^T (D z - x)|: every layer outputs z = 0, the network has
  // collapsed, and its gap is F(0) - F*, whatever the optimizer said when it stopped.
  void aNetworkThatOutputsZeroHasCollapsed() {
    const Dictionary d(gaussianDictionary(10, 20, 3));
    const Matrix test = makeSignals(SignalKind::Gaussian, d.atoms(), 50, 5).X;
    const Vector fStar = solveReference(d, test, 0.2).optimalCost;
    NetworkWeights weights = istaInitialization(Parametrization::Alista, d.atoms(), d.lipschitz(), 4);
    for (LayerWeights& layer : weights.layers) layer.theta *= 1e3;
    const auto rows = diagnoseNetwork(UnfoldedNetwork(d, 0.2, weights), test, test, fStar);
    QVERIFY(collapsedToZero(rows));
    const double zeroGap = (0.5 * test.colwise().squaredNorm().transpose() - fStar).mean();
    for (const LayerDiagnostics& r : rows) {
      QCOMPARE(r.testNonzeros, 0.0);
      QVERIFY(std::abs(r.testGap - zeroGap) <= 1e-12 * zeroGap);
    }
    weights.layers.back().theta /= 1e3;  // the last layer passes codes again
    QVERIFY(!collapsedToZero(diagnoseNetwork(UnfoldedNetwork(d, 0.2, weights), test, test, fStar)));
  }
};

QTEST_APPLESS_MAIN(TestNetworkFiles)
#include "test_network_files.moc"
