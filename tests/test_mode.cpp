// Every test runs with QStandardPaths in test mode: settings, recent files and data go to ~/.qttest, so
// that no test reads what the user left there or overwrites it. Linked into every test executable
// (CMakeLists.txt); Qt calls it as the test's application object is made, before any test function.
#include <QCoreApplication>
#include <QStandardPaths>

namespace {

void enableTestMode() { QStandardPaths::setTestModeEnabled(true); }

}  // namespace

Q_COREAPP_STARTUP_FUNCTION(enableTestMode)
