// The GUI's command line: which lesson to open, and the screenshot mode used
// for the README image, tests and classroom handouts.
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

namespace dslab {

struct AppOptions {
    QString lesson;          // id or number
    int tryStep = 0;         // "try this" step to set up first (1-based; 0: the lesson's own preset)
    int trainSteps = 0;      // screenshot mode: steps to train before grabbing
    QString screenshot;      // PNG path; when set, render and exit
    QSize size{1280, 800};
    bool workbench = false;  // open the Workbench instead of the lessons
    QString pipelineFile;    // --workbench: a pipeline JSON to open
    QString dataset;         // --workbench: a built-in dataset (default penguins)
    bool listLessons = false;
    bool version = false;
    QString error;           // set when the command line is invalid
};

// Parses the arguments without needing a QApplication (so --version and
// --list-lessons work without a display).
AppOptions parseAppOptions(const QStringList& arguments);
QString appUsage();

}  // namespace dslab
