// SVC against scikit-learn 1.2.1 (libsvm) on moons, breast_cancer and iris:
// predictions, accuracy, gamma="scale", decision values and Platt
// probabilities (expected numbers in data/svc_expected.json, made by
// `/usr/bin/python3 tests/engine/models/svm/data/make_expected.py`); live
// progress, cancel, errors, save/load and seeding.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/svm/svc.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::toMatrix;
using json = nlohmann::json;

namespace {

json readExpected()
{
    std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/models/svm/data/svc_expected.json");
    return json::parse(in);
}

struct Split {
    Matrix Xtr, Xte;
    Vector ytr, yte;
};

// The split stored by the script; "scaled" standardizes with the training
// rows' mean and population standard deviation, as the script does.
Split loadCase(const json& expected, const json& c)
{
    const std::string name = c.at("dataset").get<std::string>();
    Matrix X;
    Vector y;
    if (name == "moons") {
        X = toMatrix(expected.at("moons").at("X"));
        y = toMatrix(expected.at("moons").at("y")).col(0);
    } else {
        const Dataset data = test::builtin(name);
        X = data.featureMatrix();
        y = data.targetCodes();
    }
    const json& split = expected.at("splits").at(name);
    const auto tr = split.at("train").get<IndexList>();
    const auto te = split.at("test").get<IndexList>();
    Split s{selectRows(X, tr), selectRows(X, te), selectRows(y, tr), selectRows(y, te)};
    if (c.at("scaled").get<bool>()) {
        const Eigen::RowVectorXd mean = s.Xtr.colwise().mean();
        const Eigen::RowVectorXd sd = ((s.Xtr.rowwise() - mean).array().square().colwise().mean()).sqrt();
        s.Xtr = (s.Xtr.rowwise() - mean).array().rowwise() / sd.array();
        s.Xte = (s.Xte.rowwise() - mean).array().rowwise() / sd.array();
    }
    return s;
}

void applyParams(SVC& model, const json& params)
{
    for (const auto& [key, value] : params.items()) {
        if (value.is_string())
            model.setParam(key, value.get<std::string>());
        else if (value.is_boolean())
            model.setParam(key, value.get<bool>());
        else if (value.is_number_integer())
            model.setParam(key, value.get<long long>());
        else
            model.setParam(key, value.get<double>());
    }
}

double accuracy(const Vector& a, const Vector& b)
{
    return (a.array() == b.array()).cast<double>().mean();
}

class Recorder : public TrainObserver {
public:
    std::vector<TrainStep> steps;
    std::shared_ptr<StopToken> cancelAt;
    int cancelStep = -1;
    Matrix grid = Matrix::Random(50, 2);
    void onStep(const TrainStep& step, const Predictor& model) override
    {
        steps.push_back(step);
        // A live chart predicts on a grid from the training thread.
        const Vector p = model.predict(grid);
        QCOMPARE(p.size(), grid.rows());
        if (cancelAt && step.step == cancelStep)
            cancelAt->requestCancel();
    }
};

}  // namespace

class TestSVC : public QObject {
    Q_OBJECT

private slots:
    void agreesWithScikitLearn();
    void probabilitiesMatchPlattScaling();
    void predictProbaNeedsProbabilityTrue();
    void oneClassIsADataError();
    void badInputGivesClearErrors();
    void reportsProgressWithDecreasingObjective();
    void cancelStopsTraining();
    void saveAndLoadGiveIdenticalPredictions();
    void damagedStateThrowsFormatError();
    void sameSeedSameResult();
    void lossIsHingeWithoutProbabilities();
    void decisionFunctionShapes();
};

void TestSVC::agreesWithScikitLearn()
{
    const json expected = readExpected();
    for (const json& c : expected.at("cases")) {
        const Split s = loadCase(expected, c);
        SVC model;
        applyParams(model, c.at("params"));
        TrainContext ctx;
        model.fit(s.Xtr, s.ytr, ctx);
        const Vector pred = model.predict(s.Xte);
        const Vector want = toMatrix(c.at("predict")).col(0);
        const double agree = accuracy(pred, want);
        const double acc = accuracy(pred, s.yte);
        const Matrix dec = model.decisionFunction(s.Xte);
        const Matrix wantDec = toMatrix(c.at("decision_function"));
        const double decDiff = (dec - wantDec).cwiseAbs().maxCoeff();
        int svDiff = 0;
        for (std::size_t k = 0; k < model.nSupport().size(); ++k)
            svDiff += std::abs(model.nSupport()[k] - c.at("n_support")[k].get<int>());
        const QString label = QString::fromStdString(c.at("dataset").get<std::string>()
                                                     + (c.at("scaled").get<bool>() ? " scaled " : " raw ")
                                                     + c.at("params").dump());
        qInfo("%s: agreement %.4f, accuracy %.4f (sklearn %.4f), max |decision diff| %.2e, |n_support diff| %d, "
              "iterations %lld",
              qPrintable(label), agree, acc, c.at("accuracy").get<double>(), decDiff, svDiff, model.nIter()[0]);
        QVERIFY2(agree >= 0.99, qPrintable(label));
        QVERIFY2(std::abs(acc - c.at("accuracy").get<double>()) <= 0.01, qPrintable(label));
        QVERIFY2(std::abs(model.gamma() - c.at("gamma").get<double>()) <= 1e-12 * c.at("gamma").get<double>(),
                 qPrintable(label));
        // Both solvers stop at a KKT violation of 1e-3, so decision values agree to about that.
        QVERIFY2(decDiff < 0.05, qPrintable(label));
        QVERIFY2(model.converged(), qPrintable(label));
    }
}

void TestSVC::probabilitiesMatchPlattScaling()
{
    const json expected = readExpected();
    for (const json& c : expected.at("cases")) {
        if (!c.at("params").contains("probability"))
            continue;
        const Split s = loadCase(expected, c);
        SVC model;
        applyParams(model, c.at("params"));
        TrainContext ctx;
        model.fit(s.Xtr, s.ytr, ctx);
        const Matrix proba = model.predictProba(s.Xte);
        const Matrix want = toMatrix(c.at("predict_proba"));
        QCOMPARE(proba.cols(), want.cols());
        QVERIFY((proba.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-9);
        QVERIFY((proba.array() >= 0).all());
        // The cross-validation folds are random in both libraries, so the
        // sigmoids differ a little: compare on average, not exactly.
        const double meanDiff = (proba - want).cwiseAbs().mean();
        qInfo("%s: mean |proba diff| %.4f", c.at("dataset").get<std::string>().c_str(), meanDiff);
        QVERIFY(meanDiff < 0.03);
    }
}

void TestSVC::predictProbaNeedsProbabilityTrue()
{
    Matrix X(4, 1);
    X << 0, 1, 3, 4;
    Vector y(4);
    y << 0, 0, 1, 1;
    SVC model;
    TrainContext ctx;
    model.fit(X, y, ctx);
    try {
        model.predictProba(X);
        QFAIL("predict_proba without probability=true");
    } catch (const ParamError& e) {
        QVERIFY2(std::string(e.what()).find("probability") != std::string::npos, e.what());
    }
    QVERIFY(model.predict(X) == y);
}

void TestSVC::oneClassIsADataError()
{
    SVC model;
    TrainContext ctx;
    try {
        model.fit(Matrix::Random(10, 2), Vector::Ones(10), ctx);
        QFAIL("one class accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("two classes") != std::string::npos, e.what());
    }
    QVERIFY(!model.isFitted());
}

void TestSVC::badInputGivesClearErrors()
{
    Matrix X = Matrix::Random(20, 3);
    Vector y = Vector::Zero(20);
    y.head(10).setOnes();
    SVC model;
    QVERIFY_THROWS_EXCEPTION(NotFittedError, model.predict(X));
    QVERIFY_THROWS_EXCEPTION(NotFittedError, model.decisionFunction(X));
    TrainContext ctx;
    X(3, 1) = std::nan("");
    try {
        model.fit(X, y, ctx);
        QFAIL("NaN accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("column 1") != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("SimpleImputer") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("C", 0.0));
    QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("kernel", std::string("laplacian")));
    X(3, 1) = 0;
    model.fit(X, y, ctx);
    QVERIFY_THROWS_EXCEPTION(DataError, model.predict(Matrix::Zero(1, 2)));
}

void TestSVC::reportsProgressWithDecreasingObjective()
{
    const json expected = readExpected();
    const json c = {{"dataset", "moons"}, {"scaled", false}};
    const Split s = loadCase(expected, c);
    SVC model;
    model.setParam("C", 100.0);
    model.setParam("gamma", 5.0);
    Recorder recorder;
    TrainContext ctx;
    ctx.observer = &recorder;
    model.fit(s.Xtr, s.ytr, ctx);
    QVERIFY2(recorder.steps.size() >= 3, "expected several progress reports");
    for (std::size_t i = 0; i < recorder.steps.size(); ++i) {
        const TrainStep& st = recorder.steps[i];
        QCOMPARE(st.step, static_cast<int>(i + 1));
        QVERIFY(st.metrics.count("dual_objective") && st.metrics.count("kkt_violation")
                && st.metrics.count("smo_iterations") && st.metrics.count("support_vectors"));
        if (i > 0)
            QVERIFY(st.trainLoss <= recorder.steps[i - 1].trainLoss + 1e-9 * (1 + std::abs(st.trainLoss)));
    }
    QVERIFY(recorder.steps.back().trainLoss < 0);
}

void TestSVC::cancelStopsTraining()
{
    const json expected = readExpected();
    const Split s = loadCase(expected, {{"dataset", "moons"}, {"scaled", false}});
    SVC model;
    model.setParam("C", 100.0);
    model.setParam("gamma", 5.0);
    Recorder recorder;
    recorder.cancelAt = std::make_shared<StopToken>();
    recorder.cancelStep = 1;
    TrainContext ctx;
    ctx.observer = &recorder;
    ctx.stop = recorder.cancelAt;
    model.fit(s.Xtr, s.ytr, ctx);
    QCOMPARE(recorder.steps.size(), std::size_t(1));
    QVERIFY(!model.converged());
    // Stopped early, the model still predicts (with what it learned so far).
    QCOMPARE(model.predict(s.Xte).size(), s.Xte.rows());

    // Cancelled before the start: nothing learned, nothing fitted.
    SVC other;
    TrainContext cancelled;
    cancelled.stop = std::make_shared<StopToken>();
    cancelled.stop->requestCancel();
    other.fit(s.Xtr, s.ytr, cancelled);
    QVERIFY(!other.isFitted());
}

void TestSVC::saveAndLoadGiveIdenticalPredictions()
{
    const json expected = readExpected();
    const json c = {{"dataset", "iris"}, {"scaled", true}};
    const Split s = loadCase(expected, c);
    SVC model;
    model.setParam("probability", true);
    model.setParam("C", 3.0);
    TrainContext ctx;
    model.fit(s.Xtr, s.ytr, ctx);
    json state = json::object();
    model.saveState(state);
    auto copy = Catalog::builtin().createEstimator("SVC");
    copy->setParams(model.params());
    copy->loadState(json::parse(state.dump()));
    QVERIFY(copy->isFitted());
    const Matrix grid = Matrix::Random(300, 4) * 3;
    QVERIFY(copy->predict(grid) == model.predict(grid));
    QVERIFY(copy->predictProba(grid) == model.predictProba(grid));
    QVERIFY(dynamic_cast<SVC&>(*copy).decisionFunction(grid) == model.decisionFunction(grid));
    QCOMPARE(dynamic_cast<SVC&>(*copy).support(), model.support());
}

void TestSVC::damagedStateThrowsFormatError()
{
    Matrix X(6, 2);
    X << 0, 0, 1, 0, 0, 1, 3, 3, 4, 3, 3, 4;
    Vector y(6);
    y << 0, 0, 0, 1, 1, 1;
    SVC model;
    TrainContext ctx;
    model.fit(X, y, ctx);
    json state = json::object();
    model.saveState(state);
    for (const char* key : {"support_vectors", "dual_coef", "rho", "classes", "n_support", "kernel"}) {
        json broken = state;
        broken.erase(key);
        SVC other;
        QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
        QVERIFY(!other.isFitted());
    }
    json broken = state;
    broken["rho"].push_back(1.0);
    SVC other;
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    broken = state;
    broken["kernel"] = "banana";
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    broken = state;
    broken["n_support"] = json::array({1, 1});
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
}

void TestSVC::sameSeedSameResult()
{
    const json expected = readExpected();
    const Split s = loadCase(expected, {{"dataset", "moons"}, {"scaled", false}});
    auto run = [&](std::uint64_t seed) {
        SVC model;
        model.setParam("probability", true);
        TrainContext ctx;
        ctx.seed = seed;
        model.fit(s.Xtr, s.ytr, ctx);
        return model.predictProba(s.Xte);
    };
    const Matrix a = run(3), b = run(3), c = run(4);
    QVERIFY(a == b);
    QVERIFY(a != c);  // the Platt folds depend on the seed
}

void TestSVC::lossIsHingeWithoutProbabilities()
{
    Matrix X(4, 1);
    X << -2, -1, 1, 2;
    Vector y(4);
    y << 0, 0, 1, 1;
    SVC model;
    model.setParam("kernel", std::string("linear"));
    model.setParam("C", 1000.0);
    TrainContext ctx;
    model.fit(X, y, ctx);
    // Separable with margin: the decision is ±1 on the support vectors, so the hinge loss is ~0.
    QVERIFY(model.loss(X, y) < 1e-3);
    Vector flipped = Vector::Ones(4) - y;
    QVERIFY(model.loss(X, flipped) > 1.0);
}

void TestSVC::decisionFunctionShapes()
{
    const Dataset data = test::builtin("iris");
    const Matrix X = data.featureMatrix();
    const Vector y = data.targetCodes();
    SVC model;
    TrainContext ctx;
    model.fit(X, y, ctx);
    const Matrix ovr = model.decisionFunction(X);
    QCOMPARE(ovr.cols(), Eigen::Index(3));
    model.setParam("decision_function_shape", std::string("ovo"));
    const Matrix ovo = model.decisionFunction(X);
    QCOMPARE(ovo.cols(), Eigen::Index(3));  // 3 pairs for 3 classes
    QVERIFY(ovo == model.pairwiseDecision(X));
    // With break_ties the prediction is the argmax of the ovr function.
    model.setParam("decision_function_shape", std::string("ovr"));
    model.setParam("break_ties", true);
    const Vector pred = model.predict(X);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        Eigen::Index best = 0;
        ovr.row(i).maxCoeff(&best);
        QCOMPARE(pred(i), static_cast<double>(best));
    }
    QCOMPARE(model.intercept().size(), Eigen::Index(3));
    QCOMPARE(static_cast<Eigen::Index>(model.support().size()), model.supportVectors().rows());
}

QTEST_GUILESS_MAIN(TestSVC)
#include "test_svc.moc"
