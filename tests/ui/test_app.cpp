// The dslab executable: --list-lessons prints one line per lesson in the
// documented format, and screenshot mode writes a picture that is not blank.
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestApp : public QObject {
    Q_OBJECT
private slots:
    void listsLessons()
    {
        QProcess p;
        p.start(QStringLiteral(DSLAB_GUI_PATH), {"--list-lessons"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split('\n');
        QCOMPARE(lines.size(), 51);
        const QStringList first = lines.first().split('\t');
        QCOMPARE(first.size(), 5);
        QCOMPARE(first[0], QString("logistic-regression"));
        QCOMPARE(first[1], QString("1"));
        QCOMPARE(first[3], QString("classifier2d"));
        QVERIFY(first[4].toInt() >= 3);
        QCOMPARE(lines.last().split('\t')[3], QString("-"));  // encoder-decoder: lab not built yet
    }

    void screenshotIsNotBlank()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath("lesson1.png");
        QProcess p;
        p.start(QStringLiteral(DSLAB_GUI_PATH),
                {"--lesson", "logistic-regression", "--train-steps", "40", "--screenshot", png, "--size", "1280x720"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 720));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
    }

    // High-DPI: at a device pixel ratio of 2 every lab lesson of chapter 1
    // renders at twice the pixels without growing past 1280x720 logical
    // pixels (nothing forces a larger window) and is not blank.
    void highDpiScreenshotsKeepTheirLayout_data()
    {
        QTest::addColumn<QString>("lesson");
        for (const char* id : {"logistic-regression", "logistic-vs-trees", "supervised-vs-unsupervised", "random-forest-vs-xgboost"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    void highDpiScreenshotsKeepTheirLayout()
    {
        QFETCH(QString, lesson);
        QTemporaryDir dir;
        const QString png = dir.filePath("hidpi.png");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_SCALE_FACTOR", "2");
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DSLAB_GUI_PATH), {"--lesson", lesson, "--train-steps", "500", "--screenshot", png, "--size", "1280x720"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QImage image(png);
        QCOMPARE(image.size(), QSize(2560, 1440));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 5)
            for (int x = 0; x < image.width(); x += 5)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
    }

    void rejectsUnknownLessonAndOptions()
    {
        QProcess p;
        p.start(QStringLiteral(DSLAB_GUI_PATH), {"--frobnicate"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QTemporaryDir dir;
        p.start(QStringLiteral(DSLAB_GUI_PATH), {"--lesson", "no-such-lesson", "--screenshot", dir.filePath("x.png")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("no-such-lesson"));
        p.start(QStringLiteral(DSLAB_GUI_PATH), {"--lesson", "interpretability", "--step", "99", "--screenshot", dir.filePath("x.png")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("\"try this\" steps"));
        p.start(QStringLiteral(DSLAB_GUI_PATH), {"--step", "0"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
    }

    // --step K sets up a "try this" step before the picture (here lesson 19's SHAP view).
    void screenshotOfATryThisStep()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath("step.png");
        QProcess p;
        p.start(QStringLiteral(DSLAB_GUI_PATH),
                {"--lesson", "interpretability", "--step", "3", "--train-steps", "1", "--screenshot", png, "--size", "1280x720"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(QImage(png).size(), QSize(1280, 720));
    }
};

QTEST_GUILESS_MAIN(TestApp)
#include "test_app.moc"
