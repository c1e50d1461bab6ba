// A JSON value as a message about a file names it. The network and session readers both refuse values
// of the wrong type, and their messages must tell a number from text that looks like one: "3" is not 3.
#pragma once

#include <QJsonValue>

#include <string>

namespace unfold {

// A number as written (the shortest decimal that reads back the same: 2.5, 1e+308), text as
// "the text '3'" (quoted and escaped by quotedInput), true, false, null, "an array", "an object", and
// "nothing" for a key that is missing.
std::string jsonValueText(const QJsonValue& value);

}  // namespace unfold
