// A CSV text as its header and rows, cells looked up by column name: a test names the column it checks,
// so that a new column cannot silently shift what it reads. A missing column reads as NaN, which fails
// every comparison.
#pragma once

#include <QFile>
#include <QList>
#include <QStringList>

#include <limits>

struct CsvTable {
  QStringList header;
  QList<QStringList> rows;  // the data rows, without the header

  static CsvTable fromText(const QString& text) {
    CsvTable table;
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return table;
    table.header = lines.front().split(',');
    for (qsizetype k = 1; k < lines.size(); ++k) table.rows << lines[k].split(',');
    return table;
  }
  static CsvTable fromFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? fromText(QString::fromUtf8(file.readAll())) : CsvTable{};
  }

  QString text(qsizetype row, const QString& column) const {
    const qsizetype index = header.indexOf(column);
    return index < 0 || row < 0 || row >= rows.size() || index >= rows[row].size() ? QString() : rows[row][index];
  }
  double at(qsizetype row, const QString& column) const {
    bool ok = false;
    const double value = text(row, column).toDouble(&ok);
    return ok ? value : std::numeric_limits<double>::quiet_NaN();
  }
};
