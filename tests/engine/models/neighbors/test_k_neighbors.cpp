// KNeighborsClassifier and KNeighborsRegressor against scikit-learn 1.2.1 on
// iris, wine and diabetes (expected numbers in data/knn_expected.json, made by
// `/usr/bin/python3 tests/engine/models/neighbors/data/make_expected.py`), the
// k-d tree against brute force, tie rules, errors and save/load.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/neighbors/k_neighbors_classifier.h"
#include "engine/models/neighbors/k_neighbors_regressor.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::toMatrix;
using dslab::test::toVector;
using json = nlohmann::json;

namespace {

json readExpected()
{
    std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/models/neighbors/data/knn_expected.json");
    return json::parse(in);
}

IndexList indexList(const json& a)
{
    return a.get<IndexList>();
}

void setNeighborParams(Component& model, const json& c, const std::string& algorithm)
{
    model.setParam("n_neighbors", c.at("n_neighbors").get<long long>());
    model.setParam("weights", c.at("weights").get<std::string>());
    model.setParam("p", c.at("p").get<double>());
    model.setParam("algorithm", algorithm);
}

}  // namespace

class TestKNeighbors : public QObject {
    Q_OBJECT

private slots:
    void tiesAreBrokenByTrainingOrder();
    void voteTiesGoToTheSmallestClass();
    void distanceWeightsAnExactMatch();
    void classifierMatchesScikitLearn();
    void regressorMatchesScikitLearn();
    void treeAndBruteForceAgree();
    void badInputGivesClearErrors();
    void saveAndLoadGiveIdenticalPredictions();
    void damagedStateThrowsFormatError();
    void catalogKnowsBothModels();
    void fitReportsOneStepAndHonoursCancel();
};

void TestKNeighbors::tiesAreBrokenByTrainingOrder()
{
    // Rows 1 and 2 are duplicates; 0.5 away from 1.5 are rows 1, 2 and 3.
    Matrix X(5, 1);
    X << 0, 1, 1, 2, 3;
    Vector y(5);
    y << 0, 1, 2, 3, 4;
    Matrix Q(2, 1);
    Q << 1.5, 1.0;
    for (const char* algorithm : {"brute", "kd_tree"}) {
        KNeighborsRegressor model;
        model.setParam("n_neighbors", 2LL);
        model.setParam("algorithm", std::string(algorithm));
        model.setParam("leaf_size", 1LL);
        TrainContext ctx;
        model.fit(X, y, ctx);
        Matrix d;
        IndexMatrix idx;
        model.kneighbors(Q, d, idx);
        QCOMPARE(idx(0, 0), Eigen::Index(1));
        QCOMPARE(idx(0, 1), Eigen::Index(2));
        QCOMPARE(d(0, 1), 0.5);
        QCOMPARE(idx(1, 0), Eigen::Index(1));
        QCOMPARE(idx(1, 1), Eigen::Index(2));
        QCOMPARE(d(1, 0), 0.0);
    }
}

void TestKNeighbors::voteTiesGoToTheSmallestClass()
{
    Matrix X(4, 1);
    X << -1, 1, -2, 2;
    Vector y(4);
    y << 7, 3, 7, 3;
    KNeighborsClassifier model;
    model.setParam("n_neighbors", 2LL);
    TrainContext ctx;
    model.fit(X, y, ctx);
    Matrix Q(1, 1);
    Q << 0.0;
    QCOMPARE(model.predict(Q)(0), 3.0);  // one vote each: the smaller label wins
    const Matrix proba = model.predictProba(Q);
    QCOMPARE(proba(0, 0), 0.5);
    QCOMPARE(proba(0, 1), 0.5);
    QCOMPARE(model.classes(), (std::vector<double>{3, 7}));
}

void TestKNeighbors::distanceWeightsAnExactMatch()
{
    Matrix X(3, 2);
    X << 0, 0, 1, 0, 0, 1;
    Vector y(3);
    y << 10, 20, 30;
    KNeighborsRegressor model;
    model.setParam("n_neighbors", 3LL);
    model.setParam("weights", std::string("distance"));
    TrainContext ctx;
    model.fit(X, y, ctx);
    Matrix Q(2, 2);
    Q << 1, 0, 0.5, 0.0;
    const Vector pred = model.predict(Q);
    QCOMPARE(pred(0), 20.0);  // a query on a training row takes its target
    // 1/0.5, 1/0.5, 1/sqrt(1.25) weighted mean
    const double w3 = 1 / std::sqrt(1.25);
    QVERIFY(std::abs(pred(1) - (2 * 10 + 2 * 20 + w3 * 30) / (4 + w3)) < 1e-12);
}

void TestKNeighbors::classifierMatchesScikitLearn()
{
    const json expected = readExpected();
    for (const json& c : expected.at("classification")) {
        const std::string name = c.at("dataset").get<std::string>();
        const Dataset data = test::builtin(name);
        const Matrix X = data.featureMatrix();
        const Vector y = data.targetCodes();
        const json& split = expected.at("splits").at(name);
        const Matrix Xtr = selectRows(X, indexList(split.at("train")));
        const Vector ytr = selectRows(y, indexList(split.at("train")));
        const Matrix Xte = selectRows(X, indexList(split.at("test")));
        const Vector wantPred = toVector(c.at("predict"));
        const Matrix wantProba = toMatrix(c.at("predict_proba"));
        for (const char* algorithm : {"auto", "brute", "kd_tree"}) {
            KNeighborsClassifier model;
            setNeighborParams(model, c, algorithm);
            TrainContext ctx;
            model.fit(Xtr, ytr, ctx);
            const QString label = QString::fromStdString(name + " k=" + c.at("n_neighbors").dump() + " "
                                                         + c.at("weights").get<std::string>() + " p="
                                                         + c.at("p").dump() + " " + algorithm);
            QVERIFY2(model.predict(Xte) == wantPred, qPrintable(label));
            QVERIFY2((model.predictProba(Xte) - wantProba).cwiseAbs().maxCoeff() < 1e-12, qPrintable(label));
            if (c.contains("distances")) {
                Matrix d;
                IndexMatrix idx;
                model.kneighbors(Xte, d, idx);
                QVERIFY2((d - toMatrix(c.at("distances"))).cwiseAbs().maxCoeff() < 1e-12, qPrintable(label));
            }
        }
    }
}

void TestKNeighbors::regressorMatchesScikitLearn()
{
    const json expected = readExpected();
    const Dataset data = test::builtin("diabetes");
    const Matrix X = data.featureMatrix();
    const Vector y = data.targetValues();
    const json& split = expected.at("splits").at("diabetes");
    const Matrix Xtr = selectRows(X, indexList(split.at("train")));
    const Vector ytr = selectRows(y, indexList(split.at("train")));
    const Matrix Xte = selectRows(X, indexList(split.at("test")));
    for (const json& c : expected.at("regression")) {
        KNeighborsRegressor model;
        setNeighborParams(model, c, "auto");
        TrainContext ctx;
        model.fit(Xtr, ytr, ctx);
        const Vector pred = model.predict(Xte);
        QVERIFY((pred - toVector(c.at("predict"))).cwiseAbs().maxCoeff() < 1e-9);
    }
}

void TestKNeighbors::treeAndBruteForceAgree()
{
    // Integer coordinates make many exact distance ties, the hard case.
    std::mt19937 gen(7);
    std::uniform_int_distribution<int> coord(0, 6);
    Matrix X(400, 3), Q(150, 3);
    for (Eigen::Index i = 0; i < X.size(); ++i)
        X(i) = coord(gen);
    for (Eigen::Index i = 0; i < Q.size(); ++i)
        Q(i) = coord(gen) + (i % 3 == 0 ? 0.5 : 0.0);
    Vector y = Vector::LinSpaced(400, 0, 399);
    for (double p : {1.0, 2.0, 3.0})
        for (long long k : {1LL, 5LL, 40LL}) {
            KNeighborsRegressor brute, tree;
            for (auto* m : {&brute, &tree}) {
                m->setParam("n_neighbors", k);
                m->setParam("p", p);
                m->setParam("leaf_size", 8LL);
            }
            brute.setParam("algorithm", std::string("brute"));
            tree.setParam("algorithm", std::string("kd_tree"));
            TrainContext ctx;
            brute.fit(X, y, ctx);
            tree.fit(X, y, ctx);
            QVERIFY(tree.usesTree());
            QVERIFY(!brute.usesTree());
            Matrix d1, d2;
            IndexMatrix i1, i2;
            brute.kneighbors(Q, d1, i1);
            tree.kneighbors(Q, d2, i2);
            QVERIFY(i1 == i2);
            QVERIFY(d1 == d2);
        }
}

void TestKNeighbors::badInputGivesClearErrors()
{
    Matrix X = Matrix::Random(10, 3);
    Vector y = Vector::Zero(10);
    y.tail(5).setOnes();
    KNeighborsClassifier model;
    QVERIFY_THROWS_EXCEPTION(NotFittedError, model.predict(X));
    X(4, 2) = std::nan("");
    TrainContext ctx;
    try {
        model.fit(X, y, ctx);
        QFAIL("NaN accepted");
    } catch (const DataError& e) {
        const std::string what = e.what();
        QVERIFY2(what.find("column 2") != std::string::npos, e.what());
        QVERIFY2(what.find("SimpleImputer") != std::string::npos, e.what());
    }
    X(4, 2) = 0;
    model.setParam("n_neighbors", 11LL);
    try {
        model.fit(X, y, ctx);
        QFAIL("n_neighbors > n_samples accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("n_neighbors = 11") != std::string::npos, e.what());
    }
    model.setParam("n_neighbors", 3LL);
    model.fit(X, y, ctx);
    QVERIFY_THROWS_EXCEPTION(DataError, model.predict(Matrix::Zero(2, 4)));
    QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("weights", std::string("gaussian")));
    QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, Vector::Zero(9), ctx));
}

void TestKNeighbors::saveAndLoadGiveIdenticalPredictions()
{
    const Dataset data = test::builtin("wine");
    const Matrix X = data.featureMatrix();
    const Vector y = data.targetCodes();
    KNeighborsClassifier model;
    model.setParam("n_neighbors", 7LL);
    model.setParam("weights", std::string("distance"));
    TrainContext ctx;
    model.fit(X, y, ctx);
    json state = json::object();
    model.saveState(state);
    // Through text, as a saved file would go.
    const json reread = json::parse(state.dump());
    auto copy = Catalog::builtin().createEstimator("KNeighborsClassifier");
    copy->setParams(model.params());
    copy->loadState(reread);
    QVERIFY(copy->isFitted());
    const Matrix grid = Matrix::Random(200, X.cols()).array().abs() * 100;
    QVERIFY(copy->predict(X) == model.predict(X));
    QVERIFY(copy->predictProba(grid) == model.predictProba(grid));

    KNeighborsRegressor unfitted;
    json empty = json::object();
    unfitted.saveState(empty);
    KNeighborsRegressor other;
    other.loadState(empty);
    QVERIFY(!other.isFitted());
}

void TestKNeighbors::damagedStateThrowsFormatError()
{
    Matrix X = Matrix::Random(20, 2);
    Vector y = Vector::LinSpaced(20, 0, 19);
    KNeighborsRegressor model;
    TrainContext ctx;
    model.fit(X, y, ctx);
    json state = json::object();
    model.saveState(state);
    for (const std::string& key : {std::string("X"), std::string("y"), std::string("n_neighbors"), std::string("fitted")}) {
        json broken = state;
        broken.erase(key);
        KNeighborsRegressor other;
        QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    }
    json broken = state;
    broken["y"].erase(0);
    KNeighborsRegressor other;
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    broken = state;
    broken["X"]["data"][3] = "text";
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(json::array()));
}

void TestKNeighbors::catalogKnowsBothModels()
{
    for (const char* name : {"KNeighborsClassifier", "KNeighborsRegressor"}) {
        const CatalogEntry* entry = Catalog::builtin().find(name);
        QVERIFY(entry);
        QCOMPARE(entry->category, std::string("Neighbors"));
        auto model = Catalog::builtin().createEstimator(name);
        QCOMPARE(model->typeName(), std::string(name));
        QVERIFY(!model->isFitted());
    }
}

void TestKNeighbors::fitReportsOneStepAndHonoursCancel()
{
    struct Recorder : TrainObserver {
        int steps = 0;
        void onStep(const TrainStep& step, const Predictor& model) override
        {
            ++steps;
            QCOMPARE(step.totalSteps, 1);
            QCOMPARE(model.predict(Matrix::Zero(3, 2)).size(), Eigen::Index(3));
        }
    } recorder;
    const Matrix X = Matrix::Random(30, 2);
    const Vector y = (X.col(0).array() > 0).cast<double>();
    KNeighborsClassifier model;
    TrainContext ctx;
    ctx.observer = &recorder;
    model.fit(X, y, ctx);
    QCOMPARE(recorder.steps, 1);
    TrainContext cancelled;
    cancelled.stop = std::make_shared<StopToken>();
    cancelled.stop->requestCancel();
    model.fit(X, y, cancelled);
    QVERIFY(!model.isFitted());
}

QTEST_GUILESS_MAIN(TestKNeighbors)
#include "test_k_neighbors.moc"
