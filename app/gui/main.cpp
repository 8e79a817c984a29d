// dslab: the DS Interview Lab application.
#include "app/common/resource_locator.h"
#include "app/gui/app_options.h"
#include "ui/labs/lab.h"
#include "ui/labs/lab_registry.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_view.h"
#include "ui/workbench/pipeline_graph_view.h"
#include "ui/workbench/workbench_window.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QStyleFactory>
#include <QTextStream>
#include <QTimer>
#include <cstdio>

namespace {

QStringList rawArguments(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

int listLessons(const dslab::LessonLibrary& library)
{
    QTextStream out(stdout);
    for (const auto& l : library.lessons())
        out << l.id << '\t' << l.chapter << '\t' << l.title << '\t'
            << (dslab::LabRegistry::isBuilt(l.labType) ? l.labType : QStringLiteral("-")) << '\t' << l.practice.size()
            << '\n';
    QTextStream err(stderr);
    for (const auto& p : library.problems())
        err << "warning: " << p << '\n';
    return library.problems().isEmpty() ? 0 : 1;
}

}  // namespace

// dslab --workbench: the Workbench alone, optionally on a pipeline file; with
// --screenshot it renders and exits.
static int runWorkbench(const dslab::AppOptions& options, const QString& datasetsDir)
{
    dslab::WorkbenchWindow workbench(datasetsDir);
    workbench.resize(options.size);
    if (!workbench.selectBuiltinDataset(options.dataset.isEmpty() ? QStringLiteral("penguins") : options.dataset)) {
        std::fprintf(stderr, "dslab: %s\n", workbench.errorText().toLocal8Bit().constData());
        return 2;
    }
    if (!options.pipelineFile.isEmpty() && !workbench.openFile(options.pipelineFile)) {
        std::fprintf(stderr, "dslab: %s\n", workbench.errorText().toLocal8Bit().constData());
        if (!options.screenshot.isEmpty())
            return 2;
    }
    workbench.show();
    if (options.screenshot.isEmpty())
        return QApplication::exec();
    QApplication::processEvents();
    workbench.view()->zoomToFit();
    QApplication::processEvents();
    const QImage image = workbench.grab().toImage();
    if (!image.save(options.screenshot, "PNG")) {
        std::fprintf(stderr, "dslab: cannot write %s\n", options.screenshot.toLocal8Bit().constData());
        return 1;
    }
    std::printf("wrote %s (%dx%d)\n", options.screenshot.toLocal8Bit().constData(), image.width(), image.height());
    return 0;
}

int main(int argc, char** argv)
{
    const dslab::AppOptions options = dslab::parseAppOptions(rawArguments(argc, argv));
    if (!options.error.isEmpty()) {
        const bool help = options.error == "help";
        std::fprintf(help ? stdout : stderr, "%s%s", help ? "" : ("dslab: " + options.error + "\n\n").toLocal8Bit().constData(),
                     dslab::appUsage().toLocal8Bit().constData());
        return help ? 0 : 2;
    }
    if (options.version) {
        std::printf("dslab %s\n", DSLAB_VERSION);
        return 0;
    }
    const dslab::ResourcePaths resources = dslab::locateResources(argv[0]);
    if (options.listLessons) {
        if (!resources.found) {
            std::fprintf(stderr, "dslab: cannot find the lessons; set DSLAB_RESOURCE_DIR to the project folder\n");
            return 1;
        }
        QCoreApplication core(argc, argv);
        dslab::LessonLibrary library;
        library.load(QString::fromStdString(resources.lessonsDir));
        return listLessons(library);
    }
    // Screenshots need no display: fall back to offscreen when there is none.
    if (!options.screenshot.isEmpty() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "xcb;offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName("DSInterviewLab");
    QApplication::setApplicationName("dslab");
    QApplication::setApplicationDisplayName("DS Interview Lab");
    QApplication::setApplicationVersion(DSLAB_VERSION);
    QApplication::setStyle(QStyleFactory::create("Fusion"));

    if (!resources.found) {
        std::fprintf(stderr, "dslab: cannot find the lessons and datasets; set DSLAB_RESOURCE_DIR to the project folder\n");
        return 1;
    }
    dslab::LessonLibrary library;
    library.load(QString::fromStdString(resources.lessonsDir));
    for (const auto& p : library.problems())
        std::fprintf(stderr, "dslab: warning: %s\n", p.toLocal8Bit().constData());
    if (library.lessons().isEmpty()) {
        std::fprintf(stderr, "dslab: no lessons found in %s\n", resources.lessonsDir.c_str());
        return 1;
    }

    dslab::LabEnvironment env{QString::fromStdString(resources.datasetsDir)};
    if (options.workbench)
        return runWorkbench(options, env.datasetsDir);
    dslab::MainWindow window(library, env);

    if (!options.screenshot.isEmpty()) {
        window.resize(options.size);
        if (!window.openLesson(options.lesson.isEmpty() ? library.lessons().first().id : options.lesson)) {
            std::fprintf(stderr, "dslab: no lesson '%s' (see dslab --list-lessons)\n", options.lesson.toLocal8Bit().constData());
            return 2;
        }
        window.show();
        QApplication::processEvents();
        const dslab::Lesson& lesson = window.lessonView()->lesson();
        if (options.tryStep > 0) {
            if (options.tryStep > lesson.tryThis.size()) {
                std::fprintf(stderr, "dslab: lesson '%s' has %d \"try this\" steps\n", lesson.id.toLocal8Bit().constData(),
                             static_cast<int>(lesson.tryThis.size()));
                return 2;
            }
            window.lessonView()->applyTryThis(options.tryStep - 1);
            QApplication::processEvents();
        }
        bool ok = true;
        if (auto* lab = window.lessonView()->lab(); lab && options.trainSteps > 0)
            ok = lab->runStepsBlocking(options.trainSteps, 120000);
        QApplication::processEvents();
        const QImage image = window.grab().toImage();
        window.lessonView()->shutdownLab();
        if (!image.save(options.screenshot, "PNG")) {
            std::fprintf(stderr, "dslab: cannot write %s\n", options.screenshot.toLocal8Bit().constData());
            return 1;
        }
        if (!ok)
            std::fprintf(stderr, "dslab: warning: training did not reach %d steps (failed or timed out)\n", options.trainSteps);
        std::printf("wrote %s (%dx%d)\n", options.screenshot.toLocal8Bit().constData(), image.width(), image.height());
        return ok ? 0 : 1;
    }

    window.restoreState();
    if (!options.lesson.isEmpty() && !window.openLesson(options.lesson))
        std::fprintf(stderr, "dslab: no lesson '%s'\n", options.lesson.toLocal8Bit().constData());
    window.show();
    return app.exec();
}
