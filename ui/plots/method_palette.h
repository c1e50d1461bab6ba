// One colour per method, the same in every plot: Okabe & Ito's palette, readable by colour-blind people.
#pragma once

#include "lasso/solver.h"
#include "networks/network_parameters.h"

#include <QColor>
#include <QString>

#include <variant>

namespace unfold::ui {

inline QColor methodColor(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::Ista: return QColor(0, 114, 178);     // blue
    case Algorithm::Fista: return QColor(230, 159, 0);    // orange
    case Algorithm::Oista: return QColor(0, 158, 115);    // bluish green
    case Algorithm::IstaBacktracking: return QColor(117, 112, 179);  // slate purple (Dark2)
  }
  return QColor(120, 120, 120);
}

inline QColor methodColor(Parametrization kind) {
  switch (kind) {
    case Parametrization::Lista: return QColor(204, 121, 167);   // reddish purple
    case Parametrization::ListaCp: return QColor(213, 94, 0);    // vermillion
    case Parametrization::Alista: return QColor(86, 180, 233);   // sky blue
    case Parametrization::Slista: return QColor(0, 0, 0);        // black
  }
  return QColor(120, 120, 120);
}

// The display name of a method ("ISTA", "LISTA-CP"): legends, titles, check boxes and session keys.
inline QString methodLabel(Algorithm algorithm) { return QString::fromStdString(algorithmName(algorithm)).toUpper(); }
inline QString methodLabel(Parametrization kind) { return QString::fromStdString(parametrizationLabel(kind)); }

// A solver or a network (the inspector shows either).
inline QString methodLabel(const std::variant<Algorithm, Parametrization>& method) {
  return std::visit([](auto m) { return methodLabel(m); }, method);
}
inline QColor methodColor(const std::variant<Algorithm, Parametrization>& method) {
  return std::visit([](auto m) { return methodColor(m); }, method);
}

}  // namespace unfold::ui
