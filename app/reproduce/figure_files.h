// The files of one reproduced figure, DIR/NAME.csv (its data; some figures have more, DIR/NAME-X.csv) and
// DIR/NAME.png, .pdf, .svg, declared and
// checked before any computing and replaced together once the figure is complete (core/output_files.h):
// a failed or interrupted figure leaves the previous version of all four files, never a mix.
#pragma once

#include "io/output_files.h"

#include <QString>
#include <QStringList>

#include <ostream>
#include <string>

namespace unfold::ui {
class PaperFigure;
}

namespace unfold::reproduce {

class FigureFiles {
 public:
  // `withCsv` false: the figure's data file is written by the figure itself (a resumable results table).
  // `extraData`: further data files the figure writes, DIR/NAME-<extra>.csv.
  FigureFiles(const QString& directory, const QString& name, bool withCsv, std::ostream& standardOutput,
              const QStringList& extraData = {});

  void check();  // throws InputError naming the refused file
  void writeCsv(const std::string& contents);
  void writeCsv(const QString& extra, const std::string& contents);  // one of the extraData
  void writeFigure(ui::PaperFigure& figure);
  QStringList commit();  // the paths written

 private:
  QString path(const char* suffix) const;
  QString extraPath(const QString& extra) const;
  QString directory_, name_;
  bool withCsv_;
  OutputFiles files_;
  QStringList written_;
};

}  // namespace unfold::reproduce
