// The output files of one command, written all-or-none and never over one of its inputs.
//
// A command declares its inputs and outputs first, then calls check() before it reads or computes
// anything. check() resolves every path (through symlinks and '..'), refuses an output that is one of the
// inputs or another output (naming both), a directory, a socket, a read-only file or a missing folder, and opens a
// temporary file next to every regular output (so an unwritable folder is found before the work, not
// after it). write() fills an output: '-' (or /dev/stdout) goes to the given standard-output stream,
// a device or FIFO (/dev/null, a named pipe, /dev/fd/N) is written in place, and a regular file goes to
// its temporary file. commit() then renames the temporary files over their targets in one go; if a
// rename fails, its message says which files are new and which still hold their old contents.
// Temporary files not committed are removed by the destructor, or when a signal ends the process (they
// are registered with temporary_files.h while they exist).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace unfold {

// Files the program reads beyond a command's declared inputs: the workbench's imported dictionary and
// signals, which every export and save could otherwise be pointed at. Every OutputFiles refuses them as
// outputs, as it refuses its own inputs ("x.csv is the dictionary file the workbench imported: …").
struct StandingInput {
  std::string what;  // "the dictionary file the workbench imported"
  std::string path;
};
// Replaces the files `owner` (a window, say) reads; {} forgets them. Each owner's list stands until it
// replaces it, whatever other owners set (thread-safe).
void setStandingInputs(const void* owner, std::vector<StandingInput> inputs);
// The refusal the output plan gives when `path` names a standing input (by file identity: another name
// of it too), for a dialog to say before its own questions; empty if it names none.
std::string standingInputRefusal(const std::string& path);

// Where check() says that it waits for the program at a named pipe's (FIFO's) other end: an output with no
// reader yet, an input (read later, once a program writes to it). Without a word, that wait looked like a
// hang. Unset (the default) it says nothing; the command line says it on standard error.
void setWaitNotices(std::function<void(const std::string&)> notice);

// The descriptor a path names if it is one the process already has open (/dev/stdout, /dev/fd/N,
// /proc/self/fd/N), else -1.
int descriptorAlias(const std::string& path);

class OutputFiles {
 public:
  explicit OutputFiles(std::ostream& standardOutput);
  ~OutputFiles();
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  // `flag` names the path in messages ("--dict", "--trace"); nullopt (flag not given) is ignored, an
  // empty output name is refused.
  void addInput(const std::string& flag, const std::optional<std::string>& path);
  void addOutput(const std::string& flag, const std::optional<std::string>& path);
  // A file the command names itself in a folder it was given (generate's D.csv, reproduce's NAME.png): a
  // symbolic link there to a regular file is refused, not written through, as the person never named the
  // file it points to (another dataset's D.csv). A link to a device (/dev/null) is written in place.
  void addFolderOutput(const std::string& flag, const std::string& path);

  // Throws InputError (see above). Call once, after declaring everything and before any work.
  // `beforeOpening` (e.g. a check of the names' file types) runs once the paths are known to be
  // writable and apart from the inputs, before anything is opened (a FIFO's open waits for a reader).
  void check(const std::function<void()>& beforeOpening = {});
  // True if an output is '-': the command's own messages should then go to stderr.
  bool writesToStandardOutput() const;

  // Writes the whole contents of the output declared with `path`. Throws InputError on failure.
  void write(const std::string& path, const std::string& contents);
  // The same in pieces, for outputs too large to hold in memory (a long trace): append, then close.
  void append(const std::string& path, std::string_view bytes);
  void close(const std::string& path);
  // Replaces every regular output by its written temporary file. Throws InputError on failure.
  void commit();

 private:
  struct Output;
  struct Input;
  Output& find(const std::string& path);
  std::ostream& stdout_;
  std::vector<std::unique_ptr<Output>> outputs_;
  std::vector<std::unique_ptr<Input>> inputs_;
  bool checked_ = false;
};

}  // namespace unfold
