// CSV and .npy matrices: exact round trips, the layouts NumPy writes, and a clear error for every kind
// of malformed input.
#include "csv_matrix.h"
#include "input_error.h"
#include "matrix_file.h"
#include "npy_matrix.h"
#include "random.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace unfold;

namespace {

QString csvError(const std::string& text) {
  try {
    parseCsvMatrix(text, "in.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

QString npyError(const std::string& bytes) {
  try {
    parseNpyMatrix(bytes, "in.npy");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// A .npy file as NumPy writes it (format 1.0 or 2.0), with raw little-endian data.
std::string npy(const std::string& header, const std::string& data, int version = 1) {
  std::string h = header;
  const size_t prefix = version == 1 ? 10 : 12;
  h.append((64 - (prefix + h.size() + 1) % 64) % 64, ' ');
  h.push_back('\n');
  std::string out("\x93NUMPY", 6);
  out.push_back(static_cast<char>(version));
  out.push_back('\0');
  if (version == 1) {
    out.push_back(static_cast<char>(h.size() & 0xff));
    out.push_back(static_cast<char>(h.size() >> 8));
  } else {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((h.size() >> (8 * i)) & 0xff));
  }
  return out + h + data;
}

template <typename T>
std::string raw(std::initializer_list<T> values) {
  std::string out;
  for (T v : values) out.append(reinterpret_cast<const char*>(&v), sizeof(T));
  return out;
}

}  // namespace

class TestMatrixFiles : public QObject {
  Q_OBJECT
 private slots:
  void csvRoundTripIsBitExact() {
    Random random(1);
    Matrix M = random.normal(7, 5);
    M(0, 0) = 1e-300;
    M(1, 1) = -0.0;
    M(2, 2) = 123456789.123456789;
    M(3, 3) = std::numeric_limits<double>::min();
    QCOMPARE(parseCsvMatrix(formatCsvMatrix(M), "x"), M);
  }

  void npyRoundTripIsBitExact() {
    Random random(2);
    const Matrix M = random.normal(6, 9);
    const std::string bytes = formatNpyMatrix(M);
    QCOMPARE((10 + static_cast<int>(static_cast<unsigned char>(bytes[8]))) % 64, 0);  // data aligned
    QCOMPARE(parseNpyMatrix(bytes, "x"), M);
  }

  void filesRoundTripThroughDiskByExtension() {
    QTemporaryDir dir;
    Random random(3);
    const Matrix M = random.normal(4, 3);
    for (const char* name : {"/m.csv", "/m.npy"}) {
      const std::string path = dir.path().toStdString() + name;
      writeMatrixFile(path, M);
      QCOMPARE(readMatrixFile(path), M);
    }
    // Signals files hold one signal per row: X (n x N) is written transposed.
    writeSignalsFile(dir.path().toStdString() + "/x.csv", M);
    QCOMPARE(readMatrixFile(dir.path().toStdString() + "/x.csv"), Matrix(M.transpose()));
    QCOMPARE(readSignalsFile(dir.path().toStdString() + "/x.csv"), M);
  }

  void csvAcceptsWhitespaceCrlfAndTrailingNewlines() {
    const Matrix M = parseCsvMatrix(" 1, 2.5 ,-3e-2\r\n+4,5,6\r\n\n\n", "x");
    QCOMPARE(M.rows(), Eigen::Index(2));
    QCOMPARE(M(0, 2), -3e-2);
    QCOMPARE(M(1, 0), 4.0);
  }

  void npyReadsFloat32FortranOrderAndVersion2() {
    const Matrix c = parseNpyMatrix(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                                        raw<float>({1, 2, 3, 4, 5, 6})), "x");
    QCOMPARE(c(0, 2), 3.0);
    QCOMPARE(c(1, 0), 4.0);
    const Matrix f = parseNpyMatrix(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                                        raw<double>({1, 2, 3, 4, 5, 6})), "x");
    QCOMPARE(f(0, 1), 3.0);  // column-major: (1,2) is the first column
    QCOMPARE(f(1, 0), 2.0);
    const Matrix v2 = parseNpyMatrix(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                                         raw<double>({7, 8, 9}), 2), "x");
    QCOMPARE(v2.rows(), Eigen::Index(1));  // a 1-D array is one row
    QCOMPARE(v2(0, 2), 9.0);
  }

  void malformedCsvIsRejectedWithPosition_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "" << "in.csv: empty file";
    QTest::newRow("blank") << "\n \n" << "in.csv: empty file";
    QTest::newRow("ragged") << "1,2,3\n4,5\n" << "in.csv, line 2: ragged row with 2 values, expected 3";
    QTest::newRow("word") << "1,2\n3,abc\n" << "in.csv, line 2, column 2: not a number 'abc'";
    QTest::newRow("empty field") << "1,,2\n" << "in.csv, line 1, column 2: not a number ''";
    QTest::newRow("nan") << "1,nan\n" << "in.csv, line 1, column 2: NaN or Inf is not allowed";
    QTest::newRow("inf") << "-inf,1\n" << "in.csv, line 1, column 1: NaN or Inf is not allowed";
    QTest::newRow("overflow") << "1e999\n" << "in.csv, line 1, column 1: number out of range";
    QTest::newRow("header") << "a,b\n1,2\n" << "in.csv, line 1, column 1: not a number 'a'";
    QTest::newRow("semicolons") << "1;2\n" << "in.csv, line 1, column 1: not a number '1;2'";
    QTest::newRow("hole") << "1,2\n\n3,4\n" << "in.csv, line 2: empty line inside the data";
  }
  void malformedCsvIsRejectedWithPosition() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    const QString error = csvError(text.toStdString());
    QVERIFY2(error.startsWith(message), qPrintable(error));
  }

  void malformedNpyIsRejectedWithTheField_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const std::string good = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", raw<double>({1, 2, 3, 4}));
    const auto bytes = [](const std::string& s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); };
    QTest::newRow("empty") << QByteArray() << "in.npy: empty file";
    QTest::newRow("magic") << QByteArray("PK\x03\x04 not numpy at all") << "in.npy: not a .npy file";
    QTest::newRow("truncated header") << bytes(good.substr(0, 30)) << "in.npy: truncated .npy header";
    QTest::newRow("truncated data") << bytes(good.substr(0, good.size() - 8))
                                    << "in.npy: truncated data: shape (2, 2) needs 32 bytes but 24 follow";
    QTest::newRow("lying shape") << bytes(good + raw<double>({5}))
                                 << "in.npy: the header does not match the data";
    QTest::newRow("int dtype") << bytes(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", raw<long long>({1})))
                               << "in.npy: unsupported dtype '<i8'";
    QTest::newRow("3-D") << bytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", raw<double>({1})))
                         << "in.npy: expected a 1-D or 2-D array";
    QTest::newRow("no shape") << bytes(npy("{'descr': '<f8', 'fortran_order': False, }", raw<double>({1})))
                              << "in.npy: the .npy header has no 'shape' field";
    QTest::newRow("bad dim") << bytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", raw<double>({1})))
                             << "in.npy: malformed .npy header: bad dimension 'x'";
    QTest::newRow("zero dim") << bytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", ""))
                              << "in.npy: empty array";
    QTest::newRow("nan") << bytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                                      raw<double>({1, std::nan("")})))
                         << "in.npy: NaN or Inf at row 1, column 2";
    QTest::newRow("huge shape") << bytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000, 100000000), }", raw<double>({1})))
                                << "in.npy: truncated data";
    QTest::newRow("version") << bytes(std::string("\x93NUMPY\x09\x00\x10\x00{}              ", 26))
                             << "in.npy: unsupported .npy format version 9";
    QTest::newRow("short") << bytes(std::string("\x93NUMPY\x01", 7)) << "in.npy: truncated .npy header";
  }
  void malformedNpyIsRejectedWithTheField() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString error = npyError(bytes.toStdString());
    QVERIFY2(error.startsWith(message), qPrintable(error));
  }

  void fileErrorsNameThePath() {
    QTemporaryDir dir;
    const auto error = [](const std::function<void()>& f) -> QString {
      try {
        f();
      } catch (const InputError& e) {
        return e.what();
      }
      return "no error";
    };
    const std::string missing = dir.path().toStdString() + "/missing.csv";
    QCOMPARE(error([&] { readMatrixFile(missing); }), QString::fromStdString(missing + ": no such file"));
    QVERIFY(error([&] { readMatrixFile(dir.path().toStdString() + "/m.txt"); }).contains("unknown file type"));
    QVERIFY(error([&] { writeMatrixFile("/nonexistent-folder/x.csv", Matrix::Ones(1, 1)); }).contains("cannot write"));
  }

  void failedWriteLeavesNothingBehind() {
    QTemporaryDir dir;
    // The target is a folder: the write must fail without leaving a partial or temporary file.
    QVERIFY(QDir(dir.path()).mkdir("target.csv"));
    bool threw = false;
    try {
      writeMatrixFile(dir.path().toStdString() + "/target.csv", Matrix::Ones(2, 2));
    } catch (const InputError& e) {
      threw = QString(e.what()).contains("target.csv");
    }
    QVERIFY(threw);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
  }
};

QTEST_APPLESS_MAIN(TestMatrixFiles)
#include "test_matrix_files.moc"
