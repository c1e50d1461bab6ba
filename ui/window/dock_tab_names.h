// The tabbed docks of a column take short names where the column is too narrow for their full ones,
// which the tab bar would elide ("Learned s…", "Weight cou…" in a 1024-px window). The plots' own titles
// say the rest.
#pragma once

#include <QList>
#include <QString>

class QDockWidget;
class QWidget;

namespace unfold::ui {

struct DockNames {
  QDockWidget* dock;
  QString full, brief;
};

// Names the docks by the width of `column` (a widget as wide as their tab bar), now and at every resize.
void nameTabsByWidth(QWidget* column, const QList<DockNames>& docks);

}  // namespace unfold::ui
