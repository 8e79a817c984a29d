// PCA against scikit-learn 1.2.1's exact solver on iris, wine and digits
// (expected numbers in data/pca_expected.json, made by
// `/usr/bin/python3 tests/engine/models/decomposition/data/make_expected.py`):
// explained variance ratio to 1e-6, components with svd_flip's signs,
// both solvers, inverse_transform, errors and save/load.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/decomposition/pca.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::toMatrix;
using dslab::test::toVector;
using json = nlohmann::json;

namespace {

json readExpected()
{
    std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/models/decomposition/data/pca_expected.json");
    return json::parse(in);
}

double maxRelDiff(const Vector& a, const Vector& b)
{
    return ((a - b).array().abs() / b.array().abs().max(1e-300)).maxCoeff();
}

}  // namespace

class TestPCA : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearn_data();
    void matchesScikitLearn();
    void inverseTransformRoundTrip();
    void fractionOfVariance();
    void fewerSamplesThanFeatures();
    void badInputGivesClearErrors();
    void saveAndLoadGiveIdenticalTransforms();
    void damagedStateThrowsFormatError();
    void namesAndCatalog();
};

void TestPCA::matchesScikitLearn_data()
{
    QTest::addColumn<QString>("solver");
    for (const char* s : {"full", "covariance_eigh", "auto"})
        QTest::newRow(s) << QString(s);
}

void TestPCA::matchesScikitLearn()
{
    QFETCH(QString, solver);
    const json expected = readExpected();
    for (const json& c : expected.at("cases")) {
        const std::string name = c.at("dataset").get<std::string>();
        const Matrix X = test::builtin(name).featureMatrix();
        PCA pca;
        if (!c.at("n_components").is_null())
            pca.setParam("n_components", c.at("n_components").get<double>());
        pca.setParam("whiten", c.at("whiten").get<bool>());
        pca.setParam("svd_solver", solver.toStdString());
        TrainContext ctx;
        pca.fit(X, nullptr, ctx);
        const std::string label = name + " n_components=" + c.at("n_components").dump() + " " + solver.toStdString()
                                  + " (" + pca.solverUsed() + ")";
        QVERIFY2(pca.nComponents() == c.at("n_components_").get<int>(), label.c_str());
        const Vector evr = toVector(c.at("explained_variance_ratio"));
        QVERIFY2((pca.explainedVarianceRatio() - evr).cwiseAbs().maxCoeff() < 1e-6, label.c_str());
        QVERIFY2((pca.explainedVarianceRatio() - evr).cwiseAbs().maxCoeff() < 1e-12, label.c_str());
        QVERIFY2((pca.mean() - toVector(c.at("mean"))).cwiseAbs().maxCoeff() < 1e-12, label.c_str());
        // Leading variances are well conditioned in both solvers.
        const Vector ev = toVector(c.at("explained_variance"));
        const Eigen::Index keep = toMatrix(c.at("components")).rows();
        QVERIFY2(maxRelDiff(pca.explainedVariance().head(keep), ev.head(keep)) < 1e-9, label.c_str());
        QVERIFY2(maxRelDiff(pca.singularValues().head(keep), toVector(c.at("singular_values")).head(keep)) < 1e-9,
                 label.c_str());
        QVERIFY2(std::abs(pca.noiseVariance() - c.at("noise_variance").get<double>())
                     <= 1e-9 * (1 + c.at("noise_variance").get<double>()),
                 label.c_str());
        // Same directions and the same signs (scikit-learn's svd_flip).
        const Matrix comp = toMatrix(c.at("components"));
        QVERIFY2((pca.components().topRows(keep) - comp).cwiseAbs().maxCoeff() < 1e-8, label.c_str());
        const Matrix Z = pca.transform(X.topRows(5)).leftCols(keep);
        QVERIFY2((Z - toMatrix(c.at("transform_first_rows"))).cwiseAbs().maxCoeff() < 1e-7, label.c_str());
    }
}

void TestPCA::inverseTransformRoundTrip()
{
    const Matrix X = test::builtin("wine").featureMatrix();
    for (bool whiten : {false, true}) {
        PCA pca;
        pca.setParam("whiten", whiten);
        TrainContext ctx;
        const Matrix Z = pca.fitTransform(X, nullptr, ctx);
        QCOMPARE(Z.cols(), X.cols());
        const Matrix back = pca.inverseTransform(Z);
        QVERIFY((back - X).cwiseAbs().maxCoeff() < 1e-9 * X.cwiseAbs().maxCoeff());
        if (whiten) {
            // Whitened scores have unit variance (ddof = 1) per component.
            const Vector var = (Z.rowwise() - Z.colwise().mean()).colwise().squaredNorm() / (Z.rows() - 1.0);
            QVERIFY((var.array() - 1.0).abs().maxCoeff() < 1e-9);
        }
    }
    // With fewer components the reconstruction is the projection: applying
    // it twice changes nothing.
    PCA pca;
    pca.setParam("n_components", 3LL);
    TrainContext ctx;
    pca.fit(X, nullptr, ctx);
    const Matrix once = pca.inverseTransform(pca.transform(X));
    const Matrix twice = pca.inverseTransform(pca.transform(once));
    QVERIFY((once - twice).cwiseAbs().maxCoeff() < 1e-8 * X.cwiseAbs().maxCoeff());
}

void TestPCA::fractionOfVariance()
{
    const Matrix X = test::builtin("iris").featureMatrix();
    for (double f : {0.5, 0.92, 0.9246, 0.99, 0.9999}) {
        PCA pca;
        pca.setParam("n_components", f);
        TrainContext ctx;
        pca.fit(X, nullptr, ctx);
        const Vector& r = pca.explainedVarianceRatio();
        QVERIFY(r.sum() > f || pca.nComponents() == 4);
        QVERIFY(r.head(r.size() - 1).sum() <= f);
    }
}

void TestPCA::fewerSamplesThanFeatures()
{
    const Matrix X = Matrix::Random(8, 20);
    PCA full, eigh;
    full.setParam("svd_solver", std::string("full"));
    eigh.setParam("svd_solver", std::string("covariance_eigh"));
    TrainContext ctx;
    full.fit(X, nullptr, ctx);
    eigh.fit(X, nullptr, ctx);
    QCOMPARE(full.nComponents(), 8);
    QCOMPARE(eigh.nComponents(), 8);
    // 8 centred samples span 7 directions: the 8th variance is 0.
    QVERIFY(full.explainedVariance()(7) < 1e-20);
    QVERIFY((full.explainedVarianceRatio() - eigh.explainedVarianceRatio()).cwiseAbs().maxCoeff() < 1e-9);
    QVERIFY((full.components().topRows(7) - eigh.components().topRows(7)).cwiseAbs().maxCoeff() < 1e-6);
    QVERIFY((full.inverseTransform(full.transform(X)) - X).cwiseAbs().maxCoeff() < 1e-12);
    PCA fraction;
    fraction.setParam("svd_solver", std::string("covariance_eigh"));
    fraction.setParam("n_components", 0.999999);
    fraction.fit(X, nullptr, ctx);
    QVERIFY(fraction.nComponents() <= 8);
}

void TestPCA::badInputGivesClearErrors()
{
    PCA pca;
    QVERIFY_THROWS_EXCEPTION(NotFittedError, pca.transform(Matrix::Zero(2, 2)));
    TrainContext ctx;
    pca.setParam("n_components", 5LL);
    try {
        pca.fit(Matrix::Random(10, 4), nullptr, ctx);
        QFAIL("n_components > n_features accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("n_components = 5") != std::string::npos, e.what());
    }
    pca.setParam("n_components", 2.5);
    QVERIFY_THROWS_EXCEPTION(ParamError, pca.fit(Matrix::Random(10, 4), nullptr, ctx));
    QVERIFY_THROWS_EXCEPTION(ParamError, pca.setParam("n_components", 0.0));
    pca.setParam("n_components", 2LL);
    Matrix X = Matrix::Random(10, 4);
    X(2, 3) = std::nan("");
    try {
        pca.fit(X, nullptr, ctx);
        QFAIL("NaN accepted");
    } catch (const DataError& e) {
        QVERIFY2(std::string(e.what()).find("column 3") != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("SimpleImputer") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(DataError, pca.fit(Matrix::Random(1, 4), nullptr, ctx));
    pca.fit(Matrix::Random(10, 4), nullptr, ctx);
    QVERIFY_THROWS_EXCEPTION(DataError, pca.transform(Matrix::Zero(3, 5)));
    QVERIFY_THROWS_EXCEPTION(DataError, pca.inverseTransform(Matrix::Zero(3, 3)));
}

void TestPCA::saveAndLoadGiveIdenticalTransforms()
{
    const Matrix X = test::builtin("digits").featureMatrix();
    PCA pca;
    pca.setParam("n_components", 12LL);
    pca.setParam("whiten", true);
    TrainContext ctx;
    pca.fit(X, nullptr, ctx);
    json state = json::object();
    pca.saveState(state);
    auto copy = Catalog::builtin().createTransformer("PCA");
    copy->setParams(pca.params());
    copy->loadState(json::parse(state.dump()));
    QVERIFY(copy->isFitted());
    QVERIFY(copy->transform(X) == pca.transform(X));
    const Matrix Z = pca.transform(X.topRows(20));
    QVERIFY(dynamic_cast<PCA&>(*copy).inverseTransform(Z) == pca.inverseTransform(Z));
}

void TestPCA::damagedStateThrowsFormatError()
{
    PCA pca;
    TrainContext ctx;
    pca.fit(Matrix::Random(30, 3), nullptr, ctx);
    json state = json::object();
    pca.saveState(state);
    for (const char* key : {"components", "explained_variance", "mean", "whiten", "fitted"}) {
        json broken = state;
        broken.erase(key);
        PCA other;
        QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
        QVERIFY(!other.isFitted());
    }
    json broken = state;
    broken["mean"].push_back(0.0);
    PCA other;
    QVERIFY_THROWS_EXCEPTION(FormatError, other.loadState(broken));
}

void TestPCA::namesAndCatalog()
{
    PCA pca;
    pca.setParam("n_components", 2LL);
    TrainContext ctx;
    pca.fit(Matrix::Random(10, 4), nullptr, ctx);
    QCOMPARE(pca.featureNamesOut({"a", "b", "c", "d"}), (StringList{"pca0", "pca1"}));
    const CatalogEntry* entry = Catalog::builtin().find("PCA");
    QVERIFY(entry);
    QCOMPARE(entry->category, std::string("Decomposition"));
    QCOMPARE(entry->kind, ComponentKind::Transformer);
}

QTEST_GUILESS_MAIN(TestPCA)
#include "test_pca.moc"
