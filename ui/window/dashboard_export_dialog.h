// The one small dialog of File -> Export the whole dashboard: the file (its type from the format
// choice), the resolution for a PNG, and what the figure will measure, in pixels and centimetres.
#pragma once

#include <QDialog>
#include <QSize>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace unfold::ui {

class DashboardExportDialog : public QDialog {
  Q_OBJECT
 public:
  // `frame`: the dashboard's size in widget pixels at `screenDpi` (dashboardFrame()).
  DashboardExportDialog(const QSize& frame, int screenDpi, QWidget* parent = nullptr);

  QString path() const;
  void setPath(const QString& path);  // also picks the format from the suffix
  int dpi() const;
  void setDpi(int dpi);
  QString sizeText() const;           // "4800 × 2900 px, 40.6 × 24.6 cm" (PNG) or the page size (PDF, SVG)

 private:
  void formatChosen();
  void updateSize();

  QSize frame_;
  int screenDpi_;
  QLineEdit* path_ = nullptr;
  QComboBox* format_ = nullptr;
  QSpinBox* dpi_ = nullptr;
  QLabel* size_ = nullptr;
};

}  // namespace unfold::ui
