#include "window/about_dialog.h"

#include "base/version.h"

#include <QMessageBox>

namespace unfold::ui {

QString aboutText() {
  return QString(
             "<h3>Unfold Lab %1</h3>"
             "<p>Explore, teach and publish results on unfolded sparse coding: ISTA, FISTA, OISTA and ISTA with "
             "backtracking on the Lasso, and the learned networks LISTA, LISTA-CP, ALISTA and SLISTA.</p>"
             "<p>Built around <i>Learning step sizes for unfolded sparse coding</i>, P. Ablin, T. Moreau, "
             "M. Massias and A. Gramfort, NeurIPS 2019 (arXiv:1905.11071).</p>"
             "<p>Released under the MIT License. Copyright © 2026 the Unfold Lab authors.</p>")
      .arg(QString::fromUtf8(kVersionDescription).toHtmlEscaped());
}

void showAboutDialog(QWidget* parent) { QMessageBox::about(parent, "About Unfold Lab", aboutText()); }

}  // namespace unfold::ui
