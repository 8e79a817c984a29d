// Samplers (SMOTE, RandomOverSampler, RandomUnderSampler): SMOTE's defining
// property (every synthetic row lies on a segment between a minority row and
// one of its k nearest minority neighbours), class counts after resampling,
// clear errors, and in a Pipeline: applied when fitting, never when
// predicting (nor to cross-validation's test folds), saved and loaded
// through pipeline JSON.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/imbalance/random_over_sampler.h"
#include "engine/imbalance/random_under_sampler.h"
#include "engine/imbalance/smote.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/models/linear/logistic_regression.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

using namespace dslab;

namespace {

struct Data {
    Matrix X;
    Vector y;
};

// 90 rows of class 0 around (0, 0), 12 of class 1 around (2, 2), 3 features.
Data imbalanced()
{
    SeededRandom rng(9);
    Data d{Matrix(102, 3), Vector(102)};
    for (Eigen::Index i = 0; i < 102; ++i) {
        const bool minority = i % 8 == 7 && i < 96;
        const double centre = minority ? 2.0 : 0.0;
        for (Eigen::Index j = 0; j < 3; ++j)
            d.X(i, j) = centre + rng.normal();
        d.y(i) = minority ? 1 : 0;
    }
    return d;
}

Eigen::Index count(const Vector& y, double label)
{
    return (y.array() == label).count();
}

// The k nearest other rows of row i among `rows` (squared Euclidean distance).
std::vector<Eigen::Index> nearest(const Matrix& rows, Eigen::Index i, int k)
{
    std::vector<Eigen::Index> order(static_cast<std::size_t>(rows.rows()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    order.erase(order.begin() + i);
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return (rows.row(a) - rows.row(i)).squaredNorm() < (rows.row(b) - rows.row(i)).squaredNorm();
    });
    order.resize(static_cast<std::size_t>(k));
    return order;
}

bool onSegment(const Eigen::RowVectorXd& p, const Eigen::RowVectorXd& a, const Eigen::RowVectorXd& b)
{
    const Eigen::RowVectorXd ab = b - a;
    const double t = (p - a).dot(ab) / ab.squaredNorm();
    return t >= -1e-12 && t <= 1 + 1e-12 && (a + t * ab - p).norm() < 1e-9;
}

}  // namespace

class TestImbalance : public QObject {
    Q_OBJECT

private slots:
    void smoteSyntheticRowsLieOnNeighbourSegments()
    {
        const Data d = imbalanced();
        Smote smote;
        smote.setParam("k_neighbors", 4LL);
        TrainContext ctx;
        ctx.seed = 5;
        Matrix Xr;
        Vector yr;
        smote.fitResample(d.X, d.y, ctx, Xr, yr);
        QCOMPARE(count(yr, 0), Eigen::Index(90));
        QCOMPARE(count(yr, 1), Eigen::Index(90));
        // The original rows come first, unchanged.
        QCOMPARE(Matrix(Xr.topRows(d.X.rows())), d.X);
        IndexList minorityRows;
        for (Eigen::Index i = 0; i < d.y.size(); ++i)
            if (d.y(i) == 1)
                minorityRows.push_back(i);
        const Matrix minority = selectRows(d.X, minorityRows);
        std::vector<std::vector<Eigen::Index>> neighbours;
        for (Eigen::Index i = 0; i < minority.rows(); ++i)
            neighbours.push_back(nearest(minority, i, 4));
        for (Eigen::Index s = d.X.rows(); s < Xr.rows(); ++s) {
            QCOMPARE(yr(s), 1.0);
            bool found = false;
            for (Eigen::Index i = 0; i < minority.rows() && !found; ++i)
                for (Eigen::Index j : neighbours[static_cast<std::size_t>(i)])
                    if (onSegment(Xr.row(s), minority.row(i), minority.row(j))) {
                        found = true;
                        break;
                    }
            QVERIFY2(found, qPrintable(QString("synthetic row %1 is not between a minority row and a neighbour").arg(s)));
        }
        // Seeded.
        Matrix again;
        Vector yAgain;
        TrainContext same;
        same.seed = 5;
        Smote(smote).fitResample(d.X, d.y, same, again, yAgain);
        QCOMPARE(again, Xr);
    }

    void smoteNeedsEnoughMinorityRows()
    {
        Data d = imbalanced();
        Smote smote;  // k_neighbors = 5: needs 6 minority rows
        const Data few{d.X.topRows(40), d.y.head(40)};  // 5 minority rows
        QCOMPARE(count(few.y, 1), Eigen::Index(5));
        TrainContext ctx;
        Matrix Xr;
        Vector yr;
        try {
            smote.fitResample(few.X, few.y, ctx, Xr, yr);
            QFAIL("expected a DataError");
        } catch (const DataError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("only 5") && msg.contains("k_neighbors=5") && msg.contains("at least 6"), e.what());
        }
        smote.setParam("k_neighbors", 4LL);
        smote.fitResample(few.X, few.y, ctx, Xr, yr);
        QCOMPARE(count(yr, 1), count(yr, 0));
        Vector single = Vector::Zero(10);
        QVERIFY_THROWS_EXCEPTION(DataError, smote.fitResample(d.X.topRows(10), single, ctx, Xr, yr));
    }

    void randomSamplersBalanceTheClasses()
    {
        const Data d = imbalanced();
        TrainContext ctx;
        ctx.seed = 1;
        Matrix Xr;
        Vector yr;
        RandomOverSampler over;
        over.fitResample(d.X, d.y, ctx, Xr, yr);
        QCOMPARE(count(yr, 1), Eigen::Index(90));
        QCOMPARE(count(yr, 0), Eigen::Index(90));
        // Every added row is a copy of a minority row.
        for (Eigen::Index s = d.X.rows(); s < Xr.rows(); ++s) {
            bool copy = false;
            for (Eigen::Index i = 0; i < d.X.rows() && !copy; ++i)
                copy = d.y(i) == 1 && d.X.row(i) == Xr.row(s);
            QVERIFY(copy);
        }
        over.setParam("sampling_strategy", 0.5);
        over.fitResample(d.X, d.y, ctx, Xr, yr);
        QCOMPARE(count(yr, 1), Eigen::Index(45));

        RandomUnderSampler under;
        under.fitResample(d.X, d.y, ctx, Xr, yr);
        QCOMPARE(count(yr, 0), Eigen::Index(12));
        QCOMPARE(count(yr, 1), Eigen::Index(12));
        under.setParam("sampling_strategy", 0.5);
        under.fitResample(d.X, d.y, ctx, Xr, yr);
        QCOMPARE(count(yr, 0), Eigen::Index(24));
        QVERIFY_THROWS_EXCEPTION(ParamError, under.setParam("sampling_strategy", 0.0));
    }

    void pipelineResamplesOnlyWhenFitting()
    {
        const Data d = imbalanced();
        Pipeline p;
        p.addStep(Catalog::builtin().create("SMOTE"));
        p.addStep(Catalog::builtin().create("LogisticRegression"));
        TrainContext ctx;
        ctx.seed = 2;
        p.fit(d.X, d.y, ctx);
        QVERIFY(p.isFitted());
        // Predictions are one per input row: nothing is resampled.
        QCOMPARE(p.predict(d.X).size(), d.X.rows());
        QCOMPARE(p.transform(d.X), d.X);
        // The model was trained on the resampled rows.
        Smote smote;
        TrainContext same;
        same.seed = 2;
        Matrix Xr;
        Vector yr;
        smote.fitResample(d.X, d.y, same, Xr, yr);
        LogisticRegression direct;
        direct.fit(Xr, yr, same);
        const auto* fitted = dynamic_cast<const LogisticRegression*>(p.finalEstimator());
        QVERIFY(fitted);
        QCOMPARE(fitted->coef(), direct.coef());
        // More minority predictions than without resampling.
        Pipeline plain;
        plain.addStep(Catalog::builtin().create("LogisticRegression"));
        plain.fit(d.X, d.y, ctx);
        QVERIFY(p.predict(d.X).sum() >= plain.predict(d.X).sum());
    }

    void crossValidationResamplesOnlyTheTrainingFolds()
    {
        // A scorer that reports how many rows it is scored on: the test folds
        // keep their size, only the model's training rows were resampled.
        const Data d = imbalanced();
        Pipeline p;
        p.addStep(Catalog::builtin().create("SMOTE"));
        p.addStep(Catalog::builtin().create("LogisticRegression"));
        const std::vector<SplitIndices> splits = StratifiedKFold(3).split(d.y.size(), &d.y);
        const Scorer rowCount{"rows", [](const Predictor& model, const Matrix& X, const Vector&) {
                                  return static_cast<double>(model.predict(X).size());
                              }};
        TrainContext ctx;
        const CrossValidationResult r = crossValidateFolds(p, materializeFolds(d.X, d.y, splits), rowCount, ctx, true);
        for (std::size_t f = 0; f < splits.size(); ++f) {
            QCOMPARE(r.testScores[f], static_cast<double>(splits[f].test.size()));
            QCOMPARE(r.trainScores[f], static_cast<double>(splits[f].train.size()));
        }
    }

    void samplersTravelThroughPipelineJson()
    {
        const Data d = imbalanced();
        const nlohmann::json spec = {{"steps", {{{"type", "StandardScaler"}},
                                                {{"type", "SMOTE"}, {"k_neighbors", 3}},
                                                {{"type", "LogisticRegression"}}}}};
        Pipeline p = pipelineFromJson(spec);
        QCOMPARE(std::get<long long>(p.param("SMOTE__k_neighbors")), 3LL);
        QCOMPARE(pipelineSpecToJson(p).at("steps").at(1).at("type").get<std::string>(), std::string("SMOTE"));
        TrainContext ctx;
        p.fit(d.X, d.y, ctx);
        const nlohmann::json saved = savedPipelineToJson(p, nlohmann::json::object());
        const Pipeline loaded = savedPipelineFromJson(nlohmann::json::parse(saved.dump()));
        QVERIFY(loaded.isFitted());
        QCOMPARE(loaded.predictProba(d.X), p.predictProba(d.X));
        QVERIFY_THROWS_EXCEPTION(ParamError, pipelineFromJson({{"steps", {{{"type", "SMOTE"}, {"k_neighbors", 0}}}}}));
    }
};

QTEST_GUILESS_MAIN(TestImbalance)
#include "test_imbalance.moc"
