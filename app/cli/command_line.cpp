#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "base/version.h"
#include "io/output_files.h"

#include <exception>
#include <functional>
#include <map>
#include <sstream>
#include <vector>
#include <string>

namespace unfold::cli {

namespace {

std::map<std::string, Command>& commands() {
  static std::map<std::string, Command> table = {
      {"generate", runGenerate},
      {"solve", runSolve},
      {"train", runTrain},
      {"eval", runEval},
      {"export", runExport},
      {"bench", runBench},
      {"attack", runAttack},
  };
  return table;
}

void printUsage(std::ostream& out) {
  out << "Unfold Lab: exploring unfolded sparse coding (ISTA, FISTA, OISTA, LISTA, SLISTA).\n\n"
         "Usage:\n"
         "  unfoldlab                      open the workbench (GUI)\n"
         "  unfoldlab --preset NAME | --session FILE | --lesson N | --plane [--screenshot OUT.png]\n"
         "                                 the GUI with a preset (oista, ls-ratio, learned-steps, coupling,\n"
         "                                 networks), a session, a lesson, or the 2-D Lasso view; with\n"
         "                                 --screenshot it runs to completion, saves the window and exits\n"
         "  unfoldlab generate ...         make a dictionary and signals (CSV or .npy)\n"
         "  unfoldlab solve ...            run ISTA / FISTA / OISTA, write a trace and codes\n"
         "  unfoldlab train ...            train LISTA / LISTA-CP / ALISTA / SLISTA, save it as JSON\n"
         "  unfoldlab eval ...             evaluate a trained network layer by layer\n"
         "  unfoldlab export ...           a trained network as a Python module (NumPy or PyTorch)\n"
         "  unfoldlab attack ...           adversarial signals for a trained network\n"
         "  unfoldlab bench [--json]       measure the solvers' speed on this machine\n"
         "  unfoldlab reproduce FIGURE ... the paper's figures: PNG, PDF, SVG and CSV\n\n"
         "  unfoldlab --version            the version of this build\n"
         "  unfoldlab --man-page           this help and every command's as a man page (roff)\n\n"
         "Run 'unfoldlab COMMAND --help' for the options of a command.\n";
}

}  // namespace

std::string usageText() {
  std::ostringstream text;
  printUsage(text);
  return text.str();
}

std::vector<std::string> commandNames() {
  std::vector<std::string> names;
  for (const auto& [name, command] : commands()) names.push_back(name);
  return names;
}

void registerCommand(const std::string& name, Command command) { commands()[name] = std::move(command); }

bool isHeadlessCommand(const QStringList& arguments) {
  if (arguments.isEmpty()) return false;
  const std::string first = arguments.first().toStdString();
  return commands().count(first) > 0 || first == "--help" || first == "-h" || first == "help" ||
         first == "--version" || first == "--man-page" || first.rfind("-", 0) != 0;
}

int runCommandLine(const QStringList& arguments, std::ostream& out, std::ostream& err) {
  if (arguments.isEmpty() || arguments.first() == "--help" || arguments.first() == "-h" ||
      arguments.first() == "help") {
    printUsage(out);
    return 0;
  }
  if (arguments.first() == "--version") {
    out << "unfoldlab " << kVersionDescription << "\n";
    return 0;
  }
  if (arguments.first() == "--man-page") {
    out << manPage();
    return 0;
  }
  const std::string name = arguments.first().toStdString();
  const auto command = commands().find(name);
  if (command == commands().end()) {
    err << "unfoldlab: unknown command " << quotedInput(name) << "\n\n";
    printUsage(err);
    return 2;
  }
  // A named pipe with nobody at its other end makes the command wait: said as the command's own note.
  setWaitNotices([&err, name](const std::string& text) { err << "unfoldlab " << name << ": " << printableText(text) << std::endl; });
  const struct Forget {
    ~Forget() { setWaitNotices({}); }  // `err` does not outlive this call
  } forget;
  try {
    return command->second(arguments.mid(1), out, err);
  } catch (const InputError& error) {
    err << "unfoldlab " << name << ": error: " << printableText(error.what()) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    err << "unfoldlab " << name << ": error: out of memory (the problem is too large for this machine)\n";
    return 1;
  } catch (const std::exception& error) {
    err << "unfoldlab " << name << ": internal error: " << printableText(error.what()) << "\n";
    return 1;
  }
}

}  // namespace unfold::cli
