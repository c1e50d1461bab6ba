#include "io/json_value_text.h"

#include "base/quoted_text.h"
#include "base/shortest_decimal.h"

namespace unfold {

std::string jsonValueText(const QJsonValue& value) {
  switch (value.type()) {
    case QJsonValue::Double: return shortestDecimal(value.toDouble());
    case QJsonValue::String: return "the text " + quotedInput(value.toString().toStdString());
    case QJsonValue::Bool: return value.toBool() ? "true" : "false";
    case QJsonValue::Array: return "an array";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Null: return "null";
    case QJsonValue::Undefined: break;
  }
  return "nothing";
}

}  // namespace unfold
