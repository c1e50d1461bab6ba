#include "figure_files.h"

#include "plots/paper_figure.h"

#include <QDir>

namespace unfold::reproduce {

namespace {
constexpr const char* kFigureTypes[] = {"png", "pdf", "svg"};
}

FigureFiles::FigureFiles(const QString& directory, const QString& name, bool withCsv, std::ostream& standardOutput,
                         const QStringList& extraData)
    : directory_(directory), name_(name), withCsv_(withCsv), files_(standardOutput) {
  if (withCsv_) files_.addFolderOutput("--out", path("csv").toStdString());
  for (const QString& extra : extraData) files_.addFolderOutput("--out", extraPath(extra).toStdString());
  for (const char* suffix : kFigureTypes) files_.addFolderOutput("--out", path(suffix).toStdString());
}

QString FigureFiles::path(const char* suffix) const { return QDir(directory_).filePath(name_ + "." + suffix); }

QString FigureFiles::extraPath(const QString& extra) const { return QDir(directory_).filePath(name_ + "-" + extra + ".csv"); }

void FigureFiles::check() { files_.check(); }

void FigureFiles::writeCsv(const std::string& contents) {
  files_.write(path("csv").toStdString(), contents);
  written_ << path("csv");
}

void FigureFiles::writeCsv(const QString& extra, const std::string& contents) {
  files_.write(extraPath(extra).toStdString(), contents);
  written_ << extraPath(extra);
}

void FigureFiles::writeFigure(ui::PaperFigure& figure) {
  for (const char* suffix : kFigureTypes) {
    const QByteArray bytes = figure.render(suffix);
    files_.write(path(suffix).toStdString(), std::string(bytes.constData(), static_cast<size_t>(bytes.size())));
    written_ << path(suffix);
  }
}

QStringList FigureFiles::commit() {
  files_.commit();
  return written_;
}

}  // namespace unfold::reproduce
