// One colour per method, the same in every plot: Okabe & Ito's palette, readable by colour-blind people.
#pragma once

#include <QColor>
#include <QString>

namespace unfold::ui {

inline QColor methodColor(const QString& method) {
  if (method == "ISTA") return QColor(0, 114, 178);     // blue
  if (method == "FISTA") return QColor(230, 159, 0);    // orange
  if (method == "OISTA") return QColor(0, 158, 115);    // bluish green
  if (method == "LISTA") return QColor(204, 121, 167);  // reddish purple
  if (method == "LISTA-CP") return QColor(213, 94, 0);  // vermillion
  if (method == "ALISTA") return QColor(86, 180, 233);  // sky blue
  if (method == "SLISTA") return QColor(0, 0, 0);       // black
  return QColor(120, 120, 120);
}

}  // namespace unfold::ui
