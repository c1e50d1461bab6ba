// Networks trained in the window and not saved are asked about before anything drops them: closing the
// window (the next launch brings the settings back, not the weights), opening a session, a recent one or a
// preset. Cancel keeps the window as it is; Save writes the session, weights included, and then goes on;
// the third button ("Open without saving", "Close without saving": Discard would say they are gone, and
// Ctrl+Z brings them back) goes on at once.
#include "dialog_answers.h"
#include "window_runs.h"

#include "run/session_file.h"

#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace unfold::ui;

class TestUnsavedNetworks : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

  // File → Open recent's entry for `file`, or null.
  static QAction* recentEntry(MainWindow& window, const QString& file) {
    for (QMenu* menu : window.findChildren<QMenu*>())
      if (menu->title() == "Open &recent")
        for (QAction* a : menu->actions())
          if (a->text() == file) return a;
    return nullptr;
  }

  // Answers the next question with `button`, keeping what it asked in `asked` and its buttons in `offered`.
  static void answer(QMessageBox::StandardButton button, QString* asked, QStringList* offered = nullptr) {
    whenShown<QMessageBox>([button, asked, offered](QMessageBox* box) {
      *asked = box->text();
      if (offered)
        for (const QMessageBox::StandardButton b : {QMessageBox::Save, QMessageBox::Discard, QMessageBox::Cancel})
          *offered << box->button(b)->text().remove('&');
      box->button(button)->click();
    });
  }

 private slots:
  // Closing a window whose networks were trained here and not saved asks to save them (the next launch
  // brings the settings back, not the weights): Cancel keeps it open; Save writes the session, weights
  // included, and then closes it.
  void closingAsksToSaveTheNetworksTrainedHere() {
    MainWindow window;
    window.show();
    QVERIFY(runSettings(window, smallNetworks()));
    QString asked;
    QStringList offered;
    answer(QMessageBox::Cancel, &asked, &offered);
    QVERIFY(!window.close());
    QVERIFY2(asked.startsWith("The networks trained in this window are not saved"), qPrintable(asked));
    QCOMPARE(offered, QStringList({"Save", "Close without saving", "Cancel"}));
    QVERIFY(window.isVisible());
    answer(QMessageBox::Save, &asked);
    saveAs(path("at-quit.json"));  // the session has no file yet: asked for one
    QSignalSpy saved(&window, &MainWindow::fileSaved);
    window.close();
    QVERIFY(saved.wait(60000));
    QTRY_VERIFY(!window.isVisible());
    QString error;
    const std::optional<Session> session = readSessionFile(path("at-quit.json"), &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->networks.size(), smallNetworks().networks.size());
  }

  // Opening a recent session over networks trained here asks first. Cancel: nothing is read, the form and
  // the networks stand. Save: the session is written (networks included), then the other one opens.
  // Discard (after training again): the other one opens at once.
  void openingASessionAsksToSaveTheNetworksTrainedHere() {
    const ExperimentSettings other = sizedProblem(5, 10, 20, 30);  // solvers only
    {
      MainWindow earlier;
      earlier.setDialogsEnabled(false);
      earlier.settingsPanel()->setSettings(other, SettingsPanel::Quietly);
      QCOMPARE(saveSession(earlier, path("other.json")), QString());  // a recent file now
    }
    MainWindow window;
    window.show();
    QVERIFY(runSettings(window, smallNetworks()));

    QString asked;
    QStringList offered;
    answer(QMessageBox::Cancel, &asked, &offered);
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    QAction* entry = recentEntry(window, path("other.json"));
    QVERIFY(entry);
    entry->trigger();
    QVERIFY2(asked == "The networks trained in this window are not saved.\nSave the session before opening other.json?",
             qPrintable(asked));
    QCOMPARE(offered, QStringList({"Save", "Open without saving", "Cancel"}));
    QVERIFY(opened.isEmpty());
    QVERIFY(window.settingsPanel()->settings() == smallNetworks());

    answer(QMessageBox::Save, &asked);
    saveAs(path("mine.json"));  // the session has no file yet: asked for one
    recentEntry(window, path("other.json"))->trigger();
    QVERIFY(opened.wait(60000));
    QCOMPARE(opened.last().at(0).toString(), path("other.json"));
    QCOMPARE(opened.last().at(1).toString(), QString());
    QVERIFY(window.settingsPanel()->settings() == other);
    QString error;
    const std::optional<Session> mine = readSessionFile(path("mine.json"), &error);
    QVERIFY2(mine, qPrintable(error));
    QVERIFY(mine->settings == smallNetworks());
    QCOMPARE(mine->networks.size(), smallNetworks().networks.size());

    ExperimentSettings again = smallNetworks();
    again.seed += 1;  // other signals: trained anew, not taken from the networks kept
    QVERIFY(runSettings(window, again));
    answer(QMessageBox::Discard, &asked);
    const int before = opened.size();
    recentEntry(window, path("other.json"))->trigger();
    // Save would write over the session's own file, as Ctrl+S does: the question says which.
    QVERIFY2(asked.endsWith("Save the session to other.json before opening other.json?"), qPrintable(asked));
    QTRY_VERIFY_WITH_TIMEOUT(opened.size() > before, 60000);
    QVERIFY(window.settingsPanel()->settings() == other);

    // Ctrl+Z brings the networks left unsaved back, and with them the question when closing.
    menuAction(window, "&Back to the earlier problem")->trigger();
    QVERIFY(window.settingsPanel()->settings() == again);
    answer(QMessageBox::Cancel, &asked);
    asked.clear();
    QVERIFY(!window.close());
    QVERIFY2(asked.startsWith("The networks trained in this window are not saved"), qPrintable(asked));
  }
};

QTEST_MAIN(TestUnsavedNetworks)
#include "test_unsaved_networks.moc"

