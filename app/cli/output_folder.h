// The folder a command writes its files into (generate --out, reproduce --out): made if missing, with its
// missing parents, and removed again, if still empty, unless the command keeps it: a command refused
// after the folder was made (digits with n != 64, an output that cannot be written) leaves no empty folder
// behind, nor the empty parents it made for it.
#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace unfold::cli {

class OutputFolder {
 public:
  // Throws InputError naming `flag` and the path if it is not a folder or cannot be made.
  // `why`, said after "not a folder" when the path is a file: what goes into the folder.
  OutputFolder(const std::string& flag, const std::string& path, const std::string& why = {});
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  // The command wrote (some of) its files: the folder stays.
  void keep() { made_.clear(); }
  const QString& path() const { return path_; }

 private:
  void removeEmptyMadeFolders();
  QString path_;
  QStringList made_;  // by this command and not yet kept, deepest first
};

}  // namespace unfold::cli
