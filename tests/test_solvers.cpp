// ISTA, FISTA, OISTA and ISTA with backtracking: convergence to the reference solution, monotonicity, the
// paper's comparisons, OISTA's oracle steps, the backtracking bound, the observer contract and the trace.
#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "lasso/lasso_plane.h"
#include "lasso/reference_solver.h"
#include "lasso/solver.h"
#include "lasso/trace_recorder.h"
#include "linalg/dictionary.h"

#include <QtTest>

#include <algorithm>

#include "algorithm_rows.h"

using namespace unfold;

namespace {

// Records per-signal costs and the raw step information at every iterate.
class Recorder : public SolverObserver {
 public:
  Recorder(const Dictionary& d, double lambda) : d_(d), lambda_(lambda) {}
  bool onIteration(const IterationState& s) override {
    costs.push_back(lassoCostsFromResidual(s.residual, s.Z, lambda_));
    if (s.stepTimesL) steps.push_back(*s.stepTimesL);
    if (s.oracleAccepted) accepted.push_back(*s.oracleAccepted);
    residualError = std::max(residualError, (d_.atoms() * s.Z - x() - s.residual).cwiseAbs().maxCoeff());
    return false;
  }
  std::function<const Matrix&()> x;
  std::vector<Vector> costs, steps;
  std::vector<std::vector<char>> accepted;
  double residualError = 0.0;

 private:
  const Dictionary& d_;
  double lambda_;
};

}  // namespace

class TestSolvers : public QObject {
  Q_OBJECT
 private slots:
  void eachSolverReachesTheReferenceSolution_data() {
    addAlgorithmRows("algorithm");
  }
  void eachSolverReachesTheReferenceSolution() {
    QFETCH(QString, algorithm);
    const Dictionary d(gaussianDictionary(20, 50, 21));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 20, 22).X;
    const double lambda = 0.3;
    const ReferenceSolution ref = solveReference(d, X, lambda);
    const SolveResult r = solveLasso(*parseAlgorithm(algorithm.toStdString()), d, X, lambda, 20000);
    QCOMPARE(r.iterations, 20000);
    QVERIFY2(kktViolation(d.atoms(), X, r.Z, lambda).maxCoeff() <= 1e-8,
             qPrintable(QString::number(kktViolation(d.atoms(), X, r.Z, lambda).maxCoeff())));
    QVERIFY((lassoCosts(d.atoms(), X, r.Z, lambda) - ref.optimalCost).maxCoeff() <= 1e-12);
  }

  void istaIsMonotone() {
    const Dictionary d(gaussianDictionary(64, 256, 23));
    Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 50, 24).X;
    Recorder rec(d, 0.1);
    rec.x = [&X]() -> const Matrix& { return X; };
    runIsta(d, X, 0.1, 300, &rec);
    for (size_t t = 1; t < rec.costs.size(); ++t)
      QVERIFY(((rec.costs[t] - rec.costs[t - 1]).array() <= 1e-13).all());
    QVERIFY(rec.residualError < 1e-12);  // the residual the observer sees is D z_t - x
  }

  // The paper's simulated setting (n=64, m=256, lambda=0.1, x~ ~ N(0, I)).
  void fistaAndOistaAreNeverWorseThanIstaAfter500Iterations() {
    const Dictionary d(gaussianDictionary(64, 256, 25));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 100, 26).X;
    const ReferenceSolution ref = solveReference(d, X, 0.1);
    const auto gapAfter = [&](Algorithm a) {
      TraceRecorder trace(d, ref.optimalCost, 0.1, false);
      solveLasso(a, d, X, 0.1, 500, &trace);
      return trace.rows().back().gap;
    };
    const double ista = gapAfter(Algorithm::Ista), fista = gapAfter(Algorithm::Fista),
                 oista = gapAfter(Algorithm::Oista);
    QVERIFY2(fista <= ista && oista <= ista,
             qPrintable(QString("ista %1 fista %2 oista %3").arg(ista).arg(fista).arg(oista)));
    QVERIFY(ista > 0.0 && oista < 0.5 * ista);  // the oracle step pays on this setting
  }

  void oistaAcceptedStepsAreAtLeastOneOverL() {
    const Dictionary d(gaussianDictionary(10, 50, 27));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 30, 28).X;
    Recorder rec(d, 0.5);
    rec.x = [&X]() -> const Matrix& { return X; };
    runOista(d, X, 0.5, 200, &rec);
    QCOMPARE(rec.steps.size(), size_t(200));
    long acceptedCount = 0;
    for (size_t t = 0; t < rec.steps.size(); ++t) {
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const double stepL = rec.steps[t](j);
        if (rec.accepted[t][static_cast<size_t>(j)]) {
          ++acceptedCount;
          QVERIFY(stepL >= 1.0);
        } else {
          QCOMPARE(stepL, 1.0);
        }
      }
    }
    QVERIFY(acceptedCount > 0);
    // The first step starts from z = 0: empty support, step 1/L.
    for (char a : rec.accepted[0]) QCOMPARE(a, char(0));
    // OISTA is a majorization-minimization method: monotone as well.
    for (size_t t = 1; t < rec.costs.size(); ++t) QVERIFY(((rec.costs[t] - rec.costs[t - 1]).array() <= 1e-13).all());
  }

  // Every accepted step satisfies the quadratic upper bound it was tested against (checked here from the
  // iterates alone), steps run well above 1/L and never below 1/(2L), F never increases, the residual the
  // observer sees is D z_t - x, and after 200 iterations ISTA-BT is ahead of ISTA (the paper's Fig. 2).
  void backtrackingStepsHoldTheBoundAndPay() {
    const Dictionary d(gaussianDictionary(10, 50, 27));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 30, 28).X;
    const double lambda = 0.5, L = d.lipschitz();
    struct Iterates : SolverObserver {
      std::vector<Matrix> Z;
      bool onIteration(const IterationState& s) override {
        Z.push_back(s.Z);
        return false;
      }
    } iterates;
    Recorder rec(d, lambda);
    rec.x = [&X]() -> const Matrix& { return X; };
    runIstaBacktracking(d, X, lambda, 200, &rec);
    runIstaBacktracking(d, X, lambda, 200, &iterates);
    QCOMPARE(rec.steps.size(), size_t(200));
    QVERIFY(rec.residualError < 1e-12);
    double largest = 0.0;
    for (size_t t = 0; t < rec.steps.size(); ++t) {
      const Matrix& z = iterates.Z[t];
      const Matrix& next = iterates.Z[t + 1];
      const Matrix R = d.atoms() * z - X, G = d.atoms().transpose() * R, RNext = d.atoms() * next - X;
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const double s = rec.steps[t](j) / L;
        QVERIFY2(rec.steps[t](j) > 0.5, qPrintable(QString("t=%1 signal %2: step x L = %3").arg(t).arg(j).arg(rec.steps[t](j))));
        largest = std::max(largest, rec.steps[t](j));
        const Vector move = next.col(j) - z.col(j);
        const double bound = 0.5 * R.col(j).squaredNorm() + G.col(j).dot(move) + move.squaredNorm() / (2 * s);
        QVERIFY2(0.5 * RNext.col(j).squaredNorm() <= bound + 1e-12 * (1 + bound), qPrintable(QString("t=%1 signal %2").arg(t).arg(j)));
      }
    }
    QVERIFY2(largest >= 2.0, qPrintable(QString::number(largest)));
    for (size_t t = 1; t < rec.costs.size(); ++t) QVERIFY(((rec.costs[t] - rec.costs[t - 1]).array() <= 1e-13).all());
    const ReferenceSolution ref = solveReference(d, X, lambda);
    const auto gapAfter = [&](Algorithm a) {
      TraceRecorder trace(d, ref.optimalCost, lambda, false);
      solveLasso(a, d, X, lambda, 200, &trace);
      return trace.rows().back().gap;
    };
    const double ista = gapAfter(Algorithm::Ista), backtracking = gapAfter(Algorithm::IstaBacktracking);
    QVERIFY2(backtracking < 0.1 * ista, qPrintable(QString("ISTA %1, ISTA-BT %2").arg(ista).arg(backtracking)));
  }

  void oistaStepIsOneOverLsOnTheSupport() {
    const Dictionary d(gaussianDictionary(10, 50, 29));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 1, 30).X;
    std::vector<Matrix> iterates;
    std::vector<double> steps;
    std::vector<char> accepted;
    struct Keep : SolverObserver {
      std::vector<Matrix>* z;
      std::vector<double>* s;
      std::vector<char>* a;
      bool onIteration(const IterationState& st) override {
        z->push_back(st.Z);
        if (st.stepTimesL) s->push_back((*st.stepTimesL)(0));
        if (st.oracleAccepted) a->push_back((*st.oracleAccepted)[0]);
        return false;
      }
    } keep;
    keep.z = &iterates;
    keep.s = &steps;
    keep.a = &accepted;
    runOista(d, X, 0.5, 50, &keep);
    int checked = 0;
    for (size_t t = 0; t < steps.size(); ++t) {
      if (!accepted[t]) continue;
      std::vector<int> support;
      for (int i = 0; i < 50; ++i)
        if (iterates[t](i, 0) != 0.0) support.push_back(i);
      const double LS = supportLipschitz(d, support);
      QVERIFY(std::abs(steps[t] - d.lipschitz() / LS) <= 1e-8 * steps[t]);
      ++checked;
    }
    QVERIFY(checked > 10);
  }

  void observerCanStopTheRun() {
    const Dictionary d(gaussianDictionary(10, 20, 31));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 3, 32).X;
    struct StopAt : SolverObserver {
      int calls = 0;
      bool onIteration(const IterationState& s) override {
        ++calls;
        return s.iteration == 7;
      }
    };
    for (const Algorithm a : {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista}) {
      StopAt stop;
      const SolveResult r = solveLasso(a, d, X, 0.2, 100, &stop);
      QCOMPARE(stop.calls, 8);  // t = 0..7
      QCOMPARE(r.iterations, 7);
      QVERIFY(r.stopped);
    }
  }

  void fistaUsesTheBeckTeboulleMomentum() {
    // Two FISTA iterations by hand on one signal: z1 = prox(0), z2 = prox(z1) (t1 = 1, so no momentum
    // yet), z3 = prox(z2 + (t2 - 1)/t3 (z2 - z1)).
    const Dictionary d(gaussianDictionary(8, 12, 33));
    const Matrix x = makeSignals(SignalKind::Gaussian, d.atoms(), 1, 34).X;
    const double lambda = 0.1, L = d.lipschitz();
    const auto prox = [&](const Vector& y) {
      Vector v = y - d.atoms().transpose() * (d.atoms() * y - x.col(0)) / L;
      for (Eigen::Index i = 0; i < v.size(); ++i) v(i) = softThreshold(v(i), lambda / L);
      return v;
    };
    const Vector z1 = prox(Vector::Zero(12));
    const Vector z2 = prox(z1);
    const double t2 = (1 + std::sqrt(5.0)) / 2, t3 = (1 + std::sqrt(1 + 4 * t2 * t2)) / 2;
    const Vector z3 = prox(z2 + (t2 - 1) / t3 * (z2 - z1));
    const Matrix Z = runFista(d, x, lambda, 3, nullptr).Z;
    QVERIFY((Z.col(0) - z3).cwiseAbs().maxCoeff() < 1e-14);
  }

  void traceHasOneRowPerIterateAndTheRightHeader() {
    const Dictionary d(gaussianDictionary(10, 50, 35));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 10, 36).X;
    const ReferenceSolution ref = solveReference(d, X, 0.5);
    TraceRecorder trace(d, ref.optimalCost, 0.5);
    runOista(d, X, 0.5, 200, &trace);
    const auto& rows = trace.rows();
    QCOMPARE(rows.size(), size_t(201));
    QCOMPARE(rows.front().gap, (0.5 * X.colwise().squaredNorm().transpose() - ref.optimalCost).mean());
    QCOMPARE(rows.front().supportSize, 0.0);
    QVERIFY(!rows.front().stepTimesL && !rows.front().accepted);
    QVERIFY(rows.back().gap < 1e-6 && rows.back().gap >= -1e-14);
    QVERIFY(rows.back().gapQ10 <= rows.back().gapQ50 && rows.back().gapQ50 <= rows.back().gapQ90);
    QVERIFY(rows.back().lsOverL > 0.0 && rows.back().lsOverL < 1.0);
    QVERIFY(*rows.back().stepTimesL >= 1.0);
    const QStringList lines = QString::fromStdString(formatTraceCsv(rows)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QString("iter,cost,gap,support_size,ls_over_l,step_times_l,accepted,gap_q10,gap_median,gap_q90"));
    QCOMPARE(lines.size(), 202);
    QCOMPARE(lines[1].split(',').mid(5, 2), QStringList({"", ""}));  // no step at t = 0
    QCOMPARE(lines[2].split(',').size(), 10);
    // The median column at t = 0 is the median over the signals of F_x(0) - F*_x = ||x||^2 / 2 - F*_x.
    std::vector<double> startGaps;
    for (Eigen::Index j = 0; j < X.cols(); ++j) startGaps.push_back(0.5 * X.col(j).squaredNorm() - ref.optimalCost(j));
    std::sort(startGaps.begin(), startGaps.end());
    const size_t half = startGaps.size() / 2;
    const double median = startGaps.size() % 2 ? startGaps[half] : 0.5 * (startGaps[half - 1] + startGaps[half]);
    QVERIFY(std::abs(lines[1].split(',')[8].toDouble() - median) <= 1e-12 * median);
    // ISTA leaves the accepted column empty.
    TraceRecorder istaTrace(d, ref.optimalCost, 0.5, false);
    runIsta(d, X, 0.5, 3, &istaTrace);
    const QStringList ista = QString::fromStdString(formatTraceCsv(istaTrace.rows())).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(ista[2].split(',').mid(5, 2), QStringList({"1", ""}));
  }

  void quantileInterpolatesOrderStatistics() {
    std::vector<double> v{5, 1, 4, 2, 3};
    QCOMPARE(quantile(v, 0.5), 3.0);
    QCOMPARE(quantile(v, 0.0), 1.0);
    QCOMPARE(quantile(v, 1.0), 5.0);
    QCOMPARE(quantile(v, 0.1), 1.4);
  }

  // The 2-D teaching problem: its exact solution satisfies the optimality conditions, and its paths are
  // the batched solvers' iterates.
  void planeProblemSolutionAndPaths() {
    for (int n : {1, 2}) {
      for (double lambda : {0.1, 0.5, 0.9}) {
        const PlaneProblem p = planeProblem(n, lambda, 7);
        QVERIFY(std::abs((p.D.transpose() * p.x).cwiseAbs().maxCoeff() - 1.0) < 1e-12);  // lambda_max = 1
        const Vector zStar = planeSolution(p);
        const Matrix X = p.x, Z = zStar;
        QVERIFY2(kktViolation(p.D, X, Z, lambda)(0) < 1e-10, qPrintable(QString("n=%1 lambda=%2").arg(n).arg(lambda)));
        for (const PlaneMethod method : {PlaneMethod::Ista, PlaneMethod::Oista}) {
          const std::vector<PlaneStep> path = planePath(p, method, 30);
          const Matrix solver = solveLasso(method == PlaneMethod::Ista ? Algorithm::Ista : Algorithm::Oista,
                                           Dictionary(p.D), X, lambda, 30).Z;
          // OISTA's L_S comes from an iterative eigen-solver in the batched code (to 1e-10): not bit-equal; differences grow a little along the path.
          QVERIFY2((path.back().to - solver.col(0)).norm() < (method == PlaneMethod::Ista ? 1e-13 : 1e-6),
                   qPrintable(QString("n=%1 lambda=%2 method=%3: %4 %5 vs %6 %7").arg(n).arg(lambda).arg(int(method))
                                  .arg(path.back().to(0)).arg(path.back().to(1)).arg(solver(0, 0)).arg(solver(1, 0))));
          for (size_t t = 1; t < path.size(); ++t) QCOMPARE(path[t].from, path[t - 1].to);
          // Each step is its gradient step, then the soft-thresholding by lambda times the step.
          const PlaneStep& s = path[3];
          const double step = s.stepTimesL / p.L;
          for (int i = 0; i < 2; ++i) QVERIFY(std::abs(s.to(i) - softThreshold(s.gradientPoint(i), lambda * step)) < 1e-15);
          QVERIFY(planeCost(p, path.back().to) >= planeCost(p, zStar) - 1e-15);
        }
      }
    }
    // The oracle step is 1/L_S: for one atom of unit norm, L_S = 1.
    const PlaneProblem p = planeProblem(2, 0.3, 1);
    QVERIFY(std::abs(planeOracleStep(p, Vector::Unit(2, 0)) - 1.0) < 1e-12);
    QCOMPARE(planeOracleStep(p, Vector::Zero(2)), 1.0 / p.L);
    // n = 1: atoms of different lengths (a unique solution); 1/L_S on atom i is 1/d_i^2.
    const PlaneProblem line = planeProblem(1, 0.3, 4);
    QVERIFY(std::abs(line.D.cwiseAbs().maxCoeff() - 1.0) < 1e-15 && line.D.cwiseAbs().minCoeff() < 0.8);
    QVERIFY(std::abs(planeOracleStep(line, Vector::Unit(2, 1)) - 1.0 / (line.D(0, 1) * line.D(0, 1))) < 1e-12);
    QVERIFY(std::abs(line.L - line.D.squaredNorm()) < 1e-12);
    QVERIFY_THROWS_EXCEPTION(InputError, planeProblem(3, 0.3, 1));
    QVERIFY_THROWS_EXCEPTION(InputError, planeProblem(2, -1.0, 1));
    // SLISTA trained on the toy problem learns one step per layer, larger than 1/L on average.
    const std::vector<double> steps = trainPlaneSlista(p, 5, 100, 50, 3);
    QCOMPARE(steps.size(), size_t(5));
    double mean = 0;
    for (double a : steps) mean += a * p.L / 5;
    QVERIFY2(mean > 1.0, qPrintable(QString::number(mean)));
  }
};

QTEST_APPLESS_MAIN(TestSolvers)
#include "test_solvers.moc"
