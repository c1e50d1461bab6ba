#include "io/output_files.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "io/temporary_files.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace unfold {

namespace {

std::string errorText(int error) { return std::strerror(error); }

// A file's identity: two paths name the same file if and only if these are equal (hard links, symlinks,
// bind mounts included). Files that do not exist yet are compared by their resolved path instead.
struct Identity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string resolved;  // absolute, symlinks and '..' resolved (parent folder for a new file)
  bool same(const Identity& other) const {
    if (exists && other.exists) return device == other.device && inode == other.inode;
    return !exists && !other.exists && !resolved.empty() && resolved == other.resolved;
  }
};

std::string parentOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string realPath(const std::string& path) {
  char buffer[PATH_MAX];
  return ::realpath(path.c_str(), buffer) ? std::string(buffer) : std::string();
}

// "--trace t.csv" in messages; a file written on its own (writeFileAtomically) has no flag.
std::string named(const std::string& flag, const std::string& path) { return flag.empty() ? path : flag + " " + path; }

std::string overwriteRefusal(const std::string& output, const std::string& input) {
  return output + " is " + input + ": refusing to overwrite an input";
}

}  // namespace

// Written through the descriptor: reopening it would start at offset 0 of a redirected file and
// overwrite what the command already printed, and resolving it to the file behind it would rename over
// the user's redirection.
int descriptorAlias(const std::string& path) {
  if (path == "/dev/stdin") return 0;
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (const std::string prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.rfind(prefix, 0) != 0 || path.size() == prefix.size() || path.size() > prefix.size() + 6) continue;
    int fd = 0;
    for (size_t i = prefix.size(); i < path.size(); ++i) {
      if (path[i] < '0' || path[i] > '9') return -1;
      fd = fd * 10 + (path[i] - '0');
    }
    return fd;
  }
  return -1;
}

struct OutputFiles::Input {
  std::string description;  // "the input --dict D.csv"
  std::string path;
  Identity identity;
};

namespace {
std::mutex standingInputsLock;
std::map<const void*, std::vector<StandingInput>> standingInputs;  // by owner

std::vector<StandingInput> currentStandingInputs() {
  const std::lock_guard lock(standingInputsLock);
  std::vector<StandingInput> all;
  for (const auto& [owner, inputs] : standingInputs) all.insert(all.end(), inputs.begin(), inputs.end());
  return all;
}

// Read once, before main and its threads: umask() can only be read by setting it, and a file another
// thread created between the two calls would get mode 0666.
const mode_t processUmask = [] {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}();

std::mutex waitNoticesLock;
std::function<void(const std::string&)> waitNotices;

void sayWaiting(const std::string& text) {
  const std::lock_guard lock(waitNoticesLock);
  if (waitNotices) waitNotices(text);
}

bool isFifo(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}
}  // namespace

void setWaitNotices(std::function<void(const std::string&)> notice) {
  const std::lock_guard lock(waitNoticesLock);
  waitNotices = std::move(notice);
}

void setStandingInputs(const void* owner, std::vector<StandingInput> inputs) {
  const std::lock_guard lock(standingInputsLock);
  if (inputs.empty()) standingInputs.erase(owner);
  else standingInputs[owner] = std::move(inputs);
}

std::string standingInputRefusal(const std::string& path) {
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0) return {};
  for (const StandingInput& standing : currentStandingInputs()) {
    struct stat info {};
    if (::stat(standing.path.c_str(), &info) == 0 && info.st_dev == target.st_dev && info.st_ino == target.st_ino)
      return overwriteRefusal(path, standing.what);
  }
  return {};
}

struct OutputFiles::Output {
  enum class Kind { StandardOutput, InPlace, Regular };
  std::string flag, path;
  Kind kind = Kind::Regular;
  Identity identity;
  std::string target;     // where a regular output ends up (resolved)
  std::string temporary;  // its temporary file, in the same folder (rename is atomic there)
  int descriptor = -1;
  bool written = false, committed = false;
  bool namedByTheCommand = false;  // addFolderOutput: never through a link
};

OutputFiles::OutputFiles(std::ostream& standardOutput) : stdout_(standardOutput) {}

OutputFiles::~OutputFiles() {
  for (const auto& output : outputs_) {
    if (output->descriptor >= 0) ::close(output->descriptor);
    if (output->temporary.empty() || output->committed) continue;
    ::unlink(output->temporary.c_str());  // first: a signal in between still finds it registered
    forgetTemporary(output->temporary.c_str());
  }
}

void OutputFiles::addInput(const std::string& flag, const std::optional<std::string>& path) {
  if (!path || path->empty()) return;
  auto input = std::make_unique<Input>();
  input->description = "the input " + named(flag, *path);
  input->path = *path;
  inputs_.push_back(std::move(input));
}

void OutputFiles::addOutput(const std::string& flag, const std::optional<std::string>& path) {
  if (!path) return;
  if (path->empty()) throw InputError(flag + ": empty file name");
  auto output = std::make_unique<Output>();
  output->flag = flag;
  output->path = *path;
  outputs_.push_back(std::move(output));
}

void OutputFiles::addFolderOutput(const std::string& flag, const std::string& path) {
  addOutput(flag, path);
  outputs_.back()->namedByTheCommand = true;
}

bool OutputFiles::writesToStandardOutput() const {
  for (const auto& output : outputs_)
    if (output->kind == Output::Kind::StandardOutput) return true;
  return false;
}

void OutputFiles::check(const std::function<void()>& beforeOpening) {
  for (const StandingInput& standing : currentStandingInputs()) {
    auto input = std::make_unique<Input>();
    input->description = standing.what;  // the path is the output's, or another name of it
    input->path = standing.path;
    inputs_.push_back(std::move(input));
  }
  for (auto& input : inputs_) {
    struct stat info {};
    if (::stat(input->path.c_str(), &info) != 0) continue;  // the reader says "no such file" later
    input->identity = {true, info.st_dev, info.st_ino, realPath(input->path)};
  }
  // A collision is the worse mistake (it would destroy an input), so it is reported first; other
  // problems of an output (a missing folder, a folder as output) wait until the collisions are checked.
  std::string firstProblem;
  const auto problem = [&firstProblem](const std::string& text) {
    if (firstProblem.empty()) firstProblem = text;
  };
  for (auto& output : outputs_) {
    const std::string& path = output->path;
    const int alias = descriptorAlias(path);
    if (path == "-" || alias == 1) {
      output->kind = Output::Kind::StandardOutput;
      output->identity.resolved.assign(1, '-');  // two outputs to stdout collide like two equal paths
      // Redirected to a file ('>> X.csv'), standard output is that file, which may be an input.
      if (struct stat out {}; ::fstat(STDOUT_FILENO, &out) == 0 && S_ISREG(out.st_mode))
        output->identity = {true, out.st_dev, out.st_ino, "-"};
      continue;
    }
    struct stat info {};
    if (output->namedByTheCommand && ::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode) &&
        ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {  // a link to a device is written in place
      problem(named(output->flag, path) + " is a symbolic link to the file " + quotedInput(realPath(path)) +
              ": the command writes its own files into the folder, never through a link; remove it or choose another folder");
      continue;
    }
    if (::stat(path.c_str(), &info) == 0) {
      output->identity = {true, info.st_dev, info.st_ino, realPath(path)};
      if (S_ISDIR(info.st_mode)) problem(named(output->flag, path) + ": is a folder, not a file");
      if (S_ISSOCK(info.st_mode)) problem(named(output->flag, path) + ": is a socket; cannot write a file there");
      if (!S_ISREG(info.st_mode) || alias >= 0) {
        output->kind = Output::Kind::InPlace;
        continue;
      }
      // A rename replaces a file whatever its own permissions: a file nobody may write is one its owner
      // protected (chmod a-w), and would be replaced without a word (even by root).
      if ((info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
        problem(named(output->flag, path) + ": is read-only; make it writable (chmod u+w) to replace it, or choose another file");
      output->target = output->identity.resolved;
    } else {
      if (errno != ENOENT) {
        problem(named(output->flag, path) + ": " + errorText(errno));
        continue;
      }
      struct stat link {};
      if (::lstat(path.c_str(), &link) == 0) {
        problem(named(output->flag, path) + ": is a symbolic link to a missing file");
        continue;
      }
      const std::string folder = realPath(parentOf(path));
      if (folder.empty()) {
        problem(named(output->flag, path) + ": the folder " + parentOf(path) + " does not exist");
        continue;
      }
      output->target = (folder == "/" ? "" : folder) + "/" + nameOf(path);
      output->identity.resolved = output->target;
    }
  }
  // Collisions, before touching anything: an output over an input, or two outputs on one file.
  for (size_t i = 0; i < outputs_.size(); ++i) {
    const Output& output = *outputs_[i];
    for (const auto& input : inputs_)
      if (input->identity.exists && output.identity.same(input->identity))
        throw InputError(overwriteRefusal(named(output.flag, output.path) + (output.kind == Output::Kind::StandardOutput
                                                                              ? " (standard output, redirected)" : ""),
                                          input->description));
    for (size_t j = 0; j < i; ++j)
      if (output.identity.same(outputs_[j]->identity))
        throw InputError(named(output.flag, output.path) + " is also the output " +
                         named(outputs_[j]->flag, outputs_[j]->path) + ": give each output its own file");
  }
  if (!firstProblem.empty()) throw InputError(firstProblem);
  if (beforeOpening) beforeOpening();
  // Open everything now, so that an unwritable folder or device fails before the work.
  for (auto& output : outputs_) {
    if (output->kind == Output::Kind::StandardOutput) continue;
    if (output->kind == Output::Kind::InPlace) {
      const int alias = descriptorAlias(output->path);
      if (alias < 0 && isFifo(output->path)) {  // without a reader, open() waits for one
        output->descriptor = ::open(output->path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
        if (output->descriptor >= 0) ::fcntl(output->descriptor, F_SETFL, ::fcntl(output->descriptor, F_GETFL) & ~O_NONBLOCK);
        else if (errno == ENXIO) sayWaiting(named(output->flag, output->path) + " is a named pipe (FIFO): waiting for a program to read from it");
        if (output->descriptor >= 0) continue;
      }
      output->descriptor = alias >= 0 ? ::fcntl(alias, F_DUPFD_CLOEXEC, 3)
                                      : ::open(output->path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (output->descriptor < 0) throw InputError(named(output->flag, output->path) + ": cannot write (" + errorText(errno) + ")");
      // A descriptor the shell opened for reading (/dev/stdin) would fail only at the first write, after the work.
      if (alias >= 0 && (::fcntl(output->descriptor, F_GETFL) & O_ACCMODE) == O_RDONLY)
        throw InputError(named(output->flag, output->path) + ": cannot write (descriptor " + std::to_string(alias) +
                         " is open only for reading)");
      continue;
    }
    std::string pattern = parentOf(output->target) + "/." + nameOf(output->target) + ".XXXXXX";
    output->descriptor = ::mkstemp(pattern.data());
    if (output->descriptor < 0)
      throw InputError(named(output->flag, output->path) + ": cannot write in " + parentOf(output->target) + " (" +
                       errorText(errno) + ")");
    output->temporary = pattern;
    registerTemporary(output->temporary.c_str());
    // A replaced file keeps its permissions; a new one gets the usual 0666 & ~umask (mkstemp's is 0600).
    struct stat old {};
    const mode_t mode = ::stat(output->target.c_str(), &old) == 0 ? (old.st_mode & 07777) : (0666 & ~processUmask);
    ::fchmod(output->descriptor, mode);
  }
  for (const auto& input : inputs_)
    if (input->path != "-" && descriptorAlias(input->path) < 0 && isFifo(input->path))
      sayWaiting(input->description + " is a named pipe (FIFO): reading it waits for a program to write to it");
  checked_ = true;
}

OutputFiles::Output& OutputFiles::find(const std::string& path) {
  for (auto& output : outputs_)
    if (output->path == path) return *output;
  throw std::logic_error("OutputFiles: " + path + " was not declared as an output");
}

void OutputFiles::write(const std::string& path, const std::string& contents) {
  append(path, contents);
  close(path);
}

void OutputFiles::append(const std::string& path, std::string_view bytes) {
  if (!checked_) throw std::logic_error("OutputFiles: append() before check()");
  Output& output = find(path);
  if (output.written) throw std::logic_error("OutputFiles: " + path + " is already closed");
  if (output.kind == Output::Kind::StandardOutput) {
    stdout_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!stdout_) throw InputError(named(output.flag, output.path) + ": cannot write to standard output");
    return;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(output.descriptor, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw InputError(named(output.flag, output.path) + ": write failed (" + errorText(errno) + ")");
    done += static_cast<size_t>(n);
  }
}

void OutputFiles::close(const std::string& path) {
  Output& output = find(path);
  if (output.written) return;
  if (output.kind == Output::Kind::StandardOutput) {
    stdout_.flush();
    if (!stdout_) throw InputError(named(output.flag, output.path) + ": cannot write to standard output");
  } else {
    // fsync before the rename: after a crash the file is either old or complete, never empty.
    if (output.kind == Output::Kind::Regular && ::fsync(output.descriptor) != 0)
      throw InputError(named(output.flag, output.path) + ": write failed (" + errorText(errno) + ")");
    ::close(output.descriptor);
    output.descriptor = -1;
  }
  output.written = true;
}

void OutputFiles::commit() {
  for (const auto& output : outputs_)
    if (!output->written) throw std::logic_error("OutputFiles: " + output->path + " was never written");
  for (size_t i = 0; i < outputs_.size(); ++i) {
    Output& output = *outputs_[i];
    if (output.kind != Output::Kind::Regular) continue;
    if (::rename(output.temporary.c_str(), output.target.c_str()) == 0) {
      forgetTemporary(output.temporary.c_str());
      output.committed = true;
      continue;
    }
    const std::string reason = errorText(errno);
    std::string fresh, old;
    int files = 0;
    for (const auto& other : outputs_) {
      if (other->kind != Output::Kind::Regular) continue;
      ++files;
      (other->committed ? fresh : old) += (other->committed ? fresh : old).empty() ? other->path : ", " + other->path;
    }
    const std::string failed = named(output.flag, output.path) + ": cannot replace the file (" + reason + ")";
    // One file: the workbench's saves and exports. "new: none; unchanged (old or absent): " + its own name
    // meant nothing to a reader who wrote one file.
    if (files == 1) throw InputError(failed + "; it is as it was");
    throw InputError(failed + "; new: " + (fresh.empty() ? "none" : fresh) + "; unchanged (old or absent): " + old);
  }
  // The renames themselves reach the disk only with their folder: sync each folder once (best effort).
  std::vector<std::string> synced;
  for (const auto& output : outputs_) {
    if (output->kind != Output::Kind::Regular) continue;
    const std::string folder = parentOf(output->target);
    if (std::find(synced.begin(), synced.end(), folder) != synced.end()) continue;
    synced.push_back(folder);
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
}

}  // namespace unfold
