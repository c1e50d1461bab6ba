// Shows a widget at a size and waits until the window system has shown it: the start of a test that
// looks at a layout; and the rows of sizes such a test walks.
#pragma once

#include <QSize>
#include <QTest>
#include <QWidget>

inline bool shownAt(QWidget& widget, QSize size) {
  widget.resize(size);
  widget.show();
  return QTest::qWaitForWindowExposed(&widget);
}

// A data-driven test's sizes, in a column "size", each row named "W x H" (the laptop screens a layout test
// walks: 1024 x 700, 1280 x 800, 1366 x 768).
inline void addSizeRows(std::initializer_list<QSize> sizes) {
  QTest::addColumn<QSize>("size");
  for (const QSize size : sizes) QTest::addRow("%d x %d", size.width(), size.height()) << size;
}
