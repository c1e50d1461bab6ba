// L and L_S: the warm-started Lanczos against Eigen's dense eigen-solver, the per-signal tracker, and
// the Marchenko-Pastur prediction of L_S / L.
#include "dictionary.h"
#include "largest_eigenvalue.h"
#include "problem_generators.h"
#include "random.h"
#include "support_lipschitz.h"

#include <Eigen/Eigenvalues>
#include <QtTest>

using namespace unfold;

namespace {

double denseLargest(const Matrix& A) {
  Eigen::SelfAdjointEigenSolver<Matrix> solver(A, Eigen::EigenvaluesOnly);
  return solver.eigenvalues()(A.rows() - 1);
}

}  // namespace

class TestEigenvalues : public QObject {
  Q_OBJECT
 private slots:
  // Regression: without a warm start the iteration began at the all-ones vector, an exact eigenvector of
  // [1 c; c 1] for the *smallest* eigenvalue when c < 0, and returned 1 + c instead of 1 - c. Every pair
  // of unit-norm atoms has such a Gram matrix: OISTA took too long steps on 2-atom supports.
  void twoByTwoGramMatricesGiveTheLargestEigenvalue() {
    for (double c : {-0.9, -0.6, -0.1, 0.3, 0.8}) {
      const Matrix A = (Matrix(2, 2) << 1.0, c, c, 1.0).finished();
      Vector v;
      QVERIFY2(std::abs(largestEigenvalue(A, v).eigenvalue - (1.0 + std::abs(c))) < 1e-12, qPrintable(QString::number(c)));
      const Matrix D = (Matrix(2, 2) << 1.0, c, 0.0, std::sqrt(1 - c * c)).finished();  // unit atoms, d1.d2 = c
      const Dictionary d(D);
      QVERIFY(std::abs(d.lipschitz() - (1.0 + std::abs(c))) < 1e-12);
      QVERIFY(std::abs(supportLipschitz(d, {0, 1}) - (1.0 + std::abs(c))) < 1e-12);
      SupportLipschitzTracker tracker(d, 1);
      QVERIFY(std::abs(tracker.update(0, Vector::Ones(2)) - (1.0 + std::abs(c))) < 1e-12);
    }
  }

  void largestEigenvalueMatchesEigenSolver() {
    Random random(1);
    for (int size : {1, 2, 7, 30, 64, 150}) {
      const Matrix B = random.normal(size, size + 3);
      const Matrix A = B * B.transpose();
      Vector v;
      const EigenvalueResult r = largestEigenvalue(A, v);
      const double exact = denseLargest(A);
      QVERIFY2(std::abs(r.eigenvalue - exact) <= 1e-9 * exact, qPrintable(QString::number(size)));
      QVERIFY((A * v - r.eigenvalue * v).norm() <= 1e-6 * exact);  // v is the eigenvector
    }
  }

  void lipschitzConstantIsTheSquaredSpectralNorm() {
    const Matrix D = gaussianDictionary(64, 256, 2);
    const Eigen::JacobiSVD<Matrix> svd(D);
    const double sigma = svd.singularValues()(0);
    QVERIFY(std::abs(lipschitzConstant(D) - sigma * sigma) <= 1e-9 * sigma * sigma);
    const Matrix tall = D.transpose();  // either orientation
    QVERIFY(std::abs(lipschitzConstant(tall) - sigma * sigma) <= 1e-9 * sigma * sigma);
  }

  void aGoodWarmStartNeedsFewerProducts() {
    Random random(3);
    const Matrix B = random.normal(60, 80);
    const Matrix A = B * B.transpose();
    Vector cold;
    const EigenvalueResult first = largestEigenvalue(A, cold);
    Vector warm = cold + 1e-4 * Vector::Ones(60);
    const EigenvalueResult second = largestEigenvalue(A, warm);
    QVERIFY2(second.products < first.products,
             qPrintable(QString("%1 vs %2").arg(second.products).arg(first.products)));
    QVERIFY(std::abs(second.eigenvalue - first.eigenvalue) <= 1e-9 * first.eigenvalue);
  }

  void operatorFormAgreesWithMatrixForm() {
    const Matrix D = gaussianDictionary(30, 90, 4);
    Vector v;
    const auto apply = [&D](const Vector& in, Vector& out) { out = D * (D.transpose() * in); };
    const double viaOperator = largestEigenvalue(apply, 30, v).eigenvalue;
    QVERIFY(std::abs(viaOperator - denseLargest(D * D.transpose())) <= 1e-9 * viaOperator);
  }

  void trackerMatchesFromScratchOnChangingSupports() {
    const Dictionary d(gaussianDictionary(40, 120, 5));
    SupportLipschitzTracker tracker(d, 1);
    Random random(6);
    Vector z = Vector::Zero(120);
    QCOMPARE(tracker.update(0, z), 0.0);  // empty support
    // Grow, shrink, and cross |S| = n, as iterates do.
    for (int k : {1, 5, 20, 39, 40, 41, 80, 120, 60, 10, 3}) {
      z.setZero();
      const auto support = random.sampleWithoutReplacement(120, k);
      for (int i : support) z(i) = 1.0;
      std::vector<int> sorted(support);
      std::sort(sorted.begin(), sorted.end());
      const Matrix DS = d.atoms()(Eigen::all, sorted);
      const double exact = denseLargest(DS.transpose() * DS);
      const double tracked = tracker.update(0, z);
      QVERIFY2(std::abs(tracked - exact) <= 1e-9 * exact, qPrintable(QString("k=%1").arg(k)));
      QVERIFY(std::abs(supportLipschitz(d, sorted) - exact) <= 1e-9 * exact);
      QCOMPARE(tracker.support(0), sorted);
    }
    const long long recomputed = tracker.recomputations();
    tracker.update(0, z);  // same support: served from memory
    QCOMPARE(tracker.recomputations(), recomputed);
    QCOMPARE(tracker.reuses(), 1LL);
  }

  void singleAtomSupportHasUnitConstant() {
    const Dictionary d(gaussianDictionary(10, 20, 7));  // unit-norm atoms: L_{i} = ||d_i||^2 = 1
    QVERIFY(std::abs(supportLipschitz(d, {3}) - 1.0) < 1e-12);
  }

  // Fig. E.1 of the paper: for a Gaussian 200 x 600 dictionary, L_S/L of random supports follows
  // ((1 + sqrt(zeta gamma)) / (1 + sqrt(gamma)))^2.
  void marchenkoPasturPredictsSupportRatio() {
    const Dictionary d(gaussianDictionary(200, 600, 8));
    const double gamma = 3.0;
    Random random(9);
    for (double zeta : {0.05, 0.1, 0.2, 0.4, 0.7}) {
      const int k = static_cast<int>(zeta * 600);
      double mean = 0.0;
      const int draws = 8;
      for (int r = 0; r < draws; ++r) mean += supportLipschitz(d, random.sampleWithoutReplacement(600, k));
      mean /= draws * d.lipschitz();
      const double predicted = marchenkoPasturRatio(zeta, gamma);
      QVERIFY2(std::abs(mean - predicted) <= 0.05 * predicted,
               qPrintable(QString("zeta=%1: empirical %2, predicted %3").arg(zeta).arg(mean).arg(predicted)));
    }
    QCOMPARE(marchenkoPasturRatio(1.0, gamma), 1.0);
  }
};

QTEST_APPLESS_MAIN(TestEigenvalues)
#include "test_eigenvalues.moc"
