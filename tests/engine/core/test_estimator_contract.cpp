// The estimator contract, run over every component in the catalog (the idea
// of scikit-learn's check_estimator): unfitted use throws, output shapes are
// right, probabilities sum to 1, the same seed gives the same result, clone
// is unfitted, and saved state reloads to identical predictions.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/synthetic.h"
#include "engine/imbalance/sampler.h"
#include "engine/pipeline/table_transformer.h"

#include <QTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

struct Problem {
    Matrix X;
    Vector y;
};

Problem makeProblem(const std::string& kind)
{
    SyntheticSpec spec;
    spec.kind = kind;
    spec.samples = 120;
    spec.noise = kind == "sine" ? 0.1 : 1.0;
    spec.classes = 3;
    spec.seed = 3;
    const Dataset d = makeSynthetic(spec);
    Problem p;
    p.X = d.featureMatrix(d.featureNames());
    p.y = kind == "sine" ? d.targetValues() : d.targetCodes();
    return p;
}

std::unique_ptr<Component> reloaded(const Component& fitted)
{
    nlohmann::json state = nlohmann::json::object();
    fitted.saveState(state);
    // Through text, as a file would carry it.
    const auto text = state.dump();
    auto copy = clone(fitted);
    copy->loadState(nlohmann::json::parse(text));
    return copy;
}

}  // namespace

class TestEstimatorContract : public QObject {
    Q_OBJECT
private slots:
    void catalogIsNotEmpty()
    {
        QVERIFY(Catalog::builtin().find("LogisticRegression"));
        QVERIFY(Catalog::builtin().find("StandardScaler"));
    }

    void everyComponentHonoursTheContract_data()
    {
        QTest::addColumn<QString>("type");
        for (const auto& e : Catalog::builtin().entries())
            QTest::newRow(e.typeName.c_str()) << QString::fromStdString(e.typeName);
    }

    void everyComponentHonoursTheContract()
    {
        QFETCH(QString, type);
        const CatalogEntry* entry = Catalog::builtin().find(type.toStdString());
        QVERIFY(entry);
        auto component = entry->create();
        if (type == "ExpressionFeatures")  // has no default features: give it one
            component->setConfig("features", nlohmann::json::parse(R"([["x0_sq", "x0 * x0"]])"));
        QCOMPARE(QString::fromStdString(component->typeName()), type);
        QVERIFY(!component->isFitted());
        // Every spec has a doc and its default passes its own validation.
        for (const auto& spec : component->paramSpecs()) {
            QVERIFY2(!spec.doc.empty(), spec.name.c_str());
            validateParam(type.toStdString(), spec, spec.defaultValue);
        }

        const bool regressor = entry->kind == ComponentKind::Regressor;
        Problem problem = makeProblem(regressor ? "sine" : "blobs");
        // Naive Bayes for counts takes non-negative features only.
        if (entry->category == "Text")
            problem.X = problem.X.cwiseAbs();
        TrainContext ctx;
        ctx.seed = 11;

        if (auto* sampler = dynamic_cast<Sampler*>(component.get())) {
            // Samplers resample training rows: same seed, same rows; classes
            // stay those of y; the state reloads; clone is unfitted.
            QCOMPARE(entry->kind, ComponentKind::Sampler);
            Vector y = problem.y;
            for (Eigen::Index i = 0; i < y.size(); i += 3)
                y(i) = 0;  // make class 0 the majority so there is something to resample
            Matrix rows, again;
            Vector targets, againTargets;
            sampler->fitResample(problem.X, y, ctx, rows, targets);
            QVERIFY(sampler->isFitted());
            QCOMPARE(rows.rows(), targets.size());
            QCOMPARE(rows.cols(), problem.X.cols());
            QVERIFY(rows.allFinite());
            QVERIFY(((targets.array() == 0) || (targets.array() == 1) || (targets.array() == 2)).all());
            TrainContext ctx2;
            ctx2.seed = 11;
            auto fresh = clone(*sampler);
            QVERIFY(!fresh->isFitted());
            dynamic_cast<Sampler&>(*fresh).fitResample(problem.X, y, ctx2, again, againTargets);
            QCOMPARE(again, rows);
            QCOMPARE(againTargets, targets);
            QVERIFY(reloaded(*sampler)->isFitted());
            auto broken = clone(*sampler);
            QVERIFY_THROWS_EXCEPTION(FormatError, broken->loadState(nlohmann::json::parse(R"({"garbage": true})")));
            return;
        }
        if (auto* table = dynamic_cast<TableTransformer*>(component.get())) {
            // Steps that read a table (encoders, ColumnTransformer): fit on a
            // table of the problem's columns (rounded, so categories repeat).
            QCOMPARE(entry->kind, ComponentKind::Transformer);
            Dataset data;
            const bool text = table->sparseOutput() && entry->category == "Text";
            if (text) {
                // A text vectorizer reads one text column: words made from the rounded numbers.
                Column c;
                c.name = "text";
                c.type = ColumnType::Text;
                for (Eigen::Index i = 0; i < problem.X.rows(); ++i) {
                    std::string doc;
                    for (Eigen::Index j = 0; j < problem.X.cols(); ++j)
                        doc += "w" + std::to_string(j) + "v" + std::to_string(std::lround(problem.X(i, j))) + " ";
                    c.strings.push_back(doc);
                    c.missing.push_back(0);
                }
                data.addColumn(std::move(c));
            }
            for (Eigen::Index j = 0; j < problem.X.cols() && !text; ++j) {
                Column c;
                c.name = "x";  // appended: GCC 12 warns falsely (-Wrestrict) on "x" + to_string at -O3
                c.name += std::to_string(j);
                for (Eigen::Index i = 0; i < problem.X.rows(); ++i)
                    c.numbers.push_back(std::round(problem.X(i, j)));
                data.addColumn(std::move(c));
            }
            QVERIFY_THROWS_EXCEPTION(NotFittedError, table->transform(data));
            table->fit(data, &problem.y, ctx);
            QVERIFY(table->isFitted());
            const Matrix out = table->transform(data);
            QCOMPARE(out.rows(), problem.X.rows());
            QCOMPARE(static_cast<std::size_t>(out.cols()), table->featureNamesOut().size());
            auto copy = reloaded(*table);
            QCOMPARE(dynamic_cast<TableTransformer&>(*copy).transform(data), out);
            QVERIFY(!clone(*table)->isFitted());
            auto broken = clone(*table);
            QVERIFY_THROWS_EXCEPTION(FormatError, broken->loadState(nlohmann::json::parse(R"({"garbage": true})")));
            return;
        }
        if (auto* transformer = dynamic_cast<Transformer*>(component.get())) {
            QVERIFY_THROWS_EXCEPTION(NotFittedError, transformer->transform(problem.X));
            transformer->fit(problem.X, &problem.y, ctx);
            QVERIFY(transformer->isFitted());
            const Matrix out = transformer->transform(problem.X);
            QCOMPARE(out.rows(), problem.X.rows());
            auto copy = reloaded(*transformer);
            QCOMPARE(dynamic_cast<Transformer&>(*copy).transform(problem.X), out);
            QVERIFY(!clone(*transformer)->isFitted());
            return;
        }

        auto* estimator = dynamic_cast<Estimator*>(component.get());
        QVERIFY2(estimator, "a catalog component is neither a transformer nor an estimator");
        QVERIFY_THROWS_EXCEPTION(NotFittedError, estimator->predict(problem.X));
        estimator->fit(problem.X, problem.y, ctx);
        QVERIFY(estimator->isFitted());
        const Vector pred = estimator->predict(problem.X);
        QCOMPARE(pred.size(), problem.X.rows());
        QVERIFY(pred.allFinite());
        bool hasProba = estimator->isClassifier();
        if (estimator->isClassifier()) {
            QCOMPARE(entry->kind, ComponentKind::Classifier);
            // A model may give probabilities only on request (SVC probability=false);
            // then it must say how to get them.
            try {
                estimator->predictProba(problem.X);
            } catch (const ParamError& e) {
                QVERIFY2(QString(e.what()).contains("probability"), e.what());
                hasProba = false;
            }
        }
        if (hasProba) {
            const Matrix proba = estimator->predictProba(problem.X);
            QCOMPARE(proba.rows(), problem.X.rows());
            QCOMPARE(proba.cols(), Eigen::Index(3));
            QVERIFY((proba.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-9);
            QVERIFY(proba.minCoeff() >= 0.0);
            QCOMPARE(estimator->classes().size(), std::size_t(3));
        }

        // Same seed, same result.
        auto again = cloneEstimator(*estimator);
        QVERIFY(!again->isFitted());
        TrainContext ctx2;
        ctx2.seed = 11;
        again->fit(problem.X, problem.y, ctx2);
        QCOMPARE(again->predict(problem.X), pred);

        // Saved state reloads to identical predictions.
        auto copy = reloaded(*estimator);
        auto& restored = dynamic_cast<Estimator&>(*copy);
        QVERIFY(restored.isFitted());
        QCOMPARE(restored.predict(problem.X), pred);
        if (hasProba)
            QCOMPARE(restored.predictProba(problem.X), estimator->predictProba(problem.X));

        // Damaged state is a FormatError, never a crash.
        auto broken = clone(*estimator);
        QVERIFY_THROWS_EXCEPTION(FormatError, broken->loadState(nlohmann::json::parse(R"({"garbage": true})")));
    }
};

QTEST_GUILESS_MAIN(TestEstimatorContract)
#include "test_estimator_contract.moc"
