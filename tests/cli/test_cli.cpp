// dslab-cli end to end: list datasets, fit a pipeline on a built-in dataset
// and on train/test CSVs, save and reuse the model, and fail cleanly (clear
// message, non-zero exit, no half-written output) on bad input.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(DSLAB_CLI_PATH), args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

const QByteArray kLogistic = R"({"steps":[{"type":"StandardScaler"},{"type":"LogisticRegression","C":1.0,"penalty":"l2"}]})";

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void listsDatasets()
    {
        const Run r = runCli({"datasets"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed().split('\n').size(), 15);  // header + 14 datasets
        QVERIFY(r.out.contains("breast_cancer\tbinary\tdiagnosis"));
        QVERIFY(r.out.contains("CC BY 4.0"));
    }

    void fitsABuiltinDatasetAndReusesTheModel()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"), kLogistic);
        const Run r = runCli({"fit", "--data", "breast_cancer", "--pipeline", dir.filePath("p.json"), "--report",
                              dir.filePath("r.json"), "--seed", "0", "--save-model", dir.filePath("m.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject report = readJson(dir.filePath("r.json"));
        const QJsonObject metrics = report.value("metrics").toObject();
        for (const char* key : {"accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"})
            QVERIFY2(metrics.contains(key), key);
        QVERIFY(metrics.value("accuracy").toDouble() > 0.93);
        QVERIFY(metrics.value("roc_auc").toDouble() > 0.98);
        const QJsonArray cm = report.value("confusion_matrix").toArray();
        QCOMPARE(cm.size(), 2);
        const int total = cm[0].toArray()[0].toInt() + cm[0].toArray()[1].toInt() + cm[1].toArray()[0].toInt()
            + cm[1].toArray()[1].toInt();
        QCOMPARE(total, report.value("test_rows").toInt());
        QVERIFY(report.value("fit_seconds").toDouble() >= 0);
        QVERIFY(report.value("model").toObject().contains("coef"));
        QCOMPARE(report.value("class_labels").toArray().at(1).toString(), QString("malignant"));

        // Predict with the saved model on the full dataset file.
        const QString data = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/breast_cancer.csv";
        const Run p = runCli({"predict", "--model", dir.filePath("m.json"), "--data", data, "--out", dir.filePath("pred.csv")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        QFile pred(dir.filePath("pred.csv"));
        QVERIFY(pred.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(pred.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 570);
        QCOMPARE(lines.first(), QString("prediction,proba_benign,proba_malignant"));
    }

    void fitsTrainAndTestFiles()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"), kLogistic);
        QFile iris(QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/iris.csv");
        QVERIFY(iris.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = iris.readAll().split('\n');
        QByteArray train = lines[0] + "\n", test = lines[0] + "\n";
        for (int i = 1; i < lines.size(); ++i)
            if (!lines[i].isEmpty())
                (i % 4 == 0 ? test : train) += lines[i] + "\n";
        writeFile(dir.filePath("train.csv"), train);
        writeFile(dir.filePath("test.csv"), test);
        const Run r = runCli({"fit", "--train", dir.filePath("train.csv"), "--test", dir.filePath("test.csv"), "--target",
                              "species", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject metrics = readJson(dir.filePath("r.json")).value("metrics").toObject();
        QVERIFY(metrics.value("accuracy").toDouble() > 0.9);
        QVERIFY(metrics.contains("roc_auc"));  // one-vs-rest for 3 classes
    }

    void searchesHyperparameters()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"), kLogistic);
        writeFile(dir.filePath("s.json"),
                  R"({"LogisticRegression__C": {"type": "float", "low": 0.001, "high": 100, "log": true}})");
        const QString data = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/breast_cancer.csv";
        for (const QString method : {"grid", "random", "bayesian"}) {
            const Run r = runCli({"search", "--data", data, "--target", "diagnosis", "--pipeline", dir.filePath("p.json"),
                                  "--space", dir.filePath("s.json"), "--method", method, "--n-iter", "6", "--cv", "3"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QStringList lines = r.out.trimmed().split('\n');
            QCOMPARE(lines.size(), 7);  // six trials, then the best
            QVERIFY(lines[0].startsWith("trial 1\tLogisticRegression__C="));
            QVERIFY2(lines[6].startsWith("best (trial "), qPrintable(lines[6]));
            // The best line repeats the highest trial score.
            double best = -1;
            for (int i = 0; i < 6; ++i)
                best = std::max(best, lines[i].section("accuracy=", 1).section(' ', 0, 0).toDouble());
            QCOMPARE(lines[6].section("accuracy=", 1).section(' ', 0, 0).toDouble(), best);
            QVERIFY(best > 0.95);
        }
        // A grid of 6 over one range: 6 log-spaced values from 0.001 to 100.
        const Run g = runCli({"search", "--data", data, "--target", "diagnosis", "--pipeline", dir.filePath("p.json"),
                              "--space", dir.filePath("s.json"), "--method", "grid", "--n-iter", "6", "--cv", "3"});
        QVERIFY(g.out.contains("LogisticRegression__C=0.001\t") && g.out.contains("LogisticRegression__C=100\t"));
        // Mistakes are named.
        const Run bad = runCli({"search", "--data", data, "--target", "diagnosis", "--pipeline", dir.filePath("p.json"),
                                "--space", dir.filePath("s.json"), "--method", "annealing"});
        QVERIFY(bad.exitCode != 0);
        QVERIFY(bad.err.contains("grid, random or bayesian"));
        writeFile(dir.filePath("wrong.json"), R"({"LogisticRegression__nonsense": [1, 2]})");
        const Run wrong = runCli({"search", "--data", data, "--target", "diagnosis", "--pipeline", dir.filePath("p.json"),
                                  "--space", dir.filePath("wrong.json")});
        QVERIFY(wrong.exitCode != 0);
        QVERIFY2(wrong.err.contains("nonsense"), qPrintable(wrong.err));
    }

    void fitsAMixedTypeCsvWithAColumnTransformer()
    {
        // Raw titanic CSVs (text categories, missing ages and ports): the
        // ColumnTransformer imputes and scales the numbers and one-hot encodes
        // the categories; the saved model predicts on the raw file.
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"), R"({"steps":[{"type":"ColumnTransformer","transformers":[
            ["num",{"type":"Pipeline","steps":[{"type":"SimpleImputer","strategy":"median"},{"type":"StandardScaler"}]},["age","fare","sibsp","parch"]],
            ["cat",{"type":"OneHotEncoder","handle_unknown":"ignore"},["sex","embarked","pclass"]]],"remainder":"drop"},
            {"type":"LogisticRegression","max_iter":1000}]})");
        const QString csv = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/titanic.csv";
        QFile titanic(csv);
        QVERIFY(titanic.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = titanic.readAll().split('\n');
        QByteArray train = lines[0] + "\n", test = lines[0] + "\n";
        for (int i = 1; i < lines.size(); ++i)
            if (!lines[i].isEmpty())
                (i % 4 == 0 ? test : train) += lines[i] + "\n";
        writeFile(dir.filePath("train.csv"), train);
        writeFile(dir.filePath("test.csv"), test);
        const Run r = runCli({"fit", "--train", dir.filePath("train.csv"), "--test", dir.filePath("test.csv"), "--target",
                              "survived", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json"),
                              "--save-model", dir.filePath("m.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject report = readJson(dir.filePath("r.json"));
        const double accuracy = report.value("metrics").toObject().value("accuracy").toDouble();
        QVERIFY2(accuracy > 0.75, qPrintable(QString::number(accuracy)));
        // The saved schema lists the categorical columns the model reads.
        const QJsonArray columns = readJson(dir.filePath("m.json")).value("schema").toObject().value("columns").toArray();
        bool sexIsCategorical = false;
        for (const auto& c : columns)
            if (c.toObject().value("name") == "sex")
                sexIsCategorical = c.toObject().value("type") == "categorical";
        QVERIFY(sexIsCategorical);

        const Run p = runCli({"predict", "--model", dir.filePath("m.json"), "--data", csv, "--out", dir.filePath("pred.csv")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        QFile pred(dir.filePath("pred.csv"));
        QVERIFY(pred.open(QIODevice::ReadOnly));
        const QStringList out = QString::fromUtf8(pred.readAll()).trimmed().split('\n');
        QCOMPARE(out.size(), 892);
        QCOMPARE(out.first(), QString("prediction,proba_0,proba_1"));

        // A table without a column the model reads: the message names it.
        // (the header renames sex to gender)
        QByteArray noSex = lines[0];
        noSex.replace(",sex,", ",gender,");
        noSex += "\n";
        for (int i = 1; i < lines.size(); ++i)
            if (!lines[i].isEmpty())
                noSex += lines[i] + "\n";
        writeFile(dir.filePath("nosex.csv"), noSex);
        const Run bad = runCli({"predict", "--model", dir.filePath("m.json"), "--data", dir.filePath("nosex.csv"), "--out",
                                dir.filePath("bad.csv")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("'sex'"), qPrintable(bad.err));
        QVERIFY(!QFile::exists(dir.filePath("bad.csv")));
    }

    void fitsTheLessonsColumnTransformerPreset()
    {
        // Lesson 35's pipeline as written (imputers with an indicator, log1p on
        // fare, most_frequent imputing before one-hot) trains on titanic.
        QFile lesson(QStringLiteral(DSLAB_SOURCE_DIR) + "/lessons/04-preprocessing/35-data-preprocessing.json");
        QVERIFY(lesson.open(QIODevice::ReadOnly));
        const QJsonObject preset = QJsonDocument::fromJson(lesson.readAll()).object().value("lab").toObject().value("preset").toObject();
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"), QJsonDocument(preset.value("pipeline").toObject()).toJson());
        const Run r = runCli({"fit", "--data", "titanic", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readJson(dir.filePath("r.json")).value("metrics").toObject().value("accuracy").toDouble() > 0.75);
    }

    void fitsTextWithAVectorizer()
    {
        // sms_spam's text column through TF-IDF into LogisticRegression (sparse
        // all the way), saved, and the saved model predicting the whole CSV.
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"),
                  R"({"steps":[{"type":"TfidfVectorizer","column":"text","ngram_range":[1,2]},{"type":"LogisticRegression","C":10}]})");
        Run r = runCli({"fit", "--data", "sms_spam", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json"),
                        "--save-model", dir.filePath("m.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject metrics = readJson(dir.filePath("r.json")).value("metrics").toObject();
        QVERIFY2(metrics.value("accuracy").toDouble() > 0.97, qPrintable(QString::number(metrics.value("accuracy").toDouble())));
        QVERIFY(metrics.value("roc_auc").toDouble() > 0.98);
        const QString data = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/sms_spam.csv";
        r = runCli({"predict", "--model", dir.filePath("m.json"), "--data", data, "--out", dir.filePath("pred.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile pred(dir.filePath("pred.csv"));
        QVERIFY(pred.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(pred.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 5575);
        QCOMPARE(lines.first(), QString("prediction,proba_ham,proba_spam"));

        // Counts into naive Bayes, the vectorizer inside a ColumnTransformer.
        writeFile(dir.filePath("nb.json"),
                  R"({"steps":[{"type":"ColumnTransformer","transformers":[["txt",{"type":"CountVectorizer"},"text"]]},{"type":"MultinomialNB"}]})");
        r = runCli({"fit", "--data", "sms_spam", "--pipeline", dir.filePath("nb.json"), "--report", dir.filePath("nb_r.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readJson(dir.filePath("nb_r.json")).value("metrics").toObject().value("accuracy").toDouble() > 0.97);

        // A scaler after the vectorizer: the message says why and what to do.
        writeFile(dir.filePath("bad.json"),
                  R"({"steps":[{"type":"TfidfVectorizer"},{"type":"StandardScaler"},{"type":"LogisticRegression"}]})");
        r = runCli({"fit", "--data", "sms_spam", "--pipeline", dir.filePath("bad.json"), "--report", dir.filePath("bad_r.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("StandardScaler cannot take the sparse output of TfidfVectorizer"), qPrintable(r.err));
    }

    void badInputFailsCleanly()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("bad.json"), "{\"steps\": [ {\"type\": \"LogisticRegression\", \"C\": } ]}");
        Run r = runCli({"fit", "--data", "iris", "--pipeline", dir.filePath("bad.json"), "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not valid JSON") && r.err.contains("line 1"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("r.json")));

        writeFile(dir.filePath("unknown.json"), R"({"steps":[{"type":"LogisticRegresion"}]})");
        r = runCli({"fit", "--data", "iris", "--pipeline", dir.filePath("unknown.json"), "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("unknown step type 'LogisticRegresion'"), qPrintable(r.err));

        writeFile(dir.filePath("range.json"), R"({"steps":[{"type":"LogisticRegression","C":0}]})");
        r = runCli({"fit", "--data", "iris", "--pipeline", dir.filePath("range.json"), "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("C = 0") && r.err.contains("out of range"), qPrintable(r.err));

        // A categorical column without an encoder: the message names it and the fix.
        writeFile(dir.filePath("p.json"), kLogistic);
        r = runCli({"fit", "--data", "titanic", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'name'") || r.err.contains("'sex'"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("r.json")));

        r = runCli({"fit", "--data", "no_such_data", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no_such_data"));

        // Never overwrite an input.
        r = runCli({"fit", "--data", "iris", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("p.json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(readJson(dir.filePath("p.json")).value("steps").toArray().size(), 2);

        r = runCli({"fit", "--data", "iris", "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--pipeline"));

        r = runCli({"frobnicate"});
        QCOMPARE(r.exitCode, 2);
    }

    void damagedModelIsReported()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("m.json"), R"({"format":"dslab-pipeline","format_version":99,"steps":[]})");
        const QString data = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/iris.csv";
        const Run r = runCli({"predict", "--model", dir.filePath("m.json"), "--data", data, "--out", dir.filePath("o.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("newer"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("o.csv")));
    }
    // A boosted model explained with TreeSHAP on the features after the
    // scaler: the margins add up to the probabilities that predict writes.
    void explainsATreeModel()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"),
                  R"({"steps":[{"type":"StandardScaler"},{"type":"GradientBoostingClassifier","n_estimators":20,"max_depth":3}]})");
        Run r = runCli({"fit", "--data", "breast_cancer", "--pipeline", dir.filePath("p.json"), "--report",
                        dir.filePath("r.json"), "--save-model", dir.filePath("m.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString data = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/breast_cancer.csv";
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "tree", "--rows", "5",
                    "--out", dir.filePath("e.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject e = readJson(dir.filePath("e.json"));
        QCOMPARE(e.value("algorithm").toString(), QString("path-dependent"));
        QCOMPARE(e.value("link").toString(), QString("logistic"));
        QCOMPARE(e.value("feature_names").toArray().size(), 30);
        QCOMPARE(e.value("output_names").toArray().at(0).toString(), QString("malignant"));
        const QJsonArray values = e.value("values").toArray();
        QCOMPARE(values.size(), 1);
        QCOMPARE(values.at(0).toArray().size(), 5);
        r = runCli({"predict", "--model", dir.filePath("m.json"), "--data", data, "--out", dir.filePath("pred.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile pred(dir.filePath("pred.csv"));
        QVERIFY(pred.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(pred.readAll()).trimmed().split('\n');
        const double expected = e.value("expected_value").toArray().at(0).toDouble();
        for (int i = 0; i < 5; ++i) {
            double margin = expected;
            for (const auto& v : values.at(0).toArray().at(i).toArray())
                margin += v.toDouble();
            const double proba = lines.at(i + 1).split(',').at(2).toDouble();
            QVERIFY2(std::abs(1.0 / (1.0 + std::exp(-margin)) - proba) < 1e-8, qPrintable(lines.at(i + 1)));
        }

        // Interventional with a background, permutation importance, KernelSHAP and LIME on the same model.
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "tree", "--rows", "3",
                    "--background", "20", "--out", dir.filePath("i.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readJson(dir.filePath("i.json")).value("algorithm").toString(), QString("interventional"));
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "permutation", "--out",
                    dir.filePath("pi.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject pi = readJson(dir.filePath("pi.json"));
        QCOMPARE(pi.value("importances_mean").toArray().size(), 30);
        QCOMPARE(pi.value("importances_std").toArray().size(), 30);
        QVERIFY(pi.value("baseline_score").toDouble() > 0.95);
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "kernel", "--rows", "1",
                    "--background", "5", "--nsamples", "200", "--out", dir.filePath("k.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject k = readJson(dir.filePath("k.json"));
        QCOMPARE(k.value("values").toArray().size(), 2);  // one matrix per class
        QCOMPARE(k.value("output_space").toString(), QString("probability"));
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "lime", "--rows", "2",
                    "--features", "4", "--out", dir.filePath("l.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray lime = readJson(dir.filePath("l.json")).value("explanations").toArray();
        QCOMPARE(lime.size(), 2);
        QCOMPARE(lime.at(0).toObject().value("weights").toArray().size(), 4);

        // The trees as flat arrays.
        r = runCli({"export-trees", "--model", dir.filePath("m.json"), "--out", dir.filePath("t.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject t = readJson(dir.filePath("t.json"));
        QCOMPARE(t.value("trees").toArray().size(), 20);
        QCOMPARE(t.value("tree_weights").toArray().size(), 20);
        QCOMPARE(t.value("link").toString(), QString("logistic"));
        QCOMPARE(t.value("feature_names").toArray().size(), 30);
        const QJsonObject first = t.value("trees").toArray().at(0).toObject();
        for (const char* key : {"feature", "threshold", "left", "right", "value", "cover"})
            QCOMPARE(first.value(key).toArray().size(), first.value("feature").toArray().size());
    }

    void reportsDriftPerFeature()
    {
        QTemporaryDir dir;
        // x moves by one standard deviation of its reference values, z stays put.
        QByteArray reference = "x,z,label\n", fresh = "x,z\n";
        for (int i = 0; i < 400; ++i) {
            const double u = (i + 0.5) / 400.0;  // evenly spread quantiles
            const double x = std::sqrt(12.0) * (u - 0.5);  // standard deviation 1
            reference += QByteArray::number(x, 'g', 10) + "," + QByteArray::number((i * 37) % 400) + "," + (i % 2 ? "a" : "b") + "\n";
            fresh += QByteArray::number(x + 1.0, 'g', 10) + "," + QByteArray::number((i * 53) % 400) + "\n";
        }
        writeFile(dir.filePath("ref.csv"), reference);
        writeFile(dir.filePath("new.csv"), fresh);
        Run r = runCli({"drift", "--reference", dir.filePath("ref.csv"), "--data", dir.filePath("new.csv"), "--target",
                        "label", "--out", dir.filePath("d.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("2 numeric feature(s), 1 with PSI >= 0.25"));
        const QJsonArray features = readJson(dir.filePath("d.json"))["features"].toArray();
        QCOMPARE(features.size(), 2);
        QCOMPARE(features[0].toObject()["feature"].toString(), QString("x"));
        QVERIFY(features[0].toObject()["psi"].toDouble() > 1.0);
        // A uniform shifted by 1 SD: the CDFs are 1/sqrt(12) apart at most.
        QVERIFY(std::abs(features[0].toObject()["ks_statistic"].toDouble() - 1.0 / std::sqrt(12.0)) < 0.01);
        QCOMPARE(features[1].toObject()["verdict"].toString(), QString("stable"));
        QCOMPARE(features[1].toObject()["ks_statistic"].toDouble(), 0.0);
        // New data without a reference column is refused, naming it.
        writeFile(dir.filePath("bad.csv"), "z\n1\n2\n");
        r = runCli({"drift", "--reference", dir.filePath("ref.csv"), "--data", dir.filePath("bad.csv"), "--target", "label"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("lacks the column 'x'"), qPrintable(r.err));
        r = runCli({"drift", "--reference", dir.filePath("ref.csv"), "--data", dir.filePath("new.csv"), "--bins", "1"});
        QCOMPARE(r.exitCode, 2);
    }

    void explainingANonTreeModelWithTreeShapFails()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("p.json"), kLogistic);
        Run r = runCli({"fit", "--data", "iris", "--pipeline", dir.filePath("p.json"), "--report", dir.filePath("r.json"),
                        "--save-model", dir.filePath("m.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString data = QStringLiteral(DSLAB_SOURCE_DIR) + "/resources/datasets/iris.csv";
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "tree", "--out",
                    dir.filePath("e.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("LogisticRegression") && r.err.contains("--method kernel"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("e.json")));
        r = runCli({"export-trees", "--model", dir.filePath("m.json"), "--out", dir.filePath("t.json")});
        QCOMPARE(r.exitCode, 1);
        r = runCli({"explain", "--model", dir.filePath("m.json"), "--data", data, "--method", "magic", "--out",
                    dir.filePath("e.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--method"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
