#include "plots/plot_text.h"

#include <algorithm>

namespace unfold::ui {

QString titleForWidth(const QString& title, const QFontMetrics& metrics, int width, int lines, bool* elided) {
  if (elided) *elided = false;
  if (metrics.horizontalAdvance(title) <= width) return title;
  const auto cutShort = [&] {
    if (elided) *elided = true;
    return metrics.elidedText(title, Qt::ElideRight, width);
  };
  if (lines < 2) return cutShort();
  // Where the title reads best broken: before its parenthesis, after a colon or dash, else at the last
  // space that leaves a first line that fits.
  qsizetype cut = -1;
  for (const QString& mark : {QString(" ("), QString(": "), QString(" — ")}) {
    const qsizetype at = title.indexOf(mark);
    if (at > 0 && cut < 0) cut = mark == " (" ? at : at + mark.size() - 1;
  }
  if (cut < 0 || metrics.horizontalAdvance(title.left(cut)) > width) {
    cut = -1;
    for (qsizetype at = title.indexOf(' '); at > 0 && metrics.horizontalAdvance(title.left(at)) <= width; at = title.indexOf(' ', at + 1))
      cut = at;
  }
  if (cut < 0) return cutShort();
  return title.left(cut) + "\n" + titleForWidth(title.mid(cut + 1), metrics, width, lines - 1, elided);
}

QString csvLabel(QString label) {
  return label.replace(QString("ₛ"), "_S").replace(QString("ₜ"), "_t").replace(QString("ᵢ"), "_i");
}

QString fittedTitle(const QString& title, bool hint, const QFontMetrics& metrics, QSize size, bool inFigure) {
  const int width = std::max(40, size.width() - 12);
  // A figure's title may take a second line from 200 px high (a journal column's 8.5 × 6.4 cm): the training
  // plot's key ("dashed test, ○ kept") is what the figure's reader needs, and one line kept its name alone.
  const int tallEnough = inFigure ? 200 : 300;
  const int lines = hint ? (size.height() >= 300 ? 3 : size.height() >= 200 ? 2 : 1) : size.height() >= tallEnough ? 2 : 1;
  bool elided = false;
  const QString shown = titleForWidth(title, metrics, width, lines, &elided);
  if (!elided) return shown;
  // The parenthesis that closes the title ("Robustness of … (λ = 0.5)"), not one inside it.
  const qsizetype open = title.lastIndexOf(" ("), colon = title.indexOf(": ");
  if (open > 0 && title.endsWith(')')) {
    const QString inside = title.mid(open + 2, title.size() - open - 3);
    // A hint's instruction reads as a sentence; a title's parenthesis is shown as written ("λ = 0.5").
    return titleForWidth(hint ? inside.left(1).toUpper() + inside.mid(1) : inside, metrics, width, lines);
  }
  if (colon < 0) return shown;
  if (inFigure && !hint) {
    for (QString kept = title; kept.size() > colon;) {
      const qsizetype comma = kept.lastIndexOf(", ");
      kept.truncate(comma > colon ? comma : colon);
      const QString fitted = titleForWidth(kept, metrics, width, lines, &elided);
      if (!elided) return fitted;
    }
    return titleForWidth(title.left(colon), metrics, width, lines);
  }
  QString rest = title.mid(colon + 2);
  QString fitted = titleForWidth(rest, metrics, width, lines, &elided);
  // A list ("solid train, dashed test, ○ kept") loses its last items whole, not the words of one.
  for (qsizetype comma = rest.lastIndexOf(", "); elided && comma > 0; comma = rest.lastIndexOf(", ")) {
    rest.truncate(comma);
    fitted = titleForWidth(rest, metrics, width, lines, &elided);
  }
  return fitted;
}

QStringList settledAxisLabels(const QString& along, double ran, const QString& why) {
  const QString to = QString("t = %1").arg(ran);
  return {QString("%1 (the run went on to %2, %3)").arg(along, to, why), QString("%1 (the run went on to %2)").arg(along, to),
          QString("%1 (on to %2)").arg(along, to), QString("t (run to %1)").arg(ran), along};
}

}  // namespace unfold::ui
