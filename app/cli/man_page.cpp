// unfoldlab.1, made from the help texts the commands print: the top-level usage as the synopsis and
// description, then one section per subcommand with its --help text verbatim.
#include "commands.h"

#include "base/version.h"

#include <sstream>

namespace unfold::cli {

namespace {

// roff treats a leading '.' or '\'' as a request and '\\' as an escape: make the text literal.
std::string roffLiteral(const std::string& text) {
  std::string out;
  bool lineStart = true;
  for (const char c : text) {
    if (lineStart && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    lineStart = c == '\n';
  }
  return out;
}

std::string helpOf(const std::string& command) {
  std::ostringstream out, err;
  runCommandLine(QStringList{QString::fromStdString(command), "--help"}, out, err);
  return out.str();
}

}  // namespace

std::string manPage() {
  std::ostringstream page;
  page << ".TH UNFOLDLAB 1 \"\" \"unfoldlab " << kVersion << "\" \"User Commands\"\n"
       << ".SH NAME\nunfoldlab \\- explore, teach and publish unfolded sparse coding (ISTA, FISTA, OISTA, LISTA, SLISTA)\n"
       << ".SH SYNOPSIS\n.nf\n" << roffLiteral(usageText()) << ".fi\n"
       << ".SH COMMANDS\n";
  for (const std::string& name : commandNames()) {
    page << ".SS " << name << "\n.nf\n" << roffLiteral(helpOf(name)) << ".fi\n";
  }
  page << ".SH EXIT STATUS\n0 on success, 2 for bad input or usage (the message names the file and field), "
          "1 for an unexpected failure.\n"
       << ".SH SEE ALSO\nAblin, Moreau, Massias, Gramfort: Learning step sizes for unfolded sparse coding, NeurIPS 2019.\n";
  return page.str();
}

}  // namespace unfold::cli
