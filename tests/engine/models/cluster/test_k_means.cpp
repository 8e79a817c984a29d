// KMeans and the silhouette against scikit-learn 1.2.1 (expected numbers in
// data/cluster_expected.json, made by
// `/usr/bin/python3 tests/engine/models/cluster/data/make_expected.py`):
// inertia within 1% of scikit-learn's best of 10 runs, silhouette to 1e-9,
// live iterations, seeding, errors and save/load.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/cluster/k_means.h"
#include "engine/models/cluster/silhouette.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::toVector;
using json = nlohmann::json;

namespace {

json readExpected()
{
    std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/models/cluster/data/cluster_expected.json");
    return json::parse(in);
}

// Three well separated blobs of 30 points each.
Matrix blobs(Vector* labels = nullptr)
{
    Matrix X(90, 2);
    const double centers[3][2] = {{0, 0}, {10, 0}, {0, 10}};
    if (labels)
        labels->resize(90);
    for (Eigen::Index i = 0; i < 90; ++i) {
        const auto c = static_cast<int>(i / 30);
        X(i, 0) = centers[c][0] + std::sin(1.7 * static_cast<double>(i));
        X(i, 1) = centers[c][1] + std::cos(2.3 * static_cast<double>(i));
        if (labels)
            (*labels)(i) = c;
    }
    return X;
}

class Recorder : public TrainObserver {
public:
    std::vector<TrainStep> steps;
    void onStep(const TrainStep& step, const Predictor& model) override
    {
        steps.push_back(step);
        QVERIFY(!model.isClassifier());
    }
};

}  // namespace

class TestKMeans : public QObject {
    Q_OBJECT

private slots:
    void inertiaMatchesScikitLearnBestOfTen();
    void findsObviousBlobs();
    void reportsEveryIterationWithInertia();
    void sameSeedSameResult();
    void fitIgnoresTarget();
    void badInputGivesClearErrors();
    void saveAndLoadGiveIdenticalPredictions();
    void damagedStateThrowsFormatError();
    void silhouetteMatchesScikitLearn();
    void silhouetteEdgeCases();
};

void TestKMeans::inertiaMatchesScikitLearnBestOfTen()
{
    const json expected = readExpected();
    for (const json& c : expected.at("kmeans")) {
        const std::string name = c.at("dataset").get<std::string>();
        const Matrix X = test::builtin(name).featureMatrix();
        KMeans model;
        model.setParam("n_clusters", c.at("n_clusters").get<long long>());
        TrainContext ctx;
        ctx.seed = 0;
        model.fit(X, Vector(), ctx);
        const double want = c.at("inertia").get<double>();
        qInfo("%s k=%lld: inertia %.6f, scikit-learn %.6f, ratio %.5f, n_iter %d", name.c_str(),
              c.at("n_clusters").get<long long>(), model.inertia(), want, model.inertia() / want, model.nIter());
        QVERIFY2(model.inertia() <= want * 1.01, name.c_str());
        QVERIFY2(model.inertia() >= want * 0.99, name.c_str());
        // The stored inertia is the one of the stored centres and labels.
        const Vector labels = model.predict(X);
        QVERIFY(labels == model.labels());
        QVERIFY(std::abs(-model.score(X) - model.inertia()) < 1e-9 * model.inertia());
    }
}

void TestKMeans::findsObviousBlobs()
{
    Vector truth;
    const Matrix X = blobs(&truth);
    for (const char* init : {"k-means++", "random"}) {
        KMeans model;
        model.setParam("n_clusters", 3LL);
        model.setParam("init", std::string(init));
        TrainContext ctx;
        model.fit(X, Vector(), ctx);
        const Vector labels = model.labels();
        // Same partition as the truth, up to renaming the clusters.
        for (Eigen::Index i = 0; i < 90; ++i)
            for (Eigen::Index j = 0; j < 90; ++j)
                QCOMPARE(labels(i) == labels(j), truth(i) == truth(j));
        const Matrix d = model.transform(X);
        QCOMPARE(d.cols(), Eigen::Index(3));
        for (Eigen::Index i = 0; i < 90; ++i) {
            Eigen::Index nearest = 0;
            d.row(i).minCoeff(&nearest);
            QCOMPARE(static_cast<double>(nearest), labels(i));
        }
    }
}

void TestKMeans::reportsEveryIterationWithInertia()
{
    const Matrix X = test::builtin("iris").featureMatrix();
    KMeans model;
    model.setParam("n_clusters", 4LL);
    model.setParam("n_init", 3LL);
    Recorder recorder;
    TrainContext ctx;
    ctx.observer = &recorder;
    model.fit(X, Vector(), ctx);
    QVERIFY(!recorder.steps.empty());
    int iterationsInRuns = 0;
    for (std::size_t i = 0; i < recorder.steps.size(); ++i) {
        const TrainStep& s = recorder.steps[i];
        QCOMPARE(s.step, static_cast<int>(i + 1));
        QVERIFY(s.metrics.count("inertia") && s.metrics.count("run") && s.metrics.count("iteration"));
        QCOMPARE(s.trainLoss, s.metrics.at("inertia"));
        // Lloyd never increases the inertia within a run.
        if (i > 0 && s.metrics.at("run") == recorder.steps[i - 1].metrics.at("run"))
            QVERIFY(s.trainLoss <= recorder.steps[i - 1].trainLoss + 1e-9);
        if (s.metrics.at("iteration") == 1)
            ++iterationsInRuns;
    }
    QCOMPARE(iterationsInRuns, 3);
}

void TestKMeans::sameSeedSameResult()
{
    const Matrix X = test::builtin("wine").featureMatrix();
    auto run = [&](std::uint64_t seed, int threads) {
        KMeans model;
        model.setParam("n_clusters", 5LL);
        model.setParam("n_init", 2LL);
        TrainContext ctx;
        ctx.seed = seed;
        ctx.threads = threads;
        model.fit(X, Vector(), ctx);
        return std::make_pair(model.clusterCenters(), model.inertia());
    };
    const auto a = run(11, 1), b = run(11, 1), c = run(11, 2);
    QVERIFY(a.first == b.first);
    QCOMPARE(a.second, b.second);
    QVERIFY(a.first == c.first);  // thread count does not change the result
    QCOMPARE(a.second, c.second);
}

void TestKMeans::fitIgnoresTarget()
{
    const Matrix X = blobs();
    KMeans a, b;
    a.setParam("n_clusters", 3LL);
    b.setParam("n_clusters", 3LL);
    TrainContext ctx;
    a.fit(X, Vector(), ctx);
    b.fit(X, Vector::LinSpaced(90, 0, 89), ctx);
    QVERIFY(a.clusterCenters() == b.clusterCenters());
    QVERIFY(!a.isClassifier());
    QVERIFY_THROWS_EXCEPTION(Error, a.predictProba(X));
}

void TestKMeans::badInputGivesClearErrors()
{
    KMeans model;
    QVERIFY_THROWS_EXCEPTION(NotFittedError, model.predict(Matrix::Zero(2, 2)));
    TrainContext ctx;
    model.setParam("n_clusters", 5LL);
    try {
        model.fit(Matrix::Random(4, 2), Vector(), ctx);
        QFAIL("n_clusters > n_samples accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("n_clusters = 5") != std::string::npos, e.what());
    }
    Matrix X = Matrix::Random(20, 3);
    X(7, 0) = std::nan("");
    try {
        model.fit(X, Vector(), ctx);
        QFAIL("NaN accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("column 0") != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("SimpleImputer") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("n_clusters", 0LL));
}

void TestKMeans::saveAndLoadGiveIdenticalPredictions()
{
    const Matrix X = test::builtin("iris").featureMatrix();
    KMeans model;
    model.setParam("n_clusters", 3LL);
    TrainContext ctx;
    model.fit(X, Vector(), ctx);
    json state = json::object();
    model.saveState(state);
    auto copy = Catalog::builtin().createEstimator("KMeans");
    copy->setParams(model.params());
    copy->loadState(json::parse(state.dump()));
    const Matrix grid = Matrix::Random(500, 4).array() * 4 + 4;
    QVERIFY(copy->predict(grid) == model.predict(grid));
    const auto& k = dynamic_cast<const KMeans&>(*copy);
    QVERIFY(k.clusterCenters() == model.clusterCenters());
    QCOMPARE(k.inertia(), model.inertia());
    QVERIFY(k.labels() == model.labels());
    QCOMPARE(Catalog::builtin().find("KMeans")->kind, ComponentKind::Clusterer);
}

void TestKMeans::damagedStateThrowsFormatError()
{
    KMeans model;
    model.setParam("n_clusters", 3LL);
    TrainContext ctx;
    model.fit(blobs(), Vector(), ctx);
    json state = json::object();
    model.saveState(state);
    for (const char* key : {"cluster_centers", "labels", "inertia", "n_iter", "fitted"}) {
        json broken = state;
        broken.erase(key);
        KMeans other;
        QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    }
    json broken = state;
    broken["labels"][0] = 9;
    KMeans other;
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
    broken = state;
    broken["cluster_centers"]["rows"] = 4;
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
}

void TestKMeans::silhouetteMatchesScikitLearn()
{
    const json expected = readExpected();
    for (const json& c : expected.at("silhouette")) {
        const Matrix X = test::builtin(c.at("dataset").get<std::string>()).featureMatrix();
        const Vector labels = toVector(c.at("labels"));
        const Vector samples = silhouetteSamples(X, labels);
        QVERIFY((samples - toVector(c.at("samples"))).cwiseAbs().maxCoeff() < 1e-9);
        QVERIFY(std::abs(silhouetteScore(X, labels, 2) - c.at("score").get<double>()) < 1e-9);
    }
}

void TestKMeans::silhouetteEdgeCases()
{
    Vector truth;
    const Matrix X = blobs(&truth);
    QVERIFY(silhouetteScore(X, truth) > 0.8);
    // Labels are any numbers; a singleton cluster scores 0.
    Vector labels = truth * 10.0;
    labels(0) = -3;
    const Vector s = silhouetteSamples(X, labels);
    QCOMPARE(s(0), 0.0);
    QVERIFY_THROWS_EXCEPTION(DataError, silhouetteScore(X, Vector::Zero(90)));
    QVERIFY_THROWS_EXCEPTION(DataError, silhouetteScore(X, Vector::LinSpaced(90, 0, 89)));
    QVERIFY_THROWS_EXCEPTION(DataError, silhouetteScore(X, Vector::Zero(10)));
}

QTEST_GUILESS_MAIN(TestKMeans)
#include "test_k_means.moc"
