// Text that meets too little room loses whole parts from its end, never a word of one: the status bar
// beside the progress bar in a 1024-pixel window had shown "Gaussian D, n = 6" under the bar, and the
// training plot's title "solid train, dashed test, ○ …".
#include "plots/plot_text.h"
#include "run/run_status.h"
#include "window/status_line.h"

#include <QApplication>
#include <QtTest>

using namespace unfold::ui;

namespace {
const QStringList kParts = {"training SLISTA (3 of 3) at step 77 of 150, 4.1 s elapsed, ETA 0.7 s", "best mean F − F* = 1.09e-08",
                            "Gaussian D, n = 64, m = 256, λ = 0.8 λₘₐₓ, 1000 test and 1000 training signals", "L = 8.5382",
                            "mean λₘₐₓ = 1.237"};
int widthOf(const QFontMetrics& metrics, qsizetype parts) {
  return metrics.horizontalAdvance(kParts.first(parts).join(kStatusSeparator));
}
}  // namespace

class TestFittedText : public QObject {
  Q_OBJECT
 private slots:
  void statusKeepsItsLeadingPartsWhole() {
    const QFontMetrics metrics(QApplication::font());
    const QString status = kParts.join(kStatusSeparator);
    QCOMPARE(statusForWidth(status, metrics, widthOf(metrics, 5)), status);
    for (qsizetype parts = 1; parts < kParts.size(); ++parts) {
      // Room for these parts and most of the next one: the next one is left out whole.
      const int width = (widthOf(metrics, parts) + 3 * widthOf(metrics, parts + 1)) / 4;
      QCOMPARE(statusForWidth(status, metrics, width), kParts.first(parts).join(kStatusSeparator));
    }
    // The first part alone too long: cut with an ellipsis, within the width.
    const int narrow = metrics.horizontalAdvance(kParts[0]) / 2;
    const QString cut = statusForWidth(status, metrics, narrow);
    QVERIFY2(cut.startsWith("training SLISTA") && cut.size() < kParts[0].size(), qPrintable(cut));
    QVERIFY(metrics.horizontalAdvance(cut) <= narrow);
  }

  // A part that says what, then why, keeps its what and the whole words of its why that fit: at 1024 px a
  // paused run's long state had left out "ALISTA collapsed to z = 0" altogether.
  void aReasonLosesItsLastWordsFirst() {
    const QFontMetrics metrics(QApplication::font());
    const QString collapse = "ALISTA collapsed to z = 0: its W is not D, so z* is not its fixed point";
    const QStringList parts{kParts[0], kParts[1], collapse, kParts[2]};
    const QString status = parts.join(kStatusSeparator);
    const QString lead = kParts.first(2).join(kStatusSeparator) + kStatusSeparator;
    const int roomForThreeWords = metrics.horizontalAdvance(lead + "ALISTA collapsed to z = 0: its W is…");
    QCOMPARE(statusForWidth(status, metrics, roomForThreeWords), lead + "ALISTA collapsed to z = 0: its W is…");
    QCOMPARE(statusForWidth(status, metrics, roomForThreeWords - 1), lead + "ALISTA collapsed to z = 0: its W…");
    // Not even a word of why: the part goes whole, as any other.
    const int noWord = metrics.horizontalAdvance(lead + "ALISTA collapsed to z = 0: its…") - 1;
    QCOMPARE(statusForWidth(status, metrics, noWord), kParts.first(2).join(kStatusSeparator));
    // Room for it whole: the next part, which says no why, is left out whole.
    const int whole = metrics.horizontalAdvance(lead + collapse + kStatusSeparator + "Gaussian D, n = 64");
    QCOMPARE(statusForWidth(status, metrics, whole), lead + collapse);
  }

  void statusLineShowsWhatFitsAndTellsTheRestInItsTooltip() {
    StatusLine line("Ready");
    const QString status = kParts.join(kStatusSeparator);
    line.setStatus(status);
    line.resize(widthOf(line.fontMetrics(), 2) + 20 + line.contentsMargins().left() + line.contentsMargins().right(), 20);
    line.show();
    QCOMPARE(line.status(), status);
    QCOMPARE(line.text(), kParts.first(2).join(kStatusSeparator));
    QCOMPARE(line.toolTip(), status);
    line.resize(widthOf(line.fontMetrics(), 5) + 40, 20);  // room again: all of it, no tooltip
    QTRY_COMPARE(line.text(), status);
    QVERIFY(line.toolTip().isEmpty());
    line.setStatus("done in 5.5 s");
    QCOMPARE(line.text(), QString("done in 5.5 s"));
    QVERIFY(line.minimumSizeHint().width() < 50);  // it never holds the window wide
  }

  void titleListLosesItsLastItemsWhole() {
    const QFontMetrics metrics(QApplication::font());
    const QString title = "Training loss: solid train, dashed test, \u25CB kept";
    const int width = metrics.horizontalAdvance("solid train, dashed test, \u25CB k") + 12;
    QCOMPARE(fittedTitle(title, false, metrics, QSize(width, 200)), QString("solid train, dashed test"));
    const int wide = metrics.horizontalAdvance("solid train, dashed test, \u25CB kept") + 12;
    QCOMPARE(fittedTitle(title, false, metrics, QSize(wide, 200)), QString("solid train, dashed test, \u25CB kept"));
    // A figure has no dock title to name the plot: the name stays, the list loses its last items, then all.
    const int named = metrics.horizontalAdvance("Training loss: solid train, dashed test") + 12;
    QCOMPARE(fittedTitle(title, false, metrics, QSize(named, 150), true), QString("Training loss: solid train, dashed test"));
    QCOMPARE(fittedTitle(title, false, metrics, QSize(metrics.horizontalAdvance("Training loss: sol") + 12, 150), true), QString("Training loss"));
    QCOMPARE(fittedTitle("Support evolution: OISTA, signal 0", false, metrics, QSize(metrics.horizontalAdvance("Support evolution: OISTA") + 14, 150), true),
             QString("Support evolution: OISTA"));
    // A figure as high as a journal column's (8.5 × 6.4 cm: 241 px) has two lines for it: the key stays whole
    // (a one-column export of the training plot said "Training loss: solid train", its dashes and circles unexplained).
    QCOMPARE(fittedTitle(title, false, metrics, QSize(named, 241), true), QString("Training loss:\nsolid train, dashed test, \u25CB kept"));
  }
};

QTEST_MAIN(TestFittedText)
#include "test_fitted_text.moc"
