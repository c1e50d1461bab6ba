// A PDF file's page size, as a test checks a figure's print size.
#pragma once

#include <QFile>
#include <QRegularExpression>
#include <QSizeF>
#include <QString>

// The page of the PDF at `path` in points (1/72 inch), read from its /MediaBox; empty if there is none.
inline QSizeF pdfPageSize(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QRegularExpressionMatch box =
      QRegularExpression(R"(/MediaBox \[0 0 (?<width>[\d.]+) (?<height>[\d.]+)\])").match(QString::fromLatin1(file.readAll()));
  return box.hasMatch() ? QSizeF(box.captured("width").toDouble(), box.captured("height").toDouble()) : QSizeF();
}
