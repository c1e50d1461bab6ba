// The folder a command writes its files into (generate --out, reproduce --out): made if missing, and
// removed again, if still empty, unless the command keeps it: a command refused after the folder was made
// (digits with n != 64, an output that cannot be written) leaves no empty folder behind.
#pragma once

#include <QString>

#include <string>

namespace unfold::cli {

class OutputFolder {
 public:
  // Throws InputError naming `flag` and the path if it is not a folder or cannot be made.
  OutputFolder(const std::string& flag, const std::string& path);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  // The command wrote (some of) its files: the folder stays.
  void keep() { made_ = false; }
  const QString& path() const { return path_; }

 private:
  QString path_;
  bool made_ = false;  // by this command, and not yet kept
};

}  // namespace unfold::cli
