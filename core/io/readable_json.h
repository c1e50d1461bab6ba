// JSON as the app writes its files (networks, sessions): indented like Qt's Indented format, except that
// an array of plain values (numbers, text, true, false, null) stands on one line. Qt's format puts every
// number on a line of its own, behind up to 20 spaces: a LISTA's weights took 43 bytes a number, twice
// what they need, and its file went over the limit its readers take. Numbers are written as Qt writes
// them (the shortest decimal that reads back the same), so a file reads back to the same values.
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace unfold {

QByteArray readableJson(const QJsonObject& root);

}  // namespace unfold
