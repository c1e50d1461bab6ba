#include "output_folder.h"

#include "base/input_error.h"
#include "base/quoted_text.h"

#include <QDir>
#include <QFileInfo>

namespace unfold::cli {

OutputFolder::OutputFolder(const std::string& flag, const std::string& path) : path_(QString::fromStdString(path)) {
  const QFileInfo info(path_);
  if (info.exists() && !info.isDir()) throw InputError(flag + " " + quotedInput(path) + ": not a folder");
  made_ = !info.exists();
  if (!QDir().mkpath(path_)) throw InputError(flag + " " + quotedInput(path) + ": cannot create the folder");
}

OutputFolder::~OutputFolder() {
  if (made_) QDir().rmdir(path_);  // only if empty
}

}  // namespace unfold::cli
