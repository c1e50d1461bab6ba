#include "output_folder.h"

#include "base/input_error.h"
#include "base/quoted_text.h"

#include <QDir>
#include <QFileInfo>

namespace unfold::cli {

OutputFolder::OutputFolder(const std::string& flag, const std::string& path, const std::string& why)
    : path_(QString::fromStdString(path)) {
  if (path == "-") throw InputError(flag + " '-': a folder is needed here, not standard output");
  const QFileInfo info(path_);
  if (info.exists() && !info.isDir()) throw InputError(flag + " " + quotedInput(path) + ": not a folder" + why);
  // Clean, so that "new/a/" is made of "new/a" and "new", each once (the removal below walks the list).
  for (QString missing = QDir::cleanPath(info.absoluteFilePath()); !QFileInfo::exists(missing);) {
    made_ << missing;
    const QString parent = QFileInfo(missing).path();
    if (parent == missing) break;
    missing = parent;
  }
  if (!QDir().mkpath(path_)) {
    removeEmptyMadeFolders();  // mkpath may have made some parents before it failed
    throw InputError(flag + " " + quotedInput(path) + ": cannot create the folder");
  }
}

OutputFolder::~OutputFolder() { removeEmptyMadeFolders(); }

void OutputFolder::removeEmptyMadeFolders() {
  for (const QString& folder : std::as_const(made_))
    if (!QDir().rmdir(folder) && QFileInfo::exists(folder)) break;  // not empty: its parents are not empty either
  made_.clear();
}

}  // namespace unfold::cli
