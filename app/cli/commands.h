// The headless subcommands of `unfoldlab`. Each takes its own arguments (after the subcommand name) and
// writes to the given streams; an InputError escaping one is a user error (message, exit code 2).
#pragma once

#include <QStringList>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace unfold::cli {

int runGenerate(const QStringList& arguments, std::ostream& out, std::ostream& err);
int runSolve(const QStringList& arguments, std::ostream& out, std::ostream& err);
int runTrain(const QStringList& arguments, std::ostream& out, std::ostream& err);
int runEval(const QStringList& arguments, std::ostream& out, std::ostream& err);
int runExport(const QStringList& arguments, std::ostream& out, std::ostream& err);
int runBench(const QStringList& arguments, std::ostream& out, std::ostream& err);
int runAttack(const QStringList& arguments, std::ostream& out, std::ostream& err);

// Dispatches `unfoldlab SUBCOMMAND ...` (arguments without the program name). Returns the exit code:
// 0 success, 2 bad input or usage (message on err), 1 unexpected failure.
int runCommandLine(const QStringList& arguments, std::ostream& out, std::ostream& err);

// Adds a subcommand implemented outside this library (`reproduce` draws figures with the UI library).
using Command = std::function<int(const QStringList&, std::ostream&, std::ostream&)>;
void registerCommand(const std::string& name, Command command);

// True if the arguments name a headless subcommand (or ask for the top-level help or version).
bool isHeadlessCommand(const QStringList& arguments);

// The top-level help, the registered subcommands' names, and the man page made from the help texts the
// commands print (unfoldlab --man-page; man_page.cpp), so the two never drift apart.
std::string usageText();
std::vector<std::string> commandNames();
std::string manPage();

}  // namespace unfold::cli
