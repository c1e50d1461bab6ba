// Lasso primitives: soft-thresholding, lambda_max, duality gap, optimality conditions, input checks.
#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "linalg/dictionary.h"

#include <QtTest>

using namespace unfold;

class TestLasso : public QObject {
  Q_OBJECT
 private slots:
  void softThresholdShrinksTowardsZero() {
    QCOMPARE(softThreshold(3.0, 1.0), 2.0);
    QCOMPARE(softThreshold(-3.0, 1.0), -2.0);
    QCOMPARE(softThreshold(0.5, 1.0), 0.0);
    QCOMPARE(softThreshold(-1.0, 1.0), 0.0);
    Matrix v(1, 4);
    v << -2.5, -0.2, 0.7, 4.0;
    softThresholdInPlace(v, 0.5);
    QCOMPARE(v(0, 0), -2.0);
    QCOMPARE(v(0, 1), 0.0);
    QCOMPARE(v(0, 2), 0.7 - 0.5);
    QCOMPARE(v(0, 3), 3.5);
  }

  void costMatchesTheFormula() {
    Matrix D(2, 3);
    D << 1, 0, 1, 0, 1, 1;
    Matrix x(2, 1), z(3, 1);
    x << 1, 2;
    z << 0.5, -1, 0;
    // 1/2 ||x - Dz||^2 + lambda ||z||_1 with Dz = (0.5, -1): 1/2 (0.25 + 9) + 0.3 * 1.5
    QCOMPARE(lassoCosts(D, x, z, 0.3)(0), 0.5 * 9.25 + 0.45);
  }

  void lambdaMaxIsTheLargestCorrelation() {
    Matrix D(2, 3);
    D << 1, 0, 1, 0, 1, 1;
    Matrix x(2, 1);
    x << 1, -2;
    QCOMPARE(lambdaMax(D, x)(0), 2.0);  // D^T x = (1, -2, -1)
  }

  void lambdaAboveLambdaMaxGivesZeroSolution() {
    const Dictionary d(gaussianDictionary(20, 50, 3));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 20, 4).X;  // lambda_max = 1
    const ReferenceSolution ref = solveReference(d, X, 1.0 + 1e-9);
    QCOMPARE((ref.Z.array() != 0.0).count(), Eigen::Index(0));
    const ReferenceSolution below = solveReference(d, X, 0.9);
    QVERIFY((below.Z.array() != 0.0).count() >= X.cols());  // every signal has a non-zero code
  }

  void dualityGapIsZeroAtTheSolutionAndPositiveElsewhere() {
    const Dictionary d(gaussianDictionary(20, 50, 5));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 10, 6).X;
    const ReferenceSolution ref = solveReference(d, X, 0.2);
    const DualityGaps atSolution = dualityGaps(d.atoms(), X, ref.Z, 0.2);
    QVERIFY(atSolution.gap.cwiseAbs().maxCoeff() < 1e-13);
    const DualityGaps atZero = dualityGaps(d.atoms(), X, Matrix::Zero(50, 10), 0.2);
    QVERIFY(atZero.gap.minCoeff() > 1e-3);
    // Weak duality: the dual objective never exceeds F*.
    QVERIFY(((atZero.dual - ref.optimalCost).array() <= 1e-12).all());
  }

  void kktViolationDetectsAWrongPoint() {
    const Dictionary d(gaussianDictionary(20, 50, 7));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 5, 8).X;
    ReferenceSolution ref = solveReference(d, X, 0.2);
    QVERIFY(kktViolation(d.atoms(), X, ref.Z, 0.2).maxCoeff() < 1e-12);
    ref.Z(0, 0) += 1e-3;
    QVERIFY(kktViolation(d.atoms(), X, ref.Z, 0.2)(0) > 1e-5);
  }

  void validateProblemNamesWhatIsWrong() {
    Matrix D = Matrix::Identity(3, 4);
    D(0, 3) = 1.0;  // no all-zero atom
    const Matrix X = Matrix::Ones(3, 2);
    const auto message = [](const Matrix& d, const Matrix& x, double lambda) -> QString {
      try {
        validateProblem(d, x, lambda);
      } catch (const InputError& e) {
        return e.what();
      }
      return {};
    };
    QVERIFY(message(D, X, 0.1).isEmpty());
    QVERIFY(message(D, X, 0.0).contains("lambda must be"));
    QVERIFY(message(D, X, -1.0).contains("lambda must be"));
    QVERIFY(message(D, X, std::nan("")).contains("lambda must be"));
    QVERIFY(message(D, Matrix::Ones(2, 2), 0.1).contains("shape mismatch"));
    Matrix bad = X;
    bad(1, 1) = std::numeric_limits<double>::infinity();
    QVERIFY(message(D, bad, 0.1).contains("NaN or Inf"));
    // Finite but extreme: all-zero D or atom, a scale whose L or cost would overflow or vanish.
    QVERIFY2(message(Matrix::Zero(3, 4), X, 0.1).contains("D is all zero"), qPrintable(message(Matrix::Zero(3, 4), X, 0.1)));
    Matrix zeroAtom = D;
    zeroAtom.col(2).setZero();
    QVERIFY2(message(zeroAtom, X, 0.1).contains("atom 3 (column 3 of D) is all zero"), qPrintable(message(zeroAtom, X, 0.1)));
    QVERIFY(message(D * 1e160, X, 0.1).contains("outside [1e-50, 1e50]"));
    QVERIFY(message(D * 1e-100, X, 0.1).contains("outside [1e-50, 1e50]"));
    QVERIFY(message(D * 1e49, X, 0.1).isEmpty());
    QVERIFY(message(D * 1e-49, X * 1e49, 0.1).isEmpty());
    QVERIFY(message(D, X * 1e50, 0.1).contains("signal 1 has ||x|| = 1.73e+50, above 1e50"));
    Matrix huge = X;
    huge(0, 1) = 1e308;
    QVERIFY2(message(D, huge, 0.1).contains("signal 2 has ||x|| = 1e+308"), qPrintable(message(D, huge, 0.1)));
  }
};

QTEST_APPLESS_MAIN(TestLasso)
#include "test_lasso.moc"
