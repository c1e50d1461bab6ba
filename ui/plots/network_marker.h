// The mark of a network's layers, one shape per parametrization, so that two networks on the same points
// both show: LISTA and LISTA-CP start as ISTA and often stay close, and LISTA's curve vanished under
// LISTA-CP's discs. LISTA's hollow square rings the others' filled marks.
#pragma once

#include "networks/network_parameters.h"

#include <qcustomplot.h>

namespace unfold::ui {

// `size`: the filled marks' size in pixels; the hollow square is drawn larger, around them.
inline QCPScatterStyle networkMarker(Parametrization kind, const QColor& color, double size) {
  switch (kind) {
    case Parametrization::Lista: return QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(color, 1.5), Qt::NoBrush, size + 4);
    case Parametrization::ListaCp: return QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, size);
    case Parametrization::Alista: return QCPScatterStyle(QCPScatterStyle::ssTriangle, color, color, size + 2);
    case Parametrization::Slista: return QCPScatterStyle(QCPScatterStyle::ssDiamond, color, color, size + 2);
  }
  return QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, size);
}

}  // namespace unfold::ui
