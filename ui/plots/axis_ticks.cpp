#include "plots/axis_ticks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <typeinfo>

namespace unfold::ui {

namespace {

// QCustomPlot's readability strategy rounds the step to the nearest of 1, 2, 2.5, 5 and 10, down as
// often as up: three ticks asked over 0 to 1.05 gave a step of 0.25 and five labels in a 75-px panel.
// Rounding up keeps the count asked for as the most there are (plus the one at the range's end); only
// where that would leave a single tick in the range does the step come down again.
class AtMostTicker : public QCPAxisTicker {
 protected:
  double getTickStep(const QCPRange& range) override {
    const double exact = range.size() / std::max(1, tickCount());
    if (!(exact > 0) || !std::isfinite(exact)) return QCPAxisTicker::getTickStep(range);
    const double magnitude = std::pow(10.0, std::floor(std::log10(exact)));
    const auto ticksWithin = [&](double step) { return std::floor(range.upper / step) - std::ceil(range.lower / step) + 1; };
    static constexpr std::array<double, 8> kMantissas{0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0};
    std::size_t k = 3;
    while (k + 1 < kMantissas.size() && kMantissas[k] * magnitude < exact * (1 - 1e-9)) ++k;
    while (k > 0 && ticksWithin(kMantissas[k] * magnitude) < 2) --k;
    return kMantissas[k] * magnitude;
  }
};

}  // namespace

void fitLinearTickCounts(QCustomPlot& plot, int horizontalPixels, int verticalPixels) {
  const auto fit = [](QCPAxis* axis, int pixels, int perTick) {
    if (axis->scaleType() != QCPAxis::stLinear) return;
    // Every axis with QCustomPlot's own linear ticker (not a text, time or log one) gets the bounded one.
    if (typeid(*axis->ticker()) == typeid(QCPAxisTicker)) axis->setTicker(QSharedPointer<QCPAxisTicker>(new AtMostTicker));
    if (!axis->ticker().dynamicCast<QCPAxisTickerText>()) axis->ticker()->setTickCount(std::clamp(pixels / perTick, 2, 5));
  };
  for (QCPAxisRect* rect : plot.axisRects()) {
    fit(rect->axis(QCPAxis::atBottom), rect->width(), horizontalPixels);
    fit(rect->axis(QCPAxis::atLeft), rect->height(), verticalPixels);
  }
  for (QCPLayoutElement* element : plot.plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(element)) fit(scale->axis(), scale->axis()->axisRect()->height(), verticalPixels);
}

namespace {

class PowerOfTenTicker : public QCPAxisTickerLog {
 public:
  // Over less than two decades QCustomPlot falls back to linear steps (0.08, 0.1, 0.12): a mantissa
  // digit then, or "10⁻¹" would label two ticks.
  void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision, QVector<double>& ticks,
                QVector<double>* subTicks, QVector<QString>* tickLabels) override {
    const double decades = range.lower > 0 ? std::floor(std::log10(range.upper)) - std::ceil(std::log10(range.lower)) + 1 : 2;
    QCPAxisTickerLog::generate(range, locale, formatChar, decades < 2 ? std::max(precision, 1) : precision, ticks, subTicks, tickLabels);
  }

 protected:
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
};

QString superscript(int number) {
  static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
  QString out = number < 0 ? QStringLiteral("⁻") : QString();
  for (const QChar c : QString::number(std::abs(number))) out += digits.at(c.digitValue());
  return out;
}

}  // namespace

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

}  // namespace unfold::ui
