// TreeSHAP (path-dependent and interventional) over every tree model:
// additivity to the raw output, equality with brute-force Shapley values
// (every coalition enumerated) on six features, a never-used feature gets 0,
// symmetric features get equal values, thread count does not change results.
#include "engine/core/errors.h"
#include "engine/explain/tree_shap.h"
#include "engine/models/trees/adaboost.h"
#include "engine/models/trees/decision_tree.h"
#include "engine/models/trees/gradient_boosting.h"
#include "engine/models/trees/random_forest.h"
#include "tests/engine/explain/explain_test_data.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>

using namespace dslab;

namespace {

constexpr int kFeatures = 6;
constexpr int kConstantFeature = 5;  // all zeros: no tree can split on it

struct FittedModel {
    std::string name;
    std::unique_ptr<TreeBasedEstimator> model;
};

const Matrix& trainingX()
{
    static const Matrix X = [] {
        Matrix m = test::explainFeatures(300, kFeatures, 11);
        m.col(kConstantFeature).setZero();
        return m;
    }();
    return X;
}

std::vector<FittedModel> fittedModels()
{
    const Matrix& X = trainingX();
    const Vector target = test::explainTarget(X, 12);
    const Vector binary = test::explainClasses(target, 2);
    const Vector three = test::explainClasses(target, 3);
    std::vector<FittedModel> out;
    auto fit = [&](std::string name, std::unique_ptr<TreeBasedEstimator> m, const Vector& y) {
        TrainContext ctx;
        ctx.seed = 3;
        m->fit(X, y, ctx);
        out.push_back({std::move(name), std::move(m)});
    };
    {
        auto m = std::make_unique<DecisionTreeRegressor>();
        m->setParam("max_depth", 5LL);
        fit("tree regressor", std::move(m), target);
    }
    {
        auto m = std::make_unique<DecisionTreeClassifier>();
        m->setParam("max_depth", 6LL);
        fit("tree classifier (3 classes)", std::move(m), three);
    }
    {
        auto m = std::make_unique<RandomForestRegressor>();
        m->setParam("n_estimators", 12LL);
        m->setParam("max_depth", 5LL);
        fit("forest regressor", std::move(m), target);
    }
    {
        auto m = std::make_unique<RandomForestClassifier>();
        m->setParam("n_estimators", 8LL);
        m->setParam("max_depth", 4LL);
        fit("forest classifier (3 classes)", std::move(m), three);
    }
    {
        auto m = std::make_unique<GradientBoostingRegressor>();
        m->setParam("n_estimators", 30LL);
        m->setParam("max_depth", 4LL);
        fit("boosting regressor", std::move(m), target);
    }
    {
        auto m = std::make_unique<GradientBoostingClassifier>();
        m->setParam("n_estimators", 25LL);
        m->setParam("max_depth", 4LL);
        fit("boosting binary", std::move(m), binary);
    }
    {
        auto m = std::make_unique<GradientBoostingClassifier>();
        m->setParam("n_estimators", 10LL);
        m->setParam("max_depth", 3LL);
        fit("boosting multiclass", std::move(m), three);
    }
    {
        auto m = std::make_unique<AdaBoostClassifier>();
        m->setParam("n_estimators", 10LL);
        m->setParam("max_depth", 2LL);
        fit("adaboost (3 classes)", std::move(m), three);
    }
    return out;
}

const Matrix& explainedRows()
{
    static const Matrix X = [] {
        Matrix m = test::explainFeatures(25, kFeatures, 99);
        m.col(kConstantFeature).setZero();
        m(0, 1) = 0.0;  // a value that ties with rounded thresholds
        return m;
    }();
    return X;
}

// E[f(x) | x_S] under the tree's cover distribution, walked without any of the engine's code.
void conditionalExpectation(const TreeModel& model, const Vector& x, unsigned coalition, Vector& out)
{
    const bool vote = model.outputLink() == TreeOutputLink::SammeVote;
    for (std::size_t t = 0; t < model.trees().size(); ++t) {
        const TreeArrays& tree = model.trees()[t];
        const double w = model.treeWeight(t);
        const int column = model.treeColumn(t);
        std::function<void(int, double)> walk = [&](int node, double fraction) {
            const auto n = static_cast<std::size_t>(node);
            if (tree.left[n] < 0) {
                const double* v = tree.valueOf(node);
                if (vote) {
                    out(std::max_element(v, v + tree.nOutputs) - v) += fraction * w;
                } else {
                    for (int k = 0; k < tree.nOutputs; ++k)
                        out(column + k) += fraction * w * v[k];
                }
                return;
            }
            const int f = tree.feature[n];
            if (coalition & (1u << f)) {
                walk(x(f) <= tree.threshold[n] ? tree.left[n] : tree.right[n], fraction);
            } else {
                for (int child : {tree.left[n], tree.right[n]})
                    walk(child, fraction * tree.cover[static_cast<std::size_t>(child)] / tree.cover[n]);
            }
        };
        walk(0, 1.0);
    }
}

Vector baseVector(const TreeModel& model)
{
    const auto& b = model.baseValue();
    return Eigen::Map<const Vector>(b.data(), static_cast<Eigen::Index>(b.size()));
}

double additivityError(const ShapValues& shap, const Matrix& raw)
{
    double worst = 0;
    for (std::size_t k = 0; k < shap.values.size(); ++k)
        for (Eigen::Index i = 0; i < raw.rows(); ++i) {
            const double total = shap.expectedValue[k] + shap.values[k].row(i).sum();
            worst = std::max(worst, std::abs(total - raw(i, static_cast<Eigen::Index>(k))));
        }
    return worst;
}

// A hand-built tree for x0 AND x1 on {0, 1}^2 with equal covers: the two
// features play the same part, so they must get the same values.
class AndTree final : public TreeModel {
public:
    AndTree()
    {
        TreeArrays t;
        const int root = t.addNode(4, 4.0, 0);
        const int l = t.addNode(2, 2.0, 0), r = t.addNode(2, 2.0, 0);
        t.setSplit(root, 0, 0.5, l, r, 1);
        const int ll = t.addNode(1, 1.0, 0), lr = t.addNode(1, 1.0, 0);
        t.setSplit(l, 1, 0.5, ll, lr, 0);
        const int rl = t.addNode(1, 1.0, 0), rr = t.addNode(1, 1.0, 0);
        t.setSplit(r, 1, 0.5, rl, rr, 1);
        t.valueOf(rr)[0] = 1.0;
        m_trees.push_back(std::move(t));
    }
    const std::vector<TreeArrays>& trees() const override { return m_trees; }
    double treeWeight(std::size_t) const override { return 1.0; }
    int treeColumn(std::size_t) const override { return 0; }
    const std::vector<double>& baseValue() const override { return m_base; }
    TreeOutputLink outputLink() const override { return TreeOutputLink::Identity; }
    std::vector<double> featureImportances() const override { return {0.5, 0.5, 0.0}; }

private:
    std::vector<TreeArrays> m_trees;
    std::vector<double> m_base{0.0};
};

// XGBoost's trees read from the reference file, behind the TreeModel interface.
class XgboostTrees final : public TreeModel {
public:
    explicit XgboostTrees(const nlohmann::json& c)
    {
        m_base = c.at("base_value").get<std::vector<double>>();
        for (const auto& t : c.at("trees")) {
            TreeArrays tree;
            tree.feature = t.at("feature").get<std::vector<int>>();
            tree.threshold = t.at("threshold").get<std::vector<double>>();
            tree.left = t.at("left").get<std::vector<int>>();
            tree.right = t.at("right").get<std::vector<int>>();
            tree.value = t.at("value").get<std::vector<double>>();
            tree.cover = t.at("cover").get<std::vector<double>>();
            tree.impurity.assign(tree.cover.size(), 0.0);
            tree.gain.assign(tree.cover.size(), 0.0);
            tree.samples.assign(tree.cover.size(), 0);
            tree.validate(6);
            m_trees.push_back(std::move(tree));
            m_columns.push_back(t.at("column").get<int>());
        }
    }
    const std::vector<TreeArrays>& trees() const override { return m_trees; }
    double treeWeight(std::size_t) const override { return 1.0; }
    int treeColumn(std::size_t t) const override { return m_columns.at(t); }
    const std::vector<double>& baseValue() const override { return m_base; }
    TreeOutputLink outputLink() const override { return m_base.size() > 1 ? TreeOutputLink::Softmax : TreeOutputLink::Logistic; }
    std::vector<double> featureImportances() const override { return {}; }

private:
    std::vector<TreeArrays> m_trees;
    std::vector<int> m_columns;
    std::vector<double> m_base;
};

}  // namespace

class TestTreeShap : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_models = fittedModels(); }

    // The raw output the values add up to is the model's own: identity for
    // trees and forests, the margin behind the logistic / softmax link.
    void rawOutputIsTheModelsOutput()
    {
        const Matrix& X = explainedRows();
        for (const auto& fm : m_models) {
            const Matrix raw = treeModelRawOutput(*fm.model, X);
            Matrix expected;
            switch (fm.model->outputLink()) {
            case TreeOutputLink::Identity:
                expected = fm.model->isClassifier() ? fm.model->predictProba(X) : Matrix(fm.model->predict(X));
                break;
            case TreeOutputLink::Logistic: {
                const Matrix p = fm.model->predictProba(X);
                expected = (p.col(1).array() / p.col(0).array()).log().matrix();
                break;
            }
            case TreeOutputLink::Softmax: {
                // Softmax is unchanged by a shift: compare log-probabilities centred per row.
                const Matrix lp = fm.model->predictProba(X).array().log();
                expected = lp.colwise() - lp.rowwise().mean();
                Matrix centred = raw.colwise() - raw.rowwise().mean();
                QVERIFY2((centred - expected).cwiseAbs().maxCoeff() < 1e-7, fm.name.c_str());
                continue;
            }
            case TreeOutputLink::SammeVote: continue;
            }
            QVERIFY2((raw - expected).cwiseAbs().maxCoeff() < 1e-7, fm.name.c_str());
        }
    }

    void pathDependentIsAdditive()
    {
        const Matrix& X = explainedRows();
        double worst = 0;
        for (const auto& fm : m_models) {
            const ShapValues shap = treeShap(*fm.model, X);
            QCOMPARE(shap.values.size(), fm.model->baseValue().size());
            const double err = additivityError(shap, treeModelRawOutput(*fm.model, X));
            qInfo("%-30s path-dependent additivity error %.3g", fm.name.c_str(), err);
            QVERIFY2(err < 1e-9, fm.name.c_str());
            worst = std::max(worst, err);
        }
        qInfo("max additivity error (path-dependent): %.3g", worst);
    }

    void pathDependentEqualsBruteForce()
    {
        const Matrix& X = explainedRows();
        double worst = 0;
        for (const auto& fm : m_models) {
            const ShapValues shap = treeShap(*fm.model, X);
            const auto outputs = static_cast<Eigen::Index>(fm.model->baseValue().size());
            double err = 0;
            for (Eigen::Index i = 0; i < 8; ++i) {
                const Vector x = X.row(i).transpose();
                const Matrix phi = test::bruteForceShapley(kFeatures, [&](unsigned s) {
                    Vector v = baseVector(*fm.model);
                    conditionalExpectation(*fm.model, x, s, v);
                    return v;
                });
                for (Eigen::Index k = 0; k < outputs; ++k)
                    for (int f = 0; f < kFeatures; ++f)
                        err = std::max(err, std::abs(phi(k, f) - shap.values[static_cast<std::size_t>(k)](i, f)));
            }
            // The empty coalition's value is the expected value.
            Vector empty = baseVector(*fm.model);
            conditionalExpectation(*fm.model, X.row(0).transpose(), 0u, empty);
            for (Eigen::Index k = 0; k < outputs; ++k)
                err = std::max(err, std::abs(empty(k) - shap.expectedValue[static_cast<std::size_t>(k)]));
            qInfo("%-30s path-dependent vs brute force %.3g", fm.name.c_str(), err);
            QVERIFY2(err < 1e-9, fm.name.c_str());
            worst = std::max(worst, err);
        }
        qInfo("max difference vs brute force (path-dependent): %.3g", worst);
    }

    void interventionalIsAdditiveAndExact()
    {
        const Matrix& X = explainedRows();
        const Matrix background = trainingX().topRows(12);
        double worstAdd = 0, worstBrute = 0;
        for (const auto& fm : m_models) {
            const ShapValues shap = interventionalTreeShap(*fm.model, X, background);
            const Matrix raw = treeModelRawOutput(*fm.model, X);
            const double add = additivityError(shap, raw);
            const auto outputs = raw.cols();
            double err = 0;
            for (Eigen::Index i = 0; i < 5; ++i) {
                const Matrix phi = test::bruteForceShapley(kFeatures, [&](unsigned s) {
                    Matrix mixed = background;
                    for (int f = 0; f < kFeatures; ++f)
                        if (s & (1u << f))
                            mixed.col(f).setConstant(X(i, f));
                    return Vector(treeModelRawOutput(*fm.model, mixed).colwise().mean().transpose());
                });
                for (Eigen::Index k = 0; k < outputs; ++k)
                    for (int f = 0; f < kFeatures; ++f)
                        err = std::max(err, std::abs(phi(k, f) - shap.values[static_cast<std::size_t>(k)](i, f)));
            }
            qInfo("%-30s interventional additivity %.3g, vs brute force %.3g", fm.name.c_str(), add, err);
            QVERIFY2(add < 1e-9, fm.name.c_str());
            QVERIFY2(err < 1e-9, fm.name.c_str());
            worstAdd = std::max(worstAdd, add);
            worstBrute = std::max(worstBrute, err);
        }
        qInfo("interventional: max additivity error %.3g, max difference vs brute force %.3g", worstAdd, worstBrute);
    }

    // Expected values from:
    //   /usr/bin/python3 tests/engine/explain/data/make_xgboost_reference.py
    // XGBoost 1.7.4's predict(pred_contribs=True) on its own trees (binary and
    // 3-class), which it sums in float32.
    void matchesXgboostPredContribs()
    {
        std::ifstream in(test::resourceDir() + "/tests/engine/explain/data/xgboost_expected.json");
        QVERIFY(in.good());
        const nlohmann::json expected = nlohmann::json::parse(in);
        double worst = 0;
        for (const auto& c : expected.at("cases")) {
            const XgboostTrees model(c);
            const auto rows = c.at("rows").get<std::vector<std::vector<double>>>();
            Matrix X(static_cast<Eigen::Index>(rows.size()), 6);
            for (std::size_t i = 0; i < rows.size(); ++i)
                for (int f = 0; f < 6; ++f)
                    X(static_cast<Eigen::Index>(i), f) = rows[i][static_cast<std::size_t>(f)];
            const ShapValues shap = treeShap(model, X);
            const auto& contribs = c.at("contribs");
            for (std::size_t k = 0; k < shap.values.size(); ++k)
                for (Eigen::Index i = 0; i < X.rows(); ++i) {
                    const auto theirs = contribs.at(k).at(static_cast<std::size_t>(i)).get<std::vector<double>>();
                    for (int f = 0; f < 6; ++f)
                        worst = std::max(worst, std::abs(shap.values[k](i, f) - theirs[static_cast<std::size_t>(f)]));
                    worst = std::max(worst, std::abs(shap.expectedValue[k] - theirs[6]));
                }
        }
        qInfo("TreeSHAP vs XGBoost pred_contribs on XGBoost's trees: max difference %.3g", worst);
        QVERIFY(worst < 1e-5);
    }

    void unusedFeatureGetsZero()
    {
        const Matrix& X = explainedRows();
        for (const auto& fm : m_models) {
            const ShapValues a = treeShap(*fm.model, X);
            const ShapValues b = interventionalTreeShap(*fm.model, X, trainingX().topRows(7));
            for (std::size_t k = 0; k < a.values.size(); ++k) {
                QCOMPARE(a.values[k].col(kConstantFeature).cwiseAbs().maxCoeff(), 0.0);
                QCOMPARE(b.values[k].col(kConstantFeature).cwiseAbs().maxCoeff(), 0.0);
            }
        }
    }

    void symmetricFeaturesGetEqualValues()
    {
        const AndTree model;
        Matrix x(1, 3);
        x << 1, 1, 7;
        const ShapValues path = treeShap(model, x);
        QCOMPARE(path.expectedValue[0], 0.25);
        QCOMPARE(path.values[0](0, 0), 0.375);
        QCOMPARE(path.values[0](0, 1), 0.375);
        QCOMPARE(path.values[0](0, 2), 0.0);
        Matrix corners(4, 3);
        corners << 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0;
        const ShapValues inter = interventionalTreeShap(model, x, corners);
        QCOMPARE(inter.values[0](0, 0), 0.375);
        QCOMPARE(inter.values[0](0, 1), 0.375);
        // Against the single background row (1, 1) only x0 differs, so it takes the whole change.
        Matrix y(1, 3);
        y << 0, 1, 0;
        const ShapValues one = interventionalTreeShap(model, y, corners.bottomRows(1));
        QCOMPARE(one.values[0](0, 0), -1.0);
        QCOMPARE(one.values[0](0, 1), 0.0);
    }

    void threadsDoNotChangeValues()
    {
        const Matrix& X = explainedRows();
        for (const auto& fm : m_models) {
            const ShapValues one = treeShap(*fm.model, X, 1);
            const ShapValues two = treeShap(*fm.model, X, 2);
            for (std::size_t k = 0; k < one.values.size(); ++k)
                QVERIFY(one.values[k] == two.values[k]);
        }
    }

    void badInputIsRejected()
    {
        const auto& model = *m_models.front().model;
        QVERIFY_THROWS_EXCEPTION(DataError, treeShap(model, Matrix(0, kFeatures)));
        Matrix nan = explainedRows().topRows(2);
        nan(1, 2) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(DataError, treeShap(model, nan));
        QVERIFY_THROWS_EXCEPTION(DataError, interventionalTreeShap(model, explainedRows(), Matrix(3, 2)));
        DecisionTreeRegressor unfitted;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, treeShap(unfitted, explainedRows()));
    }

private:
    std::vector<FittedModel> m_models;
};

QTEST_GUILESS_MAIN(TestTreeShap)
#include "test_tree_shap.moc"
