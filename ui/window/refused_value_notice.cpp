#include "window/refused_value_notice.h"

#include <QAbstractSpinBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <memory>
#include <optional>
#include <utility>

namespace unfold::ui {

namespace {

bool layoutHolds(QLayoutItem* item, const QWidget* widget) {
  if (!item) return false;
  if (item->widget() == widget) return true;
  if (QLayout* layout = item->layout())
    for (int i = 0; i < layout->count(); ++i)
      if (layoutHolds(layout->itemAt(i), widget)) return true;
  return false;
}

QString fieldName(QWidget* form, const QAbstractSpinBox* box) {
  for (QFormLayout* layout : form->findChildren<QFormLayout*>()) {
    for (int row = 0; row < layout->rowCount(); ++row) {
      if (!layoutHolds(layout->itemAt(row, QFormLayout::FieldRole), box)) continue;
      QLayoutItem* label = layout->itemAt(row, QFormLayout::LabelRole);
      if (const auto* text = label ? qobject_cast<const QLabel*>(label->widget()) : nullptr)
        if (!text->text().isEmpty()) return QString(text->text()).remove('&');
    }
  }
  return box->objectName();
}

struct Range {
  double low, high, kept;
};

Range rangeOf(const QAbstractSpinBox* box) {
  if (const auto* whole = qobject_cast<const QSpinBox*>(box))
    return {double(whole->minimum()), double(whole->maximum()), double(whole->value())};
  const auto* real = qobject_cast<const QDoubleSpinBox*>(box);
  return {real->minimum(), real->maximum(), real->value()};
}

QString number(double value) { return QString::number(value, 'g', 10); }

// The sentence for `typed` (the box's text, prefix and all) if it is a number out of the box's range;
// `kept`: the box has gone back to its value (on Enter), which is said; a keystroke refused while typing
// leaves the value to come open.
std::optional<QString> refusal(QWidget* form, const QAbstractSpinBox* box, QString typed, bool kept) {
  QString prefix, suffix;
  if (const auto* whole = qobject_cast<const QSpinBox*>(box)) prefix = whole->prefix(), suffix = whole->suffix();
  if (const auto* real = qobject_cast<const QDoubleSpinBox*>(box)) prefix = real->prefix(), suffix = real->suffix();
  typed = typed.trimmed();
  if (!prefix.trimmed().isEmpty() && typed.startsWith(prefix.trimmed())) typed = typed.mid(prefix.trimmed().size());
  if (!suffix.trimmed().isEmpty() && typed.endsWith(suffix.trimmed())) typed.chop(suffix.trimmed().size());
  typed = typed.trimmed();
  bool ok = false;
  const double value = box->locale().toDouble(typed, &ok);
  const Range range = rangeOf(box);
  // A minus sign where no value is negative: the box drops it, and the digits after it make a positive
  // value ("-5" seeds with 5).
  const bool negative = (typed.startsWith('-') || typed.startsWith(QChar(0x2212))) && range.low >= 0;
  if (!negative && (!ok || (value >= range.low && value <= range.high))) return std::nullopt;
  return QString("%1: %2 is not taken (%3 to %4)%5")
      .arg(fieldName(form, box), negative && !ok ? QString("a negative value") : typed, number(range.low),
           number(range.high), kept ? "; kept " + number(range.kept) : QString());
}

// A keystroke the box's validator refuses ("2" where λ ends at 1.5) never shows: the sentence is said then.
class RefusedKeys : public QObject {
 public:
  RefusedKeys(QWidget* form, std::function<void(const QString&)> say) : QObject(form), form_(form), say_(std::move(say)) {}
  bool eventFilter(QObject* receiver, QEvent* event) override {
    auto* box = qobject_cast<QAbstractSpinBox*>(receiver);
    if (!box || event->type() != QEvent::KeyPress) return false;
    const QString text = static_cast<QKeyEvent*>(event)->text();
    QLineEdit* edit = box->findChild<QLineEdit*>();
    if (!edit || text.isEmpty() || !text.at(0).isPrint()) return false;
    QString candidate = edit->text();
    const int from = edit->hasSelectedText() ? edit->selectionStart() : edit->cursorPosition();
    candidate.replace(from, edit->hasSelectedText() ? edit->selectedText().size() : 0, text);
    int position = from + int(text.size());
    if (box->validate(candidate, position) != QValidator::Invalid) return false;
    if (const std::optional<QString> why = refusal(form_, box, candidate, false)) say_(*why);
    return false;
  }

 private:
  QWidget* form_;
  std::function<void(const QString&)> say_;
};

}  // namespace

void explainRefusedValues(QWidget* form, std::function<void(const QString&)> say) {
  auto* keys = new RefusedKeys(form, say);
  for (QAbstractSpinBox* box : form->findChildren<QAbstractSpinBox*>()) {
    if (!qobject_cast<QSpinBox*>(box) && !qobject_cast<QDoubleSpinBox*>(box)) continue;
    QLineEdit* edit = box->findChild<QLineEdit*>();
    if (!edit) continue;
    // What was typed since the last Enter or focus change: by editingFinished the box shows its value
    // again, and the typed text is gone.
    auto typed = std::make_shared<QString>();
    QObject::connect(edit, &QLineEdit::textEdited, box, [typed](const QString& text) { *typed = text; });
    // A text the validator let through as a start ("0" where iterations begin at 1) is dropped on Enter.
    QObject::connect(box, &QAbstractSpinBox::editingFinished, box, [form, box, typed, say] {
      const QString text = std::exchange(*typed, QString());
      if (const std::optional<QString> why = refusal(form, box, text, true)) say(*why);
    });
    box->installEventFilter(keys);
  }
}

}  // namespace unfold::ui
