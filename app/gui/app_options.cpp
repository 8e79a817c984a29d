#include "app/gui/app_options.h"

#include <QRegularExpression>

namespace dslab {

QString appUsage()
{
    return QStringLiteral(
        "usage: dslab [--lesson ID [--step K]] [--train-steps N --screenshot FILE.png [--size WxH]]\n"
        "       dslab --workbench [--pipeline FILE.json] [--dataset NAME] [--screenshot FILE.png [--size WxH]]\n"
        "       dslab --list-lessons | --version\n"
        "\n"
        "  --lesson ID          open a lesson by id (logistic-regression) or number (1)\n"
        "  --step K             set up the lesson's \"try this\" step K (1-based) first\n"
        "  --train-steps N      screenshot mode: train N steps before the picture\n"
        "  --screenshot FILE    render the lesson to a PNG file and exit\n"
        "  --size WxH           window size for the screenshot (default 1280x800)\n"
        "  --workbench          open the Workbench (the visual pipeline builder)\n"
        "  --pipeline FILE      the pipeline JSON the Workbench opens\n"
        "  --dataset NAME       the built-in dataset the Workbench starts with (default penguins)\n"
        "  --list-lessons       print id, chapter, title, lab type (or -), practice count\n"
        "  --version            print the version\n");
}

AppOptions parseAppOptions(const QStringList& arguments)
{
    AppOptions o;
    auto needValue = [&](int& i, const QString& name) -> QString {
        if (i + 1 >= arguments.size()) {
            o.error = name + " needs a value";
            return {};
        }
        return arguments.at(++i);
    };
    for (int i = 1; i < arguments.size() && o.error.isEmpty(); ++i) {
        const QString a = arguments.at(i);
        if (a == "--lesson") {
            o.lesson = needValue(i, a);
        } else if (a == "--step") {
            bool ok = false;
            o.tryStep = needValue(i, a).toInt(&ok);
            if (o.error.isEmpty() && (!ok || o.tryStep < 1))
                o.error = "--step needs a positive integer (the \"try this\" step, from 1)";
        } else if (a == "--train-steps") {
            bool ok = false;
            o.trainSteps = needValue(i, a).toInt(&ok);
            if (o.error.isEmpty() && (!ok || o.trainSteps < 0))
                o.error = "--train-steps needs a non-negative integer";
        } else if (a == "--screenshot") {
            o.screenshot = needValue(i, a);
        } else if (a == "--size") {
            const QString v = needValue(i, a);
            const auto m = QRegularExpression("^(\\d+)x(\\d+)$").match(v);
            if (m.hasMatch())
                o.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
            else if (o.error.isEmpty())
                o.error = "--size needs WIDTHxHEIGHT, e.g. 1280x720";
        } else if (a == "--workbench") {
            o.workbench = true;
        } else if (a == "--pipeline") {
            o.pipelineFile = needValue(i, a);
        } else if (a == "--dataset") {
            o.dataset = needValue(i, a);
        } else if (a == "--list-lessons") {
            o.listLessons = true;
        } else if (a == "--version") {
            o.version = true;
        } else if (a == "--help" || a == "-h") {
            o.error = "help";
        } else if (a.startsWith("-platform") || a.startsWith("-style") || a.startsWith("-qwindow")) {
            ++i;  // Qt's own options with a value
        } else {
            o.error = "unknown option " + a;
        }
    }
    return o;
}

}  // namespace dslab
