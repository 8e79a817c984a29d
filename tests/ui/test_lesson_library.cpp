// Every lesson manifest loads, names known datasets, has valid practice items
// and clean UTF-8 text; lessons with a built lab open it.
#include "engine/data/builtin_datasets.h"
#include "engine/data/synthetic.h"
#include "tests/support/test_support.h"
#include "ui/labs/lab_registry.h"
#include "ui/lessons/lesson_library.h"

#include <QSet>
#include <QTest>

using namespace dslab;

class TestLessonLibrary : public QObject {
    Q_OBJECT
private slots:
    void allLessonsLoad()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        QVERIFY2(library.problems().isEmpty(), qPrintable(library.problems().join("\n")));
        QCOMPARE(library.lessons().size(), 51);
        QSet<QString> ids;
        for (int i = 0; i < library.lessons().size(); ++i) {
            const Lesson& l = library.lessons()[i];
            QCOMPARE(l.number, i + 1);
            ids.insert(l.id);
        }
        QCOMPARE(ids.size(), 51);
        QCOMPARE(library.find("1")->id, QString("logistic-regression"));
        QVERIFY(library.find("logistic-regression"));
    }

    void manifestsAreValid()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        QSet<QString> ids;
        for (const auto& l : library.lessons())
            ids.insert(l.id);
        for (const auto& l : library.lessons()) {
            const QString where = l.id;
            QVERIFY2(l.practice.size() >= 3, qPrintable(where));
            bool choice = false, recall = false;
            for (const auto& p : l.practice) {
                choice |= p.kind == PracticeItem::Kind::Choice;
                recall |= p.kind == PracticeItem::Kind::Recall;
                if (p.kind == PracticeItem::Kind::Choice)
                    for (const auto& o : p.options)
                        QVERIFY2(!o.why.isEmpty(), qPrintable(where + ": option without why"));
            }
            QVERIFY2(choice && recall, qPrintable(where + ": needs a choice and a recall item"));
            QVERIFY2(!l.labType.isEmpty(), qPrintable(where));
            for (const auto& r : l.related)
                QVERIFY2(ids.contains(r), qPrintable(where + ": related id " + r));
            for (const auto& d : l.datasets)
                QVERIFY2(findBuiltinDataset(d.toStdString()), qPrintable(where + ": dataset " + d));
            const QString dataset = l.labPreset.value("dataset").toString();
            if (!dataset.isEmpty())
                QVERIFY2(findBuiltinDataset(dataset.toStdString()) || isSyntheticKind(dataset.toStdString()),
                         qPrintable(where + ": preset dataset " + dataset));
            QVERIFY2(l.tryThis.size() >= 3, qPrintable(where));
        }
    }

    void textIsCleanUtf8WithTheRequiredSections()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        // Sequences left by UTF-8 decoded as Windows-1252 or Latin-1.
        const QStringList mojibake = {QString::fromUtf8("â€"), QString::fromUtf8("Ã©"), QString::fromUtf8("Ã¨"),
                                      QString::fromUtf8("Â "), QChar(0xFFFD)};
        for (const auto& l : library.lessons()) {
            for (const auto& m : mojibake)
                QVERIFY2(!l.markdown.contains(m), qPrintable(l.id + ": mojibake " + m));
            for (const char* heading : {"## 30-second answer", "## Explanation", "## Common pitfalls", "## Follow-up questions"})
                QVERIFY2(l.markdown.contains(QLatin1String(heading)), qPrintable(l.id + ": missing " + heading));
            QVERIFY2(!l.markdown.contains("$\\"), qPrintable(l.id + ": raw LaTeX"));
        }
    }

    void builtLabsAreRegistered()
    {
        QVERIFY(LabRegistry::isBuilt("classifier2d"));
        QVERIFY(!LabRegistry::isBuilt("attention"));
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        QCOMPARE(library.find("logistic-regression")->labType, QString("classifier2d"));
    }
};

QTEST_GUILESS_MAIN(TestLessonLibrary)
#include "test_lesson_library.moc"
