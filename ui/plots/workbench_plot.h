// The behaviour every plot of the workbench shares, on top of QCustomPlot: zoom and pan with the mouse,
// double click to rescale, a click on a legend entry hides or shows its curve (and the curve's band),
// a read-out of the curve under the cursor, a linear/log toggle for the y axis, and a context menu to
// copy the plot to the clipboard or export it (figure or data). Each plot subclass supplies its data as
// CSV and says how to rescale.
#pragma once

#include "plots/plot_export.h"
#include "plots/plot_text.h"

#include <qcustomplot.h>

#include <optional>

namespace unfold::ui {

class WorkbenchPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit WorkbenchPlot(const QString& title, QWidget* parent = nullptr);

  virtual QString toCsv() const = 0;
  virtual void rescale();
  // The context menu's actions: view options (the log axis, the subclass's own), rescale, copy, export.
  void addContextMenuActions(QMenu* menu);

  void setLogarithmicY(bool logarithmic);
  bool logarithmicY() const { return yAxis->scaleType() == QCPAxis::stLogarithmic; }
  void toggleCurve(QCPGraph* curve);  // also its band, if it has one
  // The curve with this legend name, full or short ("ISTA", "SLISTA (T = 20)", …), or null.
  QCPGraph* curve(const QString& name) const;
  // The legend's full and short names of `curve`, whichever shows (the short one for want of room).
  QString fullName(const QCPGraph* curve) const {
    const auto names = shortNames_.constFind(curve);
    return names != shortNames_.constEnd() ? names->full : curve->name();
  }
  QString shortName(const QCPGraph* curve) const {
    const auto names = shortNames_.constFind(curve);
    return names != shortNames_.constEnd() ? names->brief : curve->name();
  }
  // The read-out for a point in widget coordinates: "METHOD  t = …, value = …" for the nearest curve.
  QString readOut(const QPointF& position) const;
  QString title() const { return title_; }
  void setTitle(const QString& title);
  // A title that says what would show here ("Training (train a network to see it)"): the plot shows no
  // results until the next setTitle.
  void setHintTitle(const QString& title);
  // Whether the plot shows results: it holds data and its title is not a hint. A figure of the whole
  // dashboard leaves out the plots that don't (an instruction is not part of a figure).
  bool showsResults() const;
  // Ask for a file name, then export the figure (PDF, SVG, 300-dpi PNG) or the data (CSV); errors in a
  // dialog. Shared by the context menu and the window's File menu.
  void exportFigureInteractively();
  bool holdsData() const;  // a plottable holds a point
  QString fileStem() const;  // the name those exports suggest, without its suffix: "ls-over-l"
  void exportDataInteractively();
  // A figure of `size` (pixels at 96 dpi) is laid out as a window of that size would show the plot: its
  // title (unless left out: a journal captions its figures), its legend's look and the room above the
  // curves. Returns whether the legend shows there (no look of it may fit a short figure); without
  // `legend`, it does not, and that is no failure (true).
  // layOutForScreen() lays the plot out for the window again.
  bool layOutForFigure(const QSize& size, bool title = true, bool legend = true);
  void layOutForScreen();
  // The least height from `height` up (to 4000) at which a figure `width` wide shows its legend; -1 if
  // none does. The plot is laid out for the window again after.
  int smallestFigureHeight(int width, int height, bool title = true);
  // After the user zooms or pans, updates keep the view until a double click or resetView().
  void resetView() { userView_ = false; }
  void holdView() { userView_ = true; }  // a view the user chose (a zoom from the menu): the run leaves it
  bool userView() const { return userView_; }

 signals:
  void exported(const QString& path);  // a figure or CSV written by the interactive exports

 protected:
  // The grid under the title that holds the main axis rect at (0, 0): extra panels go beside or below.
  QCPLayoutGrid* body() const { return body_; }
  // A panel under the main one, `stretch` times its height, that shares its x range and its left and right
  // margins (the two line up, tick for tick).
  QCPAxisRect* addPanelBelow(double stretch, const QString& xLabel, const QString& yLabel);
  // A band (two graphs filled between) drawn for `curve`, hidden and shown with it.
  void attachBand(QCPGraph* curve, QCPGraph* upper, QCPGraph* lower);
  // Another graph (a marker, say) hidden and shown with `curve`.
  void attachCompanion(QCPGraph* curve, QCPGraph* companion) { companions_[curve].append(companion); }
  // Call after a curve is (re)created: keeps it hidden if the user hid it.
  void restoreVisibility(QCPGraph* curve);
  // A shorter legend text for `curve` ("LISTA-CP" for "LISTA-CP: 150 steps, budget used"), shown where the
  // full names would leave the legend out for want of room. It is also the curve's identity while its full
  // name changes (a stop reason added, "mean" beside medians): a curve the user hid stays hidden. Set
  // after the curve's name; forgotten by clearPlot().
  void setShortName(QCPGraph* curve, const QString& shortName);
  void clearPlot();
  // Rescales unless the user has taken over the view; then makes every range drawable. A plot that holds
  // no data keeps the axes it showed empty the first time (a rescale over nothing would widen them again
  // at every run).
  void rescaleUnlessUserView();
  // An iteration axis spans t = 0 to the last t drawn on it (at least 0..1), whatever it showed before.
  void fitIterationAxis(QCPAxis* axis);
  // A label for `axis` in forms from the longest to the shortest: after each layout the longest that fits
  // under its panel shows (cut at the plot's edge, a long one read "teration t (the"), or beside it (in a
  // one-column figure "median F(zₜ) − F*" ran up past the axes into the legend).
  void setAxisLabel(QCPAxis* axis, const QStringList& forms);
  // Ranges that would draw nothing sensible (empty, inverted, not finite, log through zero, a log range
  // narrower than a decade whose tick labels repeat) are widened around what they hold.
  void sanitizeRanges();
  // For a plot whose y axis is not a quantity (an atom index): the context menu offers no log scale.
  void withoutLogToggle() { logToggleOffered_ = false; }
  // Whether the data shown are a live run's, which the next snapshots change: then a new snapshot leaves
  // the legend where it stands (inside or in its row) unless the other place is better by a tenth, lest
  // it jump back and forth. A finished run's data, and every resize, place it by the data and the size
  // alone: two runs that ended alike look alike.
  void setDataLive(bool live) { dataLive_ = live; }
  // Whether the figure being laid out has a legend (the window's always has, room allowing).
  bool legendWanted() const { return legendWanted_; }
  // A legend entry left out first where the legend has no room, rather than the whole legend with the
  // colours' key (a mark's explanation the plot can do without). Shown again when the plot adds it back;
  // forgotten by clearPlot().
  void setLegendEntryOptional(QCPAbstractPlottable* plottable) { optionalEntries_ << plottable; }
  // For a plot that fits its legend's size itself: makeRoomForLegend leaves its look alone.
  void keepLegendLook() { legendLookSizedBySubclass_ = true; }
  // Whether the last layout left the legend out for want of room (a subclass that places its legend itself
  // adds its own reasons).
  virtual bool legendLeftOut() const { return legendHiddenForRoom_; }
  // A subclass that arranges its panels by its size (side by side or stacked) does it here, for the
  // window's size and for a figure's.
  virtual void arrangePanels(const QSize& size) { Q_UNUSED(size); }
  // A subclass's own view options, added to the context menu after the log toggle.
  virtual void addViewActions(QMenu* menu) { Q_UNUSED(menu); }
  // The key a point of `graph` stands for in the hover read-out (a step drawn from its left edge: its t).
  virtual double readOutKey(const QCPGraph* graph, double key) const {
    Q_UNUSED(graph);
    return key;
  }
  // A row as tall as `element` needs (a legend), under the title where there is one, over the panels.
  void addRowUnderTitle(QCPLayoutElement* element);
  void mousePressEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  // The title as it fits a plot of `size` (fittedTitle; title() keeps it whole), or out of the layout.
  void fitTitle(QSize size);
  // Before an export: a plot that shows no results says so in a dialog ("Cost decrease shows no results
  // yet: run a solver to see it") and is not exported. Returns whether it did.
  bool refusedWithoutResults(const QString& dialogTitle);
  void layOutAt(const QSize& size);  // layOutForFigure's work, at any size
  // A legend in a top corner of the main panel gets room above the curves: the value axis grows upwards
  // until nothing drawn under the legend's box shows through it. In a short panel the legend first
  // spreads into columns, then takes a compact look and a smaller font, until it covers less than half
  // the panel's height. Where a row of its own under the title leaves the data more of the panel (a log
  // axis over many decades, a short panel), it stands there; hidden when neither has room.
  enum class LegendVisibility { AsSet, RestoreHidden };
  void makeRoomForLegend(LegendVisibility visibility);
  // Whether a row of its own under the title, the legend's entries side by side, leaves the data more of
  // the panel's height than `insideShare` (what they keep with the legend inside); if so it stays there.
  bool legendRowLeavesMoreRoom(double insideShare, bool stayInRow);
  void placeLegendInRow(bool inRow);
  void padLegendItems(int pixels);  // under every entry of the legend
  void showShortNames(bool shortNames);
  QString curveKey(const QCPGraph* curve) const;  // its short name if it has one: the hidden curves' key
  // The share of the main panel's height, from its top, that the legend and a 4-pixel gap cover.
  double legendShare();
  // The legend's look (roomy in one or more columns, else compact with a smaller font, not below 7 pt)
  // that covers less than half the panel and fits its width; the roomy one when none does. Its share.
  double fitLegendInHalfThePanel();
  struct LegendLook {
    QFont font;
    QSize icon;
    int padding;
    QMargins margins, inset;
  };
  std::optional<LegendLook> roomyLegend_;  // the legend's look before any fitting
  QString title_;
  bool hint_ = false;
  QCPTextElement* titleElement_ = nullptr;
  bool titleShown_ = true;  // false while a figure is laid out without it
  bool legendWanted_ = true;  // false while a figure is laid out without it
  struct LegendShown {
    bool visible, hiddenForRoom;
  };
  std::optional<LegendShown> screenLegendShown_;  // while laid out for figures: the screen's legend
  QCPLayoutGrid* body_ = nullptr;
  QHash<QCPGraph*, QList<QCPGraph*>> companions_;  // a curve's band edges and markers
  QSet<QString> hidden_;
  struct Names {
    QString full, brief;
  };
  QHash<const QCPGraph*, Names> shortNames_;
  bool shortNamesShown_ = false;
  bool fittingShortNames_ = false;  // makeRoomForLegend's second try, with the short names
  void fitAxisLabels();
  bool blankNumbersWhileEmpty();  // an empty plot's axes without numbers (showAxisMarks); true if any changed
  bool numbersBlanked_ = false;
  QHash<QCPAxis*, QStringList> labelForms_;  // setAxisLabel's
  QSet<QCPAbstractPlottable*> optionalEntries_;
  QHash<QCPAxis*, QCPRange> emptyRanges_;  // every axis as the plot first showed it empty
  bool userView_ = false;
  std::optional<QPointF> dragFrom_;  // where the left button went down in the axes
  bool legendLookSizedBySubclass_ = false;
  bool logToggleOffered_ = true;
  bool legendHiddenForRoom_ = false;  // by makeRoomForLegend, which tries it again after a resize
  bool legendInRow_ = false;  // by makeRoomForLegend, which weighs it again at every layout
  bool dataLive_ = false;
  std::optional<bool> screenLegendInRow_;  // while laid out for figures: where the screen had it
  Qt::Alignment legendCorner_;  // where it stands inside the panel
  QPen legendBorder_;
};

}  // namespace unfold::ui
