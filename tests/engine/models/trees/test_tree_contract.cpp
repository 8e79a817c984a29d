// The estimator contract over every model of the "Trees and ensembles"
// catalog category: defaults are valid, unfitted models refuse to predict,
// shapes and probabilities are right, a seed gives the same model, clones are
// unfitted, saved state reloads to identical predictions, NaN is refused.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/trees/tree_model.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace dslab;

namespace {

// Three noisy blobs in 4 features; y is the blob, or a smooth target for regressors.
void blobs(Matrix& X, Vector& yClass, Vector& yValue)
{
    const int n = 90;
    X.resize(n, 4);
    yClass.resize(n);
    yValue.resize(n);
    for (int i = 0; i < n; ++i) {
        const int c = i % 3;
        for (int f = 0; f < 4; ++f)
            X(i, f) = c * 2.0 + std::sin(i * 1.7 + f * 0.9);
        yClass(i) = c;
        yValue(i) = X(i, 0) * 3.0 - X(i, 2) + std::cos(i * 0.3);
    }
}

std::vector<const CatalogEntry*> treeEntries()
{
    std::vector<const CatalogEntry*> out;
    for (const auto& e : Catalog::builtin().entries())
        if (e.category == "Trees and ensembles")
            out.push_back(&e);
    return out;
}

}  // namespace

class TestTreeContract : public QObject {
    Q_OBJECT

private slots:
    void everyTreeModelIsRegistered()
    {
        QStringList names;
        for (const auto* e : treeEntries())
            names << QString::fromStdString(e->typeName);
        for (const char* expected : {"DecisionTreeClassifier", "DecisionTreeRegressor", "RandomForestClassifier",
                                     "RandomForestRegressor", "GradientBoostingClassifier",
                                     "GradientBoostingRegressor", "AdaBoostClassifier"})
            QVERIFY2(names.contains(expected), expected);
        for (const auto* e : treeEntries())
            QVERIFY(!e->summary.empty());
    }

    void contract()
    {
        Matrix X;
        Vector yClass, yValue;
        blobs(X, yClass, yValue);
        for (const auto* entry : treeEntries()) {
            const QByteArray name = QByteArray::fromStdString(entry->typeName);
            auto model = Catalog::builtin().createEstimator(entry->typeName);
            for (const auto& spec : model->paramSpecs())
                validateParam(entry->typeName, spec, spec.defaultValue);  // defaults are valid
            QVERIFY2(!model->isFitted(), name);
            QVERIFY_THROWS_EXCEPTION(NotFittedError, model->predict(X));
            if (model->paramSpecs().size() > 0 && model->findSpec("n_estimators"))
                model->setParam("n_estimators", 12LL);
            const bool classifier = entry->kind == ComponentKind::Classifier;
            QCOMPARE(model->isClassifier(), classifier);
            const Vector& y = classifier ? yClass : yValue;
            TrainContext ctx;
            ctx.seed = 5;
            model->fit(X, y, ctx);
            QVERIFY2(model->isFitted(), name);
            const Vector pred = model->predict(X);
            QCOMPARE(pred.size(), X.rows());
            if (classifier) {
                const Matrix p = model->predictProba(X);
                QCOMPARE(p.cols(), Eigen::Index{3});
                for (Eigen::Index i = 0; i < p.rows(); ++i)
                    QVERIFY2(std::abs(p.row(i).sum() - 1.0) < 1e-12, name);
                for (Eigen::Index i = 0; i < pred.size(); ++i)
                    QVERIFY(pred(i) == 0 || pred(i) == 1 || pred(i) == 2);
            } else {
                QVERIFY_THROWS_EXCEPTION(Error, model->predictProba(X));
            }
            // The trees behind it, for drawing and TreeSHAP.
            const auto* trees = dynamic_cast<const TreeModel*>(model.get());
            QVERIFY2(trees && !trees->trees().empty(), name);
            double total = 0;
            for (double v : trees->featureImportances())
                total += v;
            QVERIFY2(std::abs(total - 1.0) < 1e-12, name);

            auto again = cloneEstimator(*model);
            QVERIFY2(!again->isFitted(), name);
            TrainContext same;
            same.seed = 5;
            again->fit(X, y, same);
            QVERIFY2(again->predict(X) == pred, name);

            nlohmann::json state;
            model->saveState(state);
            auto loaded = Catalog::builtin().createEstimator(entry->typeName);
            loaded->setParams(model->params());
            loaded->loadState(nlohmann::json::parse(state.dump()));
            QVERIFY2(loaded->predict(X) == pred, name);

            Matrix bad = X;
            bad(7, 3) = std::nan("");
            QVERIFY_THROWS_EXCEPTION(DataError, model->fit(bad, y, ctx));
            QVERIFY_THROWS_EXCEPTION(DataError, loaded->predict(bad));
        }
    }
};

QTEST_GUILESS_MAIN(TestTreeContract)
#include "test_tree_contract.moc"
