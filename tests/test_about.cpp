// Help → About: the menu is there, and the box says which build this is, under which license, and which
// paper the tool is built around. File offers the trained networks as Python and the session as commands.
#include "base/version.h"
#include "window/about_dialog.h"
#include "window/keys_dialog.h"
#include "window/main_window.h"
#include "window_runs.h"

#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QtTest>

using namespace unfold::ui;

namespace {

// Runs `open`, which shows a modal message box, and returns the box's title and text once it is up
// (the box is then closed, so that `open` returns).
QString titleAndTextOfTheBoxOpenedBy(const std::function<void()>& open) {
  QString seen;
  QTimer poll;
  poll.setInterval(10);
  QObject::connect(&poll, &QTimer::timeout, [&] {
    if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
      seen = box->windowTitle() + "\n" + box->text();
      box->accept();
    }
  });
  poll.start();
  open();
  return seen;
}

}  // namespace

class TestAbout : public QObject {
  Q_OBJECT
 private slots:
  void aboutTextNamesTheVersionTheLicenseAndThePaper() {
    const QString text = aboutText();
    QVERIFY(QString(unfold::kVersion).count('.') >= 1);  // e.g. 1.2.0: configured by CMake, never empty
    QVERIFY2(text.contains(QString("Unfold Lab %1").arg(unfold::kVersion)), qPrintable(text));
    QVERIFY(text.contains("MIT License"));
    QVERIFY(text.contains("<i>Learning step sizes for unfolded sparse coding</i>"));
    QVERIFY(text.contains("NeurIPS 2019 (arXiv:1905.11071)"));
  }

  void theHelpMenuOffersAboutUnfoldLabAndAboutQt() {
    MainWindow window;
    const QList<QAction*> menus = window.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    QCOMPARE(menus.back()->text(), QString("&Help"));  // the last menu, where users look for it
    QMenu* help = window.menuBar()->findChild<QMenu*>("help");
    QVERIFY(help && help->menuAction() == menus.back());
    QStringList items;
    for (QAction* a : help->actions()) items << a->text();
    QCOMPARE(items, QStringList({"&Keys and mouse", "&About Unfold Lab", "About &Qt"}));
    QCOMPARE(help->actions()[1]->menuRole(), QAction::AboutRole);
    QCOMPARE(help->actions()[2]->menuRole(), QAction::AboutQtRole);
    // The About item opens the box with aboutText().
    const QString shown = titleAndTextOfTheBoxOpenedBy([&] { help->actions()[1]->trigger(); });
    QCOMPARE(shown, "About Unfold Lab\n" + aboutText());
    // Keys and mouse lists every shortcut the window's actions have, each with its action's name (a new
    // one shows by itself), and the lessons' page keys.
    const QString keys = titleAndTextOfTheBoxOpenedBy([&] { help->actions()[0]->trigger(); });
    QVERIFY(keys.startsWith("Keys and mouse\n"));
    int listed = 0;
    for (const QAction* action : window.findChildren<QAction*>()) {
      const QString key = action->shortcut().toString(QKeySequence::NativeText);
      if (key.isEmpty() || QString(action->text()).remove('&').isEmpty()) continue;
      QVERIFY2(keys.contains("<b>" + key.toHtmlEscaped() + "</b>"), qPrintable(key));
      ++listed;
    }
    QVERIFY(listed >= 10);  // Run, Pause, Step, Stop, Reset, Open, Save, Export, Lessons, the 2-D view...
    for (const char* expected : {"<b>F5</b></td><td>Run", "<b>Shift+F5</b></td><td>Reset", "<b>Ctrl+L</b></td><td>Lessons", "Alt+→"})
      QVERIFY2(keys.contains(expected), expected);
    // Keys and mouse in one table: their descriptions start in one column (two tables did not line up).
    QCOMPARE(keys.count("<table"), 1);
    QVERIFY(keys.indexOf("<b>Mouse</b>") < keys.indexOf("</table>"));
    // The run controls' keys in every state, whatever state the window is in (after Reset, F5 and Space
    // both Start: the list read "F5 Start" and no Space).
    window.findChild<QAction*>("reset")->trigger();
    QCOMPARE(window.findChild<QAction*>("run")->text(), QString("Start"));
    for (const QString& text : {keys, keysAndMouseText(&window)})
      for (const char* expected : {"<b>F5</b></td><td>Run; Restart while a run is under way; after Reset, Start",
                                   "<b>Space</b></td><td>Pause and Resume; after Reset, Start"})
        QVERIFY2(text.contains(expected), expected);
  }

  // Before training the network submenu says so; after a run, each trained network for NumPy and PyTorch.
  void theFileMenuOffersNetworksAsPythonAndTheSessionAsCommands() {
    MainWindow window;
    window.show();
    QMenu* networks = nullptr;
    for (QMenu* menu : window.findChildren<QMenu*>())
      if (menu->title() == "Export network as &Python") networks = menu;
    QVERIFY(networks);
    const auto entries = [networks] {
      emit networks->aboutToShow();
      QStringList texts;
      for (QAction* action : networks->actions()) texts << action->text() + (action->isEnabled() ? "" : " (disabled)");
      return texts;
    };
    QCOMPARE(entries(), QStringList{"(train a network first) (disabled)"});
    QVERIFY(runSettings(window, smallNetworks()));
    QCOMPARE(entries(), (QStringList{"LISTA-CP for NumPy…", "LISTA-CP for PyTorch…", "SLISTA for NumPy…", "SLISTA for PyTorch…"}));
    QStringList file;
    for (QAction* action : window.menuBar()->actions().front()->menu()->actions()) file << action->text();
    QVERIFY2(file.contains("Export session as &commands…"), qPrintable(file.join(" | ")));
  }
};

QTEST_MAIN(TestAbout)
#include "test_about.moc"
