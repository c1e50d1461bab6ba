#include "plots/axis_ticks.h"

#include <algorithm>
#include <cmath>

namespace unfold::ui {

void fitLinearTickCounts(QCustomPlot& plot, int horizontalPixels, int verticalPixels) {
  const auto fit = [](QCPAxis* axis, int pixels, int perTick) {
    if (axis->scaleType() == QCPAxis::stLinear && !axis->ticker().dynamicCast<QCPAxisTickerText>())
      axis->ticker()->setTickCount(std::clamp(pixels / perTick, 2, 5));
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
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->setNumberFormat("gb");
    axis->setNumberPrecision(6);
  }
}

}  // namespace unfold::ui
