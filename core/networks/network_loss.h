// Training losses of an unfolded network, means over the signals of:
//  - unsupervised:     F_x(z_T) = 1/2 ||x - D z_T||^2 + lambda ||z_T||_1 (the paper's main setting);
//  - semi-supervised:  1/2 ||z_T - z*(x)||^2 with z* the Lasso solution (reference solver);
//  - supervised:       1/2 ||z_T - z0||^2 with z0 ground-truth codes.
#pragma once

#include "base/enum_names.h"
#include "base/types.h"

#include <optional>
#include <string>
#include <string_view>

namespace unfold {

enum class LossKind { Unsupervised, SemiSupervised, Supervised };
// The command-line and file names, both ways from one table.
inline constexpr NameTable<LossKind, 3> kLossNames{{{LossKind::Unsupervised, "unsupervised"},
                                             {LossKind::SemiSupervised, "semi-supervised"},
                                             {LossKind::Supervised, "supervised"}}};
inline std::optional<LossKind> parseLossKind(std::string_view name) { return valueNamed(kLossNames, name); }
inline std::string lossKindName(LossKind kind) { return nameOf(kLossNames, kind); }

// Per-signal loss of the codes Z (m x N) and, if `gradient` is given, d(sum of losses)/dZ.
// `targets` (m x N) are z* or z0 for the (semi-)supervised losses and ignored otherwise.
Vector perSignalLoss(LossKind kind, const Matrix& D, double lambda, const Eigen::Ref<const Matrix>& X,
                     const Eigen::Ref<const Matrix>& Z, const Eigen::Ref<const Matrix>& targets,
                     Matrix* gradient = nullptr);

}  // namespace unfold
