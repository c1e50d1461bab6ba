#include "linalg/dictionary.h"

#include "linalg/largest_eigenvalue.h"

namespace unfold {

Dictionary::Dictionary(Matrix atoms) : atoms_(std::move(atoms)) {
  if (atoms_.cols() <= kMaxGramAtoms) gram_.noalias() = atoms_.transpose() * atoms_;
  lipschitz_ = lipschitzConstant(atoms_);
}

}  // namespace unfold
