// Whole text files for the tests that write inputs and read back what a command wrote.
#pragma once

#include <QFile>
#include <QString>

// The file as UTF-8 text; empty if it cannot be read.
inline QString readText(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// True if the whole text was written.
inline bool writeText(const QString& path, const QString& text) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}
