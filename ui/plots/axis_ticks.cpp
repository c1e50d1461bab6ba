#include "plots/axis_ticks.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <typeinfo>

#include <QFontMetrics>

namespace unfold::ui {

namespace {

// QCustomPlot's readability strategy rounds the step to the nearest of 1, 2, 2.5, 5 and 10, down as
// often as up: three ticks asked over 0 to 1.05 gave a step of 0.25 and five labels in a 75-px panel.
// The smallest step of 1, 2, 2.5 or 5 times a power of ten that puts at most `count` + 1 ticks in the
// range (the ends may both fall on one); 0 where the range has no size.
double boundedTickStep(const QCPRange& range, int count) {
  const double exact = range.size() / std::max(1, count);
  if (!(exact > 0) || !std::isfinite(exact)) return 0;
  const auto ticksWithin = [&](double step) { return std::floor(range.upper / step) - std::ceil(range.lower / step) + 1; };
  const double magnitude = std::pow(10.0, std::floor(std::log10(exact)) - 1);
  for (const double scale : {1.0, 10.0, 100.0})
    for (const double mantissa : {1.0, 2.0, 2.5, 5.0})
      if (ticksWithin(mantissa * scale * magnitude) <= count + 1) return mantissa * scale * magnitude;
  return 1000 * magnitude;
}

class AtMostTicker : public QCPAxisTicker {
 protected:
  double getTickStep(const QCPRange& range) override {
    const double step = boundedTickStep(range, tickCount());
    return step > 0 ? step : QCPAxisTicker::getTickStep(range);
  }
};

// Whole iterations, from 0 to the last one run (not -0.5 at the axis's start, nor past the last iterate).
class IterationTicker : public AtMostTicker {
 public:
  void setLast(int last) { last_ = last; }

 protected:
  double getTickStep(const QCPRange& range) override { return std::ceil(AtMostTicker::getTickStep(range)); }
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
    QVector<double> ticks = AtMostTicker::createTickVector(tickStep, range);
    ticks.erase(std::remove_if(ticks.begin(), ticks.end(), [this](double t) { return t < -0.01 || t > last_ + 0.01; }), ticks.end());
    return ticks;
  }

 private:
  int last_ = std::numeric_limits<int>::max();
};

}  // namespace

namespace {

class PowerOfTenTicker : public QCPAxisTickerLog {
 public:
  // Over less than two decades QCustomPlot falls back to linear steps, which on a log axis bunch at the
  // top (0.25, 0.5, 0.75, 1 labelled "3·10⁻¹ 5·10⁻¹ 8·10⁻¹ 10⁰", nothing under 0.25 where the curve
  // was): ticks at 1, 2 and 5 times a power of ten there (every digit, or the powers alone, as many as
  // the tick count takes), the other digits as minor ticks.
  void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision, QVector<double>& ticks,
                QVector<double>* subTicks, QVector<QString>* tickLabels) override {
    if (range.lower > 0 && std::log10(range.upper / range.lower) < 2 && digitTicks(range, ticks, subTicks, tickLabels)) return;
    // Otherwise powers of ten; within one digit step (0.31 to 0.38), linear steps with two digits.
    const double decades = range.lower > 0 ? std::floor(std::log10(range.upper)) - std::ceil(std::log10(range.lower)) + 1 : 2;
    QCPAxisTickerLog::generate(range, locale, formatChar, decades < 2 ? std::max(precision, 2) : precision, ticks, subTicks, tickLabels);
  }

 protected:
  // Labelled decades every 1, 2, 3 or 5 (10, 20 …) decades, the smallest step that labels at most the tick
  // count + 1 decades in the range (QCustomPlot's rounding took 2 for 3.2 asked, eight labels in a 130-px
  // panel), yet two at least: in a one-column figure, 10⁻¹⁶ to 0.5 every 10 decades labelled 10⁻¹⁰ alone.
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
    const double decades = range.lower > 0 ? std::log10(range.upper / range.lower) : 0;
    if (decades < 1.6 || !std::isfinite(decades)) return QCPAxisTickerLog::createTickVector(tickStep, range);
    const int lowest = int(std::ceil(std::log10(range.lower))), highest = int(std::floor(std::log10(range.upper)));
    const auto labelled = [&](int step) {
      int count = 0;
      for (int power = lowest; power <= highest; ++power) count += power % step == 0;
      return count;
    };
    int step = 1, denser = 0;
    for (const int s : {1, 2, 3, 5, 10, 20, 50, 100}) {
      step = s;
      if (labelled(s) <= tickCount() + 1) break;
      denser = s;
    }
    if (labelled(step) < 2 && denser > 0) step = denser;
    QVector<double> ticks;
    const int first = int(std::floor(std::floor(std::log10(range.lower)) / step)) * step;
    for (int power = first; power <= int(std::ceil(std::log10(range.upper))) + step; power += step) ticks << std::pow(10.0, power);
    return ticks;
  }
  // A range within one digit step takes linear ticks: as many as the count asks, no more.
  double getTickStep(const QCPRange& range) override {
    const double step = boundedTickStep(range, tickCount());
    return step > 0 ? step : QCPAxisTickerLog::getTickStep(range);
  }

  QString getTickLabel(double tick, const QLocale&, QChar, int precision) override { return powerOfTenLabel(tick, precision); }
  // Labels several decades apart: a minor tick at each decade between. QCustomPlot spaces them linearly
  // between the labels, which on a log axis bunched them under the upper one (2·10⁻¹⁶, 3·10⁻¹⁶ … of a
  // 10⁻¹⁶ to 10⁻¹⁴ step): crowded in a 300-dpi figure, and no mark at 10⁻¹⁵.
  QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override {
    if (ticks.size() < 2 || !(ticks[0] > 0) || ticks[1] / ticks[0] < 99) return QCPAxisTickerLog::createSubTickVector(subTickCount, ticks);
    QVector<double> decades;
    for (qsizetype k = 0; k + 1 < ticks.size(); ++k)
      for (double decade = ticks[k] * 10; decade < ticks[k + 1] * (1 - 1e-9); decade *= 10) decades << decade;
    return decades;
  }

 private:
  // Every digit times a power of ten within `range` whose digit is in `digits` (1 to 9).
  static QVector<double> digitsWithin(const QCPRange& range, std::initializer_list<int> digits) {
    QVector<double> within;
    for (int power = int(std::floor(std::log10(range.lower))); power <= int(std::ceil(std::log10(range.upper))); ++power)
      for (const int digit : digits)
        if (const double v = digit * std::pow(10.0, power); v >= range.lower * (1 - 1e-12) && v <= range.upper * (1 + 1e-12)) within << v;
    return within;
  }
  // False where no set leaves two ticks in the range (a range within one digit step: 0.31 to 0.38).
  bool digitTicks(const QCPRange& range, QVector<double>& ticks, QVector<double>* subTicks, QVector<QString>* labels) const {
    const QVector<double> every = digitsWithin(range, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    const QVector<double> sets[] = {every, digitsWithin(range, {1, 2, 3, 5, 7}), digitsWithin(range, {1, 2, 5}),
                                    digitsWithin(range, {1, 3}), digitsWithin(range, {1})};
    // The densest set whose ticks are all a tick count's share of the range apart (in log terms: every digit
    // counted by number labelled 7, 8 and 9·10ᵏ a few pixels apart), else the sparsest of two or more.
    const double share = std::log10(range.upper / range.lower) / std::max(1, tickCount());
    const auto apart = [share](const QVector<double>& set) {
      for (qsizetype k = 1; k < set.size(); ++k)
        if (std::log10(set[k] / set[k - 1]) < share * (1 - 1e-9)) return false;
      return true;
    };
    const QVector<double>* chosen = nullptr;
    for (const QVector<double>& set : sets)
      if (set.size() >= 2 && (!chosen || !apart(*chosen))) chosen = &set;
    if (!chosen) return false;
    ticks = *chosen;
    if (subTicks) {
      subTicks->clear();
      for (const double v : every)
        if (!ticks.contains(v)) *subTicks << v;
    }
    if (labels) {
      labels->clear();
      for (const double v : ticks) *labels << powerOfTenLabel(v, 0);
    }
    return true;
  }

};

QString superscript(int number) {
  static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
  QString out = number < 0 ? QStringLiteral("⁻") : QString();
  for (const QChar c : QString::number(std::abs(number))) out += digits.at(c.digitValue());
  return out;
}

// Whether the labels of `count` ticks along a horizontal linear `axis` `pixels` long stand 6 px apart: a
// narrow panel's "0 20000 40000" ran together at the least count, two (three labels at most).
bool labelsStandApart(const QCPAxis* axis, int count, int pixels) {
  const QCPRange range = axis->range();
  const double step = boundedTickStep(range, count);
  if (!(step > 0) || !(range.size() > 0)) return true;
  const QFontMetrics metrics(axis->tickLabelFont());
  int widest = 0;
  for (double t = std::ceil(range.lower / step) * step; t <= range.upper + 1e-9 * step; t += step)
    widest = std::max(widest, metrics.horizontalAdvance(QString::number(std::abs(t) < 1e-9 * step ? 0.0 : t, 'g', 6)));
  return step * pixels / range.size() >= widest + 6;
}

}  // namespace

void fitLinearTickCounts(QCustomPlot& plot, int horizontalPixels, int verticalPixels) {
  // Whether the count changed: the ticks this replot draws were made before this layout, with the old one.
  const auto fit = [](QCPAxis* axis, int pixels, int perTick) {
    // A log axis of ours: labelled decades, up to ten (16 decades in a 350-px cost plot, every other one).
    const bool log = axis->scaleType() == QCPAxis::stLogarithmic && axis->ticker().dynamicCast<PowerOfTenTicker>();
    if (!log && (axis->scaleType() != QCPAxis::stLinear || axis->ticker().dynamicCast<QCPAxisTickerText>())) return false;
    // Every axis with QCustomPlot's own linear ticker (not a time or log one) gets the bounded one.
    if (typeid(*axis->ticker()) == typeid(QCPAxisTicker)) axis->setTicker(QSharedPointer<QCPAxisTicker>(new AtMostTicker));
    int count = std::clamp(pixels / perTick, 2, log ? 10 : 5);
    if (!log && axis->orientation() == Qt::Horizontal)
      while (count > 1 && !labelsStandApart(axis, count, pixels)) --count;  // down to two labels: its ends
    if (axis->ticker()->tickCount() == count) return false;
    axis->ticker()->setTickCount(count);
    return true;
  };
  // Ticks made again where the count changed, and the margins measured again for their labels (a label
  // wider than the one measured was cut at the plot's edge until a later replot): QCustomPlot's own
  // layout steps after its preparation, without a second afterLayout.
  bool changed = false;
  for (QCPAxisRect* rect : plot.axisRects()) {
    const bool across = fit(rect->axis(QCPAxis::atBottom), rect->width(), horizontalPixels);
    if (fit(rect->axis(QCPAxis::atLeft), rect->height(), verticalPixels) || across) rect->update(QCPLayoutElement::upPreparation), changed = true;
  }
  for (QCPLayoutElement* element : plot.plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(element))
      if (fit(scale->axis(), scale->axis()->axisRect()->height(), verticalPixels))
        scale->axis()->axisRect()->update(QCPLayoutElement::upPreparation), changed = true;
  if (changed) {
    plot.plotLayout()->update(QCPLayoutElement::upMargins);
    plot.plotLayout()->update(QCPLayoutElement::upLayout);
  }
}

QString powerOfTenLabel(double value, int digits) {
  if (!(value > 0) || !std::isfinite(value)) return QString::number(value);
  // From the decimal text ("9.96e-03" rounds as it is written: "1.0e-02"), not from a division by a power
  // of ten, which is 0 below 1e-308.
  const QString text = QString::number(value, 'e', std::max(0, digits));
  const qsizetype e = text.indexOf('e');
  QString mantissa = text.left(e);
  const int exponent = text.mid(e + 1).toInt();
  if (mantissa.contains('.')) {
    while (mantissa.endsWith('0')) mantissa.chop(1);
    if (mantissa.endsWith('.')) mantissa.chop(1);
  }
  const QString power = "10" + superscript(exponent);
  return mantissa == "1" ? power : mantissa + "·" + power;
}

void setIterationTicks(QCPAxis* axis, int last) {
  auto ticker = axis->ticker().dynamicCast<IterationTicker>();
  if (!ticker) {
    ticker.reset(new IterationTicker);
    ticker->setTickCount(axis->ticker()->tickCount());
    axis->setTicker(ticker);
  }
  ticker->setLast(last);
}

void setIterationRange(QCPAxis* axis, int last) {
  const double pad = std::max(0.5, 0.02 * last);
  axis->setRange(-pad, std::max(1, last) + pad);
  setIterationTicks(axis, last);
}

int settledIterationEnd(double settled, double ran) {
  if (!(ran > 100) || !(settled >= 0) || settled >= 0.8 * ran) return -1;
  return std::max(1, static_cast<int>(std::ceil(settled * 1.1)));
}

void setLogarithmic(QCPAxis* axis, bool logarithmic) {
  if (logarithmic) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new PowerOfTenTicker));
    axis->setNumberFormat("e");  // read by the ticker as the precision only: its labels hold no "e"
    axis->setNumberPrecision(0);
  } else {
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new AtMostTicker));
    axis->setNumberFormat("gb");
    axis->setNumberPrecision(6);
  }
}

bool showAxisMarks(QCPAxis& axis, bool shown) {
  constexpr const char* kHidden = "marksHiddenWhileEmpty";
  constexpr const char* kZeroLine = "zeroLineWhileResultsShow";
  constexpr const char* kNumberColor = "numberColorWhileResultsShow";
  if (axis.property(kHidden).toBool() != shown) return false;
  const bool colourScale = axis.axisRect()->inherits("QCPColorScaleAxisRectPrivate");
  axis.setProperty(kHidden, !shown);
  if (shown) {
    axis.grid()->setZeroLinePen(axis.property(kZeroLine).value<QPen>());
    if (colourScale) axis.setTickLabelColor(axis.property(kNumberColor).value<QColor>());
    else axis.setTickLabels(true);
  } else {
    axis.setProperty(kZeroLine, QVariant::fromValue(axis.grid()->zeroLinePen()));
    axis.grid()->setZeroLinePen(Qt::NoPen);
    if (colourScale) {
      axis.setProperty(kNumberColor, axis.tickLabelColor());
      axis.setTickLabelColor(Qt::transparent);
    } else {
      axis.setTickLabels(false);
    }
  }
  return true;
}

}  // namespace unfold::ui
