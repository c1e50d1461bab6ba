// Shows a widget at a size and waits until the window system has shown it: the start of a test that
// looks at a layout.
#pragma once

#include <QSize>
#include <QTest>
#include <QWidget>

inline bool shownAt(QWidget& widget, QSize size) {
  widget.resize(size);
  widget.show();
  return QTest::qWaitForWindowExposed(&widget);
}
