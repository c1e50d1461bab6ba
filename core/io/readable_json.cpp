#include "io/readable_json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace unfold {

namespace {

constexpr int kIndent = 4;  // spaces a level, as Qt's Indented format

bool plain(const QJsonValue& value) { return !value.isArray() && !value.isObject(); }

bool allPlain(const QJsonArray& array) {
  for (const QJsonValue& value : array)
    if (!plain(value)) return false;
  return true;
}

// Qt's own text for a value: the same escapes and number format as QJsonDocument writes.
QByteArray compact(const QJsonArray& array) { return QJsonDocument(array).toJson(QJsonDocument::Compact); }

QByteArray scalarText(const QJsonValue& value) {
  const QByteArray inBrackets = compact(QJsonArray{value});
  return inBrackets.mid(1, inBrackets.size() - 2);
}

void write(QByteArray& out, const QJsonValue& value, int depth);

void writeObject(QByteArray& out, const QJsonObject& object, int depth) {
  if (object.isEmpty()) {
    out += "{}";
    return;
  }
  const QByteArray inner((depth + 1) * kIndent, ' ');
  out += "{\n";
  for (auto it = object.begin(); it != object.end(); ++it) {
    out += inner + scalarText(it.key()) + ": ";
    write(out, it.value(), depth + 1);
    out += std::next(it) == object.end() ? "\n" : ",\n";
  }
  out += QByteArray(depth * kIndent, ' ') + "}";
}

void writeArray(QByteArray& out, const QJsonArray& array, int depth) {
  if (allPlain(array)) {  // empty, or a vector of numbers: one line
    out += compact(array);
    return;
  }
  const QByteArray inner((depth + 1) * kIndent, ' ');
  out += "[\n";
  for (qsizetype i = 0; i < array.size(); ++i) {
    out += inner;
    write(out, array[i], depth + 1);
    out += i + 1 == array.size() ? "\n" : ",\n";
  }
  out += QByteArray(depth * kIndent, ' ') + "]";
}

void write(QByteArray& out, const QJsonValue& value, int depth) {
  if (value.isObject()) writeObject(out, value.toObject(), depth);
  else if (value.isArray()) writeArray(out, value.toArray(), depth);
  else out += scalarText(value);
}

}  // namespace

QByteArray readableJson(const QJsonObject& root) {
  QByteArray out;
  writeObject(out, root, 0);
  out += '\n';
  return out;
}

}  // namespace unfold
