// CSV and .npy matrices: exact round trips, the layouts NumPy writes, and a clear error for every kind
// of malformed input.
#include "base/input_error.h"
#include "base/quoted_text.h"
#include "base/random.h"
#include "io/csv_matrix.h"
#include "io/matrix_file.h"
#include "io/npy_matrix.h"

#include <QTemporaryDir>
#include <QtTest>

#include "error_of.h"
#include "text_files.h"

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
  // numpy refuses every one of these headers (ast.literal_eval, then exactly three keys).
  void npyHeaderIsAsStrictAsNumpy_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("message");
    QTest::newRow("junk after }") << "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), } junk" << "unexpected text after '}': 'junk'";
    QTest::newRow("no {") << "'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }" << "the header does not start with '{'";
    QTest::newRow("extra key") << "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), 'x': 1}" << "unexpected key 'x'";
    QTest::newRow("double comma") << "{'descr': '<f8', 'fortran_order': False, 'shape': (10,,20), }" << "bad dimension '' in shape";
    QTest::newRow("unterminated") << "{'descr': '<f8, 'fortran_order': False, 'shape': (1, 1), }" << "expected ',' or '}' after the value of 'descr'";
    QTest::newRow("open quote") << "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), 'sh" << "unterminated string in a key";
    QTest::newRow("int shape") << "{'descr': '<f8', 'fortran_order': False, 'shape': (1), }" << "the shape (1) is not a tuple";
    QTest::newRow("no comma") << "{'descr': '<f8' 'fortran_order': False, 'shape': (1, 1), }" << "expected ',' or '}' after the value of 'descr'";
    QTest::newRow("bool") << "{'descr': '<f8', 'fortran_order': 0, 'shape': (1, 1), }" << "fortran_order must be True or False, not '0";
    QTest::newRow("negative") << "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 1), }" << "bad dimension '-1'";
  }
  void npyHeaderIsAsStrictAsNumpy() {
    QFETCH(QString, header);
    QFETCH(QString, message);
    const QString error = npyError(npy(header.toStdString(), raw<double>({1})));
    QVERIFY2(error.startsWith("in.npy: malformed .npy header: " + message), qPrintable(error));
  }

  void npyHeadersNumpyWritesLoad() {
    // With or without the trailing comma, double quotes, no spaces, a Python 2 'L': all legal for numpy.
    for (const char* header : {"{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2)}",
                               "{\"descr\":\"<f8\",\"fortran_order\":False,\"shape\":(1,2),}",
                               "{'shape': (1L, 2L), 'fortran_order': False, 'descr': '<f8', }"}) {
      const QString error = npyError(npy(header, raw<double>({1, 2})));
      QVERIFY2(error == "no error", qPrintable(QString(header) + " -> " + error));
    }
  }

  void npyByteCountOverflowIsRefused() {
    // 2^31 x 2^31 x 8 bytes wraps a 64-bit count to 0: it must be refused, not read as "fits".
    const QString error = npyError(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648, 2147483648), }", ""));
    QVERIFY2(error.startsWith("in.npy: the shape (2147483648, 2147483648) is too large"), qPrintable(error));
    const QString error2 = npyError(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", ""));
    QVERIFY2(error2.contains("is too large"), qPrintable(error2));
  }

  void csvSignsAndUnderflow() {
    QVERIFY2(csvError("+-1\n").startsWith("in.csv, line 1, column 1: not a number '+-1'"), qPrintable(csvError("+-1\n")));
    QVERIFY(csvError("++1\n").startsWith("in.csv, line 1, column 1: not a number '++1'"));
    QVERIFY(csvError("--1\n").startsWith("in.csv, line 1, column 1: not a number '--1'"));
    const Matrix M = parseCsvMatrix("1e-400,-1e-400,+2,4e-320\n", "x");  // underflow is legal: nearest double
    QCOMPARE(M(0, 0), 0.0);
    QCOMPARE(M(0, 1), 0.0);
    QCOMPARE(M(0, 2), 2.0);
    QVERIFY(M(0, 3) > 0.0 && M(0, 3) < 1e-300);
    QVERIFY(csvError("1e400\n").startsWith("in.csv, line 1, column 1: number out of range '1e400'"));
  }

  void messagesQuoteAtMost80EscapedCharacters() {
    const std::string field(20'000'000, 'x');
    const QString error = csvError("1," + field + "\n");
    QVERIFY2(error.size() < 200, qPrintable(error.left(300)));
    QVERIFY2(error.contains("not a number '" + QString(80, 'x') + "'... (20000000 bytes)"), qPrintable(error));
    const QString escaped = csvError("1,\x1b[31mred\x07\n");
    QVERIFY2(escaped.contains("not a number '\\x1b[31mred\\x07'"), qPrintable(escaped));
    QVERIFY(!escaped.contains(QChar(0x1b)) && !escaped.contains(QChar(0x07)));
    const QString dtype = npyError(npy("{'descr': '\x1b]0;title\x07', 'fortran_order': False, 'shape': (1,), }", raw<double>({1})));
    QVERIFY2(dtype.contains("unsupported dtype '\\x1b]0;title\\x07'"), qPrintable(dtype));
    // C1 controls (U+009B starts a terminal sequence) and bidirectional overrides act on the text, and a
    // byte that is not UTF-8 is no character: escaped; other characters stand (λ).
    const QString unicode = csvError("1,\xc2\x9b" "31m\xe2\x80\xae\x93" "λ\n");
    QVERIFY2(unicode.contains("not a number '\\u009b31m\\u202e\\x93λ'"), qPrintable(unicode));
    QCOMPARE(printableText("a\\b\n\xe2\x80\xae" "λ"), std::string("a\\b\\n\\u202eλ"));
  }

  void malformedNpyIsRejectedWithTheField() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString error = npyError(bytes.toStdString());
    QVERIFY2(error.startsWith(message), qPrintable(error));
  }

  void fileErrorsNameThePath() {
    QTemporaryDir dir;
    const std::string missing = dir.path().toStdString() + "/missing.csv";
    QCOMPARE(errorOf([&] { readMatrixFile(missing); }), QString::fromStdString(missing + ": no such file"));
    QVERIFY(errorOf([&] { readMatrixFile(dir.path().toStdString() + "/m.txt"); }).contains("unknown file type"));
    QCOMPARE(errorOf([&] { writeMatrixFile("/nonexistent-folder/x.csv", Matrix::Ones(1, 1)); }),
             QString("/nonexistent-folder/x.csv: the folder /nonexistent-folder does not exist"));
    // A name without a type is a stream only if it names one: a new file under /dev is a file as any.
    for (const std::string stream : {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/dev/null"})
      QCOMPARE(errorOf([&] { checkMatrixFileName("--codes", stream); }), QString("no error"));
    QCOMPARE(errorOf([&] { checkMatrixFileName("--codes", "/dev/shm/unfold-codes"); }),
             QString("--codes /dev/shm/unfold-codes: unknown file type (use a .csv or .npy file)"));
  }

  // A device or a file of the wrong kind is refused by its first bytes, not after reading up to the limit
  // (2 GiB of /dev/zero): no CSV or JSON holds a NUL byte, and a .npy file starts with its magic string.
  void aFileOfTheWrongKindIsRefusedByItsFirstBytes() {
    QTemporaryDir dir;
    const std::string zeroNpy = dir.path().toStdString() + "/zero.npy", nul = dir.path().toStdString() + "/nul.csv";
    QVERIFY(QFile::link("/dev/zero", QString::fromStdString(zeroNpy)));
    QVERIFY(writeText(QString::fromStdString(nul), QString("1,2\n3,") + QChar(0) + "\n"));
    QCOMPARE(errorOf([&] { readMatrixFile("/dev/zero"); }), QString("/dev/zero: byte 1 is NUL: not a text file"));
    QCOMPARE(errorOf([&] { readMatrixFile(zeroNpy); }), QString::fromStdString(zeroNpy + ": not a .npy file (bad magic string)"));
    QCOMPARE(errorOf([&] { readMatrixFile(nul); }), QString::fromStdString(nul + ": byte 7 is NUL: not a text file"));
    QCOMPARE(errorOf([&] { readWholeFile("/dev/zero"); }), QString("/dev/zero: byte 1 is NUL: not a text file"));
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
