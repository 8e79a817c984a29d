// The logistic-regression lab driven as a learner would: Train starts a
// worker session and every chart receives data, Step advances one step, a
// diverging learning rate is reported, and closing mid-training is clean.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/classifier_2d_lab.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_view.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QDoubleSpinBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThread>

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

class TestClassifierLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void trainFeedsEveryChart()
    {
        Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("logistic-regression"));
        QVERIFY(lab.boundaryView()->hasData());
        QVERIFY(!lab.boundaryView()->hasField());
        QVERIFY(lab.knobs()->names().contains("C"));
        QVERIFY(lab.knobs()->names().contains("learning_rate"));

        QSignalSpy finished(lab.session(), &TrainingSession::finished);
        QTest::mouseClick(lab.trainButton(), Qt::LeftButton);
        QVERIFY(lab.session()->isRunning());
        QVERIFY(finished.wait(30000));
        QVERIFY(lab.errorText().isEmpty());
        QVERIFY(lab.boundaryView()->hasField());
        QVERIFY(lab.lossView()->pointCount(0) > 10);
        QVERIFY(lab.lossView()->pointCount(1) > 10);  // validation loss too
        QVERIFY(lab.confusionView()->hasData());
        QVERIFY(lab.coefficientTable()->rowCount() >= 3);  // two weights and the intercept
        QVERIFY(distinctColours(lab.boundaryView()->fieldImage()) > 20);
        // The confusion matrix counts every validation point.
        double total = 0;
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c)
                total += lab.confusionView()->count(r, c);
        QCOMPARE(static_cast<int>(total), 90);  // 30% of 300
        QVERIFY2(lab.statusText().contains("validation accuracy"), qPrintable(lab.statusText()));
    }

    void stepAdvancesOneStepAtATime()
    {
        Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
        lab.show();
        lab.applyPreset(test::lessonPreset("logistic-regression"));
        QTest::mouseClick(lab.stepButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lab.lossView()->pointCount(0), 1, 10000);
        QTest::mouseClick(lab.stepButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lab.lossView()->pointCount(0), 2, 10000);
        QTest::qWait(100);
        QCOMPARE(lab.lossView()->pointCount(0), 2);  // paused: no more steps
        QVERIFY(lab.session()->isRunning());
        QVERIFY(lab.boundaryView()->hasField());
        QCOMPARE(lab.trainButton()->text(), QString("Resume"));
        QTest::mouseClick(lab.resetButton(), Qt::LeftButton);
        QVERIFY(!lab.session()->isRunning());
        QCOMPARE(lab.lossView()->pointCount(0), 0);
    }

    void divergenceIsReportedNotHidden()
    {
        Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("logistic-regression");
        // A strong L2 penalty with a huge step overshoots further every step.
        preset.insert("pipeline_params", QJsonObject{{"LogisticRegression__learning_rate", 1e4},
                                                     {"LogisticRegression__C", 0.001}});
        lab.applyPreset(preset);
        QSignalSpy failed(lab.session(), &TrainingSession::failed);
        QSignalSpy finished(lab.session(), &TrainingSession::finished);
        lab.trainButton()->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(lab.errorText().contains("diverged"), qPrintable(lab.errorText()));
    }

    void runStepsBlockingReachesTheStep()
    {
        Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("logistic-regression"));
        QVERIFY(lab.runStepsBlocking(25, 30000));
        QCOMPARE(lab.lossView()->pointCount(0), 25);
        QVERIFY(lab.boundaryView()->hasField());
    }

    void closingMidTrainingIsClean()
    {
        auto* lab = new Classifier2DLab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("logistic-regression");
        preset.insert("pipeline_params", QJsonObject{{"LogisticRegression__max_iter", 100000},
                                                     {"LogisticRegression__tol", 0.0}});
        preset.insert("n_samples", 3000);
        lab->applyPreset(preset);
        lab->show();
        lab->trainButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(lab->lossView()->pointCount(0) > 0, 10000);
        QVERIFY(lab->session()->isRunning());
        delete lab;  // joins the worker; a crash or hang fails the test
        QVERIFY(true);
    }

    void datasetChooserOffersRealData()
    {
        Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("logistic-regression");
        preset.insert("dataset", "penguins");
        lab.applyPreset(preset);
        QVERIFY(lab.boundaryView()->hasData());
        QVERIFY(lab.errorText().isEmpty());
        QVERIFY(lab.runStepsBlocking(5, 30000));
        QCOMPARE(lab.confusionView()->hasData(), true);
    }

    void treeLessonsTrainLiveWithImportances()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        for (const char* id : {"random-forest", "xgboost"}) {
            Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
            lab.applyPreset(library.find(id)->labPreset);
            QVERIFY2(lab.runStepsBlocking(10, 60000), id);
            QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
            QVERIFY(lab.boundaryView()->hasField());
            QVERIFY(lab.lossView()->pointCount(0) >= 10);
        }
    }

    void nullableKnobsShowNone()
    {
        Classifier2DLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("logistic-regression");
        preset.insert("pipeline", QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "RandomForestClassifier"}, {"max_depth", QJsonValue()}}}}});
        preset.insert("knobs", QJsonArray{"max_depth", "n_estimators"});
        lab.applyPreset(preset);
        const ParamMap values = lab.knobs()->values();
        QVERIFY(std::holds_alternative<std::monostate>(values.at("max_depth")));
        lab.knobs()->setValue("max_depth", 4LL);
        QCOMPARE(std::get<long long>(lab.knobs()->values().at("max_depth")), 4LL);
    }

    void lessonViewShowsTextAndLab()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        LessonView view(LabEnvironment{QString::fromStdString(test::datasetsDir())});
        view.resize(1280, 720);
        view.showLesson(*library.find("logistic-regression"));
        QVERIFY(view.lab());
        QVERIFY(view.textView()->toPlainText().contains("30-second answer"));
        QVERIFY(view.textView()->toPlainText().contains("Practice"));
        view.showLesson(*library.find("self-attention"));
        QVERIFY(!view.lab());  // not built yet: a note, not a fake lab
        view.showLesson(*library.find("logistic-regression"));
        view.applyTryThis(0);
        QVERIFY(view.lab());
    }
};

QTEST_MAIN(TestClassifierLab)
#include "test_classifier_lab.moc"
