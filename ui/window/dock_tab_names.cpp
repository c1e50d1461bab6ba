#include "window/dock_tab_names.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>

namespace unfold::ui {

namespace {

constexpr int kTabChrome = 12 + 8;  // the column's tab padding (6 px a side, main_window_layout) and frame

// The width a tab bar in the font of `inFontOf` needs to show these names whole.
int tabBarWidth(const QWidget& inFontOf, const QStringList& names) {
  int width = 0;
  for (const QString& name : names) width += inFontOf.fontMetrics().horizontalAdvance(name) + kTabChrome;
  return width;
}

class TabNamer : public QObject {
 public:
  TabNamer(QWidget* column, const QList<DockNames>& docks) : QObject(column), column_(column), docks_(docks) {
    column->installEventFilter(this);
    apply();
  }
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (watched == column_ && event->type() == QEvent::Resize) apply();
    return false;
  }

 private:
  void apply() {
    QStringList full;
    for (const DockNames& d : docks_) full << d.full;
    const bool brief = column_->width() < tabBarWidth(*column_, full);
    for (const DockNames& d : docks_) {
      const QString& name = brief ? d.brief : d.full;
      if (d.dock->windowTitle() != name) d.dock->setWindowTitle(name);
      // The View menu lists every dock, plotted or not, by its full name: a short one is for a tab only.
      d.dock->toggleViewAction()->setText(d.full);
    }
  }
  QWidget* column_;
  QList<DockNames> docks_;
};

}  // namespace

void nameTabsByWidth(QWidget* column, const QList<DockNames>& docks) { new TabNamer(column, docks); }

}  // namespace unfold::ui
