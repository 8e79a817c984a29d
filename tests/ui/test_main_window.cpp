// The whole window as a learner and a teacher use it: every lesson renders at
// 1280x720 (not blank), presenter mode shows only the preset's knobs and Page
// Down walks the "try this" steps from a clean preset, search filters the
// curriculum, and the theme switch changes the palette.
#include "tests/support/test_support.h"
#include "ui/labs/classifier_2d_lab.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_view.h"
#include "ui/practice/progress_store.h"
#include "ui/session/training_session.h"
#include "ui/shell/main_window.h"
#include "ui/shell/theme.h"
#include "ui/widgets/param_form.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QLineEdit>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace dslab;

namespace {

int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyLessonRendersAt1280x720()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        MainWindow window(library, LabEnvironment{QString::fromStdString(test::datasetsDir())});
        window.resize(1280, 720);
        window.show();
        for (const auto& lesson : library.lessons()) {
            QVERIFY(window.openLesson(lesson.id));
            QApplication::processEvents();
            const QImage shot = window.grab().toImage();
            QCOMPARE(shot.size(), QSize(1280, 720));
            QVERIFY2(distinctColours(shot) > 40, qPrintable(lesson.id));
            QCOMPARE(window.lessonView()->lesson().id, lesson.id);
        }
    }

    void presenterModeShowsPresetKnobsAndWalksSteps()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        MainWindow window(library, LabEnvironment{QString::fromStdString(test::datasetsDir())});
        window.resize(1280, 720);
        window.show();
        QVERIFY(window.openLesson("logistic-regression"));
        const Lesson& lesson = *library.find("logistic-regression");
        window.setPresenterMode(true);
        QVERIFY(window.isPresenterMode());
        QVERIFY(window.curriculum()->isHidden() || !window.curriculum()->isVisible());
        auto* lab = qobject_cast<Classifier2DLab*>(window.lessonView()->lab());
        QVERIFY(lab);
        QStringList preset;
        for (const auto& k : lesson.labPreset.value("knobs").toArray())
            preset << k.toString();
        QCOMPARE(lab->knobs()->names(), preset);

        QCOMPARE(window.lessonView()->currentStep(), -1);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(window.lessonView()->currentStep(), 0);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(window.lessonView()->currentStep(), 1);
        QVERIFY(window.lessonView()->bannerText().startsWith("Step 2 of"));
        // Step 2 of lesson 1 sets C = 0.01 on a fresh lab.
        QCOMPARE(std::get<double>(lab->knobs()->values().at("C")), 0.01);
        QVERIFY(!lab->session()->isRunning());
        QTest::keyClick(&window, Qt::Key_PageUp);
        QCOMPARE(window.lessonView()->currentStep(), 0);
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.isPresenterMode());
    }

    void searchFiltersTheCurriculum()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        MainWindow window(library, LabEnvironment{QString::fromStdString(test::datasetsDir())});
        auto* search = window.findChild<QLineEdit*>();
        QVERIFY(search);
        search->setText("softmax");
        int visible = 0;
        QTreeWidget* tree = window.curriculum();
        for (int c = 0; c < tree->topLevelItemCount(); ++c)
            for (int i = 0; i < tree->topLevelItem(c)->childCount(); ++i)
                visible += tree->topLevelItem(c)->child(i)->isHidden() ? 0 : 1;
        QVERIFY(visible >= 1);
        QVERIFY(visible < 51);
        search->clear();
    }

    void markingALessonCompletedShowsATickAndIsSaved()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        MainWindow window(library, LabEnvironment{QString::fromStdString(test::datasetsDir())});
        QVERIFY(window.openLesson("softmax"));
        const bool before = window.progress().isCompleted("softmax");
        window.completedAction()->trigger();
        QCOMPARE(window.progress().isCompleted("softmax"), !before);
        QTreeWidgetItem* item = nullptr;
        QTreeWidget* tree = window.curriculum();
        for (int c = 0; c < tree->topLevelItemCount(); ++c)
            for (int i = 0; i < tree->topLevelItem(c)->childCount(); ++i)
                if (tree->topLevelItem(c)->child(i)->data(0, Qt::UserRole).toString() == "softmax")
                    item = tree->topLevelItem(c)->child(i);
        QVERIFY(item);
        QCOMPARE(item->text(0).endsWith(QStringLiteral(" ✓")), !before);
        // Another lesson shows its own state; coming back shows this one's.
        QVERIFY(window.openLesson("dropout"));
        QCOMPARE(window.completedAction()->isChecked(), window.progress().isCompleted("dropout"));
        QVERIFY(window.openLesson("softmax"));
        QCOMPARE(window.completedAction()->isChecked(), !before);
        window.completedAction()->trigger();  // and back
        QCOMPARE(window.progress().isCompleted("softmax"), before);
        QVERIFY(!item->text(0).endsWith(QStringLiteral(" ✓")) || before);
    }

    void themeSwitchChangesThePalette()
    {
        applyTheme(Theme::Dark);
        QVERIFY(isDarkPalette());
        applyTheme(Theme::Light);
        QVERIFY(!isDarkPalette());
        QCOMPARE(themeFromName(themeName(Theme::Dark)), Theme::Dark);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
