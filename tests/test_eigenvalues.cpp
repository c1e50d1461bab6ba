// L and L_S: the warm-started Lanczos against Eigen's dense eigen-solver, the per-signal tracker, and
// the Marchenko-Pastur prediction of L_S / L.
#include "base/random.h"
#include "experiments/problem_generators.h"
#include "linalg/dictionary.h"
#include "linalg/largest_eigenvalue.h"
#include "linalg/support_bits.h"
#include "linalg/support_lipschitz.h"

#include <Eigen/Eigenvalues>
#include <QtTest>

using namespace unfold;

namespace {

double uniform(Random& random) { return std::uniform_real_distribution<double>(0.0, 1.0)(random.engine()); }

double denseLargest(const Matrix& A) {
  Eigen::SelfAdjointEigenSolver<Matrix> solver(A, Eigen::EigenvaluesOnly);
  return solver.eigenvalues()(A.rows() - 1);
}

double denseSupportLipschitz(const Dictionary& d, const std::vector<int>& sorted) {
  const Matrix DS = d.atoms()(Eigen::all, sorted);
  return denseLargest(DS.transpose() * DS);
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
      const double exact = denseSupportLipschitz(d, sorted);
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

  // The bitset the tracker compares supports by, and OISTA's oracle test fused with it, against their
  // definitions, for sizes around the 64-bit words and the 8-wide vectors, with NaN entries.
  void supportBitsMatchTheirDefinition() {
    Random random(11);
    for (Eigen::Index m : {1, 7, 8, 63, 64, 65, 130, 256}) {
      for (int trial = 0; trial < 20; ++trial) {
        Vector z = random.normal(m, 1).col(0);
        Vector g = random.normal(m, 1).col(0);
        for (Eigen::Index i = 0; i < m; ++i)
          if (uniform(random) < 0.6) z(i) = 0.0;
        if (trial == 1) z(m - 1) = std::numeric_limits<double>::quiet_NaN();  // NaN is not zero
        if (trial == 2) g(0) = std::numeric_limits<double>::quiet_NaN();      // nor larger than lambda
        const double lambda = trial % 3 == 0 ? 1.5 : 3.0;  // some tests grow, some do not
        std::vector<std::uint64_t> bits(static_cast<size_t>(supportWords(m))), fused(bits.size());
        supportBits(z.data(), m, bits.data());
        const bool grows = supportBitsAndGrowth(z.data(), g.data(), m, lambda, fused.data());
        bool expectedGrowth = false;
        for (Eigen::Index i = 0; i < m; ++i) {
          const bool set = (bits[static_cast<size_t>(i / 64)] >> (i % 64)) & 1u;
          QCOMPARE(set, z(i) != 0.0);
          expectedGrowth = expectedGrowth || (z(i) == 0.0 && std::abs(g(i)) > lambda);
        }
        QCOMPARE(fused, bits);
        QCOMPARE(grows, expectedGrowth);
      }
    }
  }

  // OISTA's supports shrink and grow by a few atoms per iteration; above n the tracker keeps D_S D_S^T and
  // updates it by the atoms that changed (rebuilding it every few dozen updates), below n it works on
  // G_S. Hundreds of such changes, across |S| = n, must stay as exact as a from-scratch computation, with
  // the kept matrices and without them (a zero memory budget: matrix-free products).
  void trackerStaysExactOverManySmallSupportChanges() {
    const Dictionary d(gaussianDictionary(32, 96, 12));
    for (long long budget : {SupportLipschitzTracker::kDefaultGramBudget, 0LL}) {
      SupportLipschitzTracker tracker(d, 2, budget);
      Random random(13);
      std::vector<char> in(96, 0);
      for (int i : random.sampleWithoutReplacement(96, 70)) in[static_cast<size_t>(i)] = 1;
      for (int step = 0; step < 300; ++step) {
        // Drift down through |S| = n = 32 and back up, one to three atoms at a time.
        const bool shrink = (step / 75) % 2 == 0;
        const int flips = 1 + step % 3;
        for (int f = 0; f < flips; ++f) {
          const int atom = static_cast<int>(uniform(random) * 96) % 96;
          in[static_cast<size_t>(atom)] = shrink ? 0 : 1;
        }
        // Signal 0 follows S, signal 1 its complement: both cross |S| = n, at different times.
        for (int signal : {0, 1}) {
          Vector z = Vector::Zero(96);
          std::vector<int> sorted;
          for (int i = 0; i < 96; ++i)
            if (in[static_cast<size_t>(i)] == (signal == 0 ? 1 : 0)) {
              z(i) = 1.0;
              sorted.push_back(i);
            }
          const double exact = sorted.empty() ? 0.0 : denseSupportLipschitz(d, sorted);
          const double tracked = tracker.update(signal, z);
          QVERIFY2(std::abs(tracked - exact) <= 1e-9 * std::max(exact, 1e-300),
                   qPrintable(QString("budget %1, step %2, |S| = %3: %4 vs %5")
                                  .arg(budget).arg(step).arg(sorted.size()).arg(tracked, 0, 'g', 17).arg(exact, 0, 'g', 17)));
        }
      }
    }
  }

  // A near-invariant Krylov space: two decoupled blocks, the warm start almost entirely in the one with
  // the smaller top eigenvalue. The Ritz value first settles on the wrong block's eigenvalue with a tiny
  // residual estimate; only a residual-checked convergence finds the larger one.
  void nearlyDecoupledBlocksGiveTheLargestEigenvalue() {
    Random random(14);
    const Matrix B1 = random.normal(20, 25), B2 = random.normal(20, 25);
    Matrix A = Matrix::Zero(40, 40);
    A.topLeftCorner(20, 20) = B1 * B1.transpose();
    A.bottomRightCorner(20, 20) = 2.0 * B2 * B2.transpose();
    A(0, 39) = A(39, 0) = 1e-9;  // barely coupled
    const double exact = denseLargest(A);
    Eigen::SelfAdjointEigenSolver<Matrix> firstBlock(A.topLeftCorner(20, 20));
    Vector v = Vector::Zero(40);
    v.head(20) = firstBlock.eigenvectors().col(19);
    v.tail(20).setConstant(1e-6);
    const EigenvalueResult r = largestEigenvalue(A, v);
    QVERIFY2(std::abs(r.eigenvalue - exact) <= 1e-9 * exact,
             qPrintable(QString("%1 vs %2").arg(r.eigenvalue, 0, 'g', 17).arg(exact, 0, 'g', 17)));
  }

  // The stopping rule's limit, stated in largest_eigenvalue.h: with the top two eigenvalues closer than
  // ~1e-6 (relative), the result is only known to lie within that cluster; further apart it is exact to
  // 1e-9 again.
  void clusteredTopEigenvaluesAreLocatedWithinTheCluster() {
    for (double width : {4e-3, 4e-5, 4e-7, 4e-9}) {
      Random random(15);
      const Matrix Qr = Eigen::HouseholderQR<Matrix>(random.normal(50, 50)).householderQ();
      Vector spectrum = Vector::LinSpaced(50, 0.1, 3.0);
      spectrum(48) = 4.0 - width;
      spectrum(49) = 4.0;
      const Matrix A = Qr * spectrum.asDiagonal() * Qr.transpose();
      Vector v;
      const double found = largestEigenvalue(A, v).eigenvalue;
      const double allowed = width >= 1e-5 ? 1e-9 * 4.0 : width;
      QVERIFY2(found <= 4.0 + 1e-12 && 4.0 - found <= allowed,
               qPrintable(QString("width %1: %2").arg(width).arg(found, 0, 'g', 17)));
    }
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
