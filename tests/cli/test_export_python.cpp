// dslab-cli export-python end to end: the exported scikit-learn script,
// run with /usr/bin/python3 on the same train/test CSVs, must score within
// 0.01 of what dslab-cli fit reports for the same pipeline (in practice the
// scores agree exactly: same data, same deterministic models). Skipped
// where python3 cannot import scikit-learn and pandas.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runProcess(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(180000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

Run runCli(const QStringList& args) { return runProcess(QStringLiteral(DSLAB_CLI_PATH), args); }

const QString kPython = QStringLiteral("/usr/bin/python3");

bool pythonHasScikitLearn()
{
    if (!QFile::exists(kPython))
        return false;
    return runProcess(kPython, {"-c", "import sklearn, pandas"}).exitCode == 0;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(text);
}

// Every fourth row to the test file. The built-in CSVs have no line breaks
// inside quoted cells, so splitting lines keeps every row whole.
void splitDataset(const QString& name, const QString& dir)
{
    const QByteArray all = readFile(QStringLiteral(DSLAB_SOURCE_DIR "/resources/datasets/") + name + ".csv");
    QVERIFY(!all.isEmpty());
    QList<QByteArray> lines = all.split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    QByteArray train = lines.first() + '\n', test = train;
    for (qsizetype i = 1; i < lines.size(); ++i)
        ((i - 1) % 4 == 0 ? test : train) += lines[i] + '\n';
    writeFile(dir + "/" + name + "_train.csv", train);
    writeFile(dir + "/" + name + "_test.csv", test);
}

// The preset pipeline of a lesson manifest.
QByteArray lessonPipeline(const QString& manifest)
{
    const QByteArray text = readFile(QStringLiteral(DSLAB_SOURCE_DIR "/lessons/") + manifest);
    const QJsonObject lab = QJsonDocument::fromJson(text).object().value("lab").toObject();
    return QJsonDocument(lab.value("preset").toObject().value("pipeline").toObject()).toJson();
}

// The number after "metric: " on the script's output or in the fit report.
double scriptScore(const QString& out, const QString& metric)
{
    for (const QString& line : out.split('\n'))
        if (line.startsWith(metric + ": "))
            return line.mid(metric.size() + 2).toDouble();
    return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

class TestExportPython : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char* name : {"titanic", "penguins", "diabetes", "breast_cancer", "sms_spam"})
            splitDataset(QString::fromLatin1(name), m_dir.path());
    }

    void scriptScoresAsTheEngine_data()
    {
        QTest::addColumn<QByteArray>("pipeline");
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("metric");
        // Lesson 35's ColumnTransformer: impute + indicator + scale, log1p, impute + one-hot.
        QTest::newRow("titanic, lesson 35") << lessonPipeline("04-preprocessing/35-data-preprocessing.json")
                                            << "titanic" << "survived" << "accuracy";
        QTest::newRow("penguins, lesson 36") << lessonPipeline("04-preprocessing/36-pipelines.json") << "penguins"
                                             << "species" << "accuracy";
        // Our own FrequencyEncoder (a class written into the script), a type selector, a tree.
        QTest::newRow("penguins, frequency encoding and a tree")
            << QByteArray(R"({"steps":[{"type":"ColumnTransformer","transformers":[
                 ["num",{"type":"SimpleImputer","strategy":"median"},{"dtype":"numeric"}],
                 ["freq",{"type":"FrequencyEncoder"},["island"]],
                 ["cat",{"type":"Pipeline","steps":[{"type":"SimpleImputer","strategy":"most_frequent"},{"type":"OrdinalEncoder"}]},["sex"]]],
                 "remainder":"drop"},{"type":"DecisionTreeClassifier","max_depth":3}]})")
            << "penguins" << "species" << "accuracy";
        // FeatureHasher over a table's rows (scikit-learn's wants dicts: the script adapts it).
        QTest::newRow("titanic, feature hashing")
            << QByteArray(R"({"steps":[{"type":"ColumnTransformer","transformers":[
                 ["num",{"type":"Pipeline","steps":[{"type":"SimpleImputer","strategy":"median"},{"type":"StandardScaler"}]},["age","fare","pclass"]],
                 ["h",{"type":"FeatureHasher","n_features":16},["sex","embarked","cabin"]]],"remainder":"drop"},
                 {"type":"LogisticRegression","max_iter":1000}]})")
            << "titanic" << "survived" << "accuracy";
        // Text: the vectorizer's column becomes a ColumnTransformer in the script, sparse into naive Bayes.
        QTest::newRow("sms spam, counts and naive Bayes")
            << QByteArray(R"({"steps":[{"type":"CountVectorizer","column":"text"},{"type":"MultinomialNB","alpha":1.0}]})")
            << "sms_spam" << "label" << "accuracy";
        QTest::newRow("sms spam, tf-idf in a ColumnTransformer and logistic regression")
            << QByteArray(R"({"steps":[{"type":"ColumnTransformer","transformers":[["txt",{"type":"TfidfVectorizer","ngram_range":[1,2],"min_df":2},"text"]]},
                 {"type":"LogisticRegression","C":10.0,"max_iter":1000}]})")
            << "sms_spam" << "label" << "accuracy";
        // Our OutlierClipper, then a regressor: the script prints r2.
        QTest::newRow("diabetes, clipping and ridge")
            << QByteArray(R"({"steps":[{"type":"OutlierClipper","method":"iqr","factor":1.5},
                 {"type":"StandardScaler"},{"type":"Ridge","alpha":1.0}]})")
            << "diabetes" << "disease_progression" << "r2";
        // A nested estimator, and the engine's teaching solver (lbfgs in the script).
        QTest::newRow("breast cancer, SelectFromModel")
            << QByteArray(R"({"steps":[{"type":"StandardScaler"},
                 {"type":"SelectFromModel","estimator":{"type":"LogisticRegression","C":0.5}},
                 {"type":"LogisticRegression","solver":"gd","learning_rate":0.5,"max_iter":3000}]})")
            << "breast_cancer" << "diagnosis" << "accuracy";
    }

    void scriptScoresAsTheEngine()
    {
        if (!pythonHasScikitLearn())
            QSKIP("/usr/bin/python3 cannot import scikit-learn and pandas (apt install python3-sklearn python3-pandas)");
        QFETCH(QByteArray, pipeline);
        QFETCH(QString, dataset);
        QFETCH(QString, target);
        QFETCH(QString, metric);
        const QString dir = m_dir.path();
        const QString spec = dir + "/" + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_').remove(',') + ".json";
        writeFile(spec, pipeline);
        const QString train = dir + "/" + dataset + "_train.csv", test = dir + "/" + dataset + "_test.csv";

        const Run fit = runCli({"fit", "--train", train, "--test", test, "--target", target, "--pipeline", spec,
                                "--report", dir + "/report.json"});
        QVERIFY2(fit.exitCode == 0, qPrintable(fit.err));
        const QJsonObject report = QJsonDocument::fromJson(readFile(dir + "/report.json")).object();
        const double ours = report.value("metrics").toObject().value(metric).toDouble(-99);
        QVERIFY2(ours > -99, qPrintable("the report has no " + metric));

        const QString script = dir + "/script.py";
        const Run exported = runCli({"export-python", "--pipeline", spec, "--out", script});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const Run python = runProcess(kPython, {script, "--train", train, "--test", test, "--target", target});
        QVERIFY2(python.exitCode == 0, qPrintable(python.err + readFile(script)));
        const double theirs = scriptScore(python.out, metric);
        QVERIFY2(!std::isnan(theirs), qPrintable("no '" + metric + ": X' line in: " + python.out));
        QVERIFY2(std::abs(ours - theirs) <= 0.01,
                 qPrintable(QString("%1: ours %2, scikit-learn %3").arg(metric).arg(ours).arg(theirs)));
        if (metric == "accuracy")
            QVERIFY(ours > 0.6);  // a real model, not a lucky empty one
    }

    void refusesWhatCannotBeExported()
    {
        const QString dir = m_dir.path();
        // A clusterer has no test score the script could print.
        writeFile(dir + "/kmeans.json", R"({"steps":[{"type":"StandardScaler"},{"type":"KMeans","n_clusters":3}]})");
        Run r = runCli({"export-python", "--pipeline", dir + "/kmeans.json", "--out", dir + "/k.py"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("KMeans is neither"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir + "/k.py"));
        // Text columns chosen by type: pandas cannot tell text from categories.
        writeFile(dir + "/text.json", R"({"steps":[{"type":"ColumnTransformer","transformers":[
            ["t",{"type":"OrdinalEncoder"},{"dtype":"datetime"}]]},{"type":"LogisticRegression"}]})");
        r = runCli({"export-python", "--pipeline", dir + "/text.json", "--out", dir + "/t.py"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("list them by name"), qPrintable(r.err));
        // A bad parameter is caught before anything is written.
        writeFile(dir + "/bad.json", R"({"steps":[{"type":"LogisticRegression","C":-1}]})");
        r = runCli({"export-python", "--pipeline", dir + "/bad.json", "--out", dir + "/b.py"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("C"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir + "/b.py"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestExportPython)
#include "test_export_python.moc"
