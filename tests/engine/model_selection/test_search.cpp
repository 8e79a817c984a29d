// Hyperparameter searches: GridSearchCV's mean scores, ranks and best
// parameters equal scikit-learn 1.2.1's on the same folds (reference.h names
// the command that produced them); RandomizedSearchCV is seeded; every
// evaluation reaches the observer; the stop token cancels; a bad search space
// is a ParamError before anything is fitted; and Bayesian optimisation gets
// within 1% of a grid's best score with a quarter of its evaluations.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/model_selection/bayes_search_cv.h"
#include "engine/model_selection/grid_search_cv.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/randomized_search_cv.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/metrics/classification_metrics.h"
#include "tests/engine/model_selection/reference.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <cmath>
#include <mutex>
#include <set>

using namespace dslab;
using dslab::test::modelSelectionReference;
using dslab::test::scaledLogistic;

namespace {

struct Data {
    Matrix X;
    Vector y;
};

const Data& breastCancer()
{
    static const Data data = [] {
        const Dataset d = dslab::test::builtin("breast_cancer");
        return Data{d.featureMatrix(), d.targetCodes()};
    }();
    return data;
}

std::vector<ParamValue> doubles(const std::vector<double>& values)
{
    return {values.begin(), values.end()};
}

Pipeline scaledSvc()
{
    Pipeline p;
    p.addStep(Catalog::builtin().create("StandardScaler"));
    p.addStep(Catalog::builtin().create("SVC"));
    return p;
}

}  // namespace

class TestSearch : public QObject {
    Q_OBJECT

private slots:
    void gridSearchMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("grid_search_c");
        GridSearchCV search({{"LogisticRegression__C", doubles(ref.at("C").get<std::vector<double>>())}});
        search.setScoring("accuracy");
        std::vector<int> seen;
        std::mutex m;
        search.setObserver([&](const SearchEvaluation& e) {
            std::lock_guard lock(m);
            seen.push_back(e.foldScores.size() == 5 ? e.index : -1);
        });
        TrainContext ctx;
        ctx.threads = 2;
        const SearchResult r = search.fit(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5), ctx);
        const auto means = ref.at("mean_test_score").get<std::vector<double>>();
        const auto stds = ref.at("std_test_score").get<std::vector<double>>();
        QCOMPARE(r.evaluations.size(), means.size());
        for (std::size_t i = 0; i < means.size(); ++i) {
            // Accuracies are counts over the same folds: equal to the last bit.
            QCOMPARE(r.evaluations[i].meanScore, means[i]);
            QVERIFY(std::abs(r.evaluations[i].stdScore - stds[i]) < 1e-12);
        }
        // C = 0.3 and C = 1 differ in the last bit of the mean; scikit-learn ranks C = 1 first.
        QCOMPARE(r.bestIndex, ref.at("best_index").get<int>());
        QCOMPARE(std::get<double>(r.bestParams.at("LogisticRegression__C")), ref.at("best_C").get<double>());
        QCOMPARE(r.bestScore, ref.at("best_score").get<double>());
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        // Refitted on all rows with the best C.
        QVERIFY(r.refitted);
        QVERIFY(r.bestPipeline.isFitted());
        QCOMPARE(std::get<double>(r.bestPipeline.param("LogisticRegression__C")), 1.0);
        QVERIFY(accuracy(breastCancer().y, r.bestPipeline.predict(breastCancer().X)) > 0.97);
    }

    void gridOrderFollowsScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("grid_search_two");
        GridSearchCV search({{"LogisticRegression__fit_intercept", {ParamValue(true), ParamValue(false)}},
                             {"LogisticRegression__C", doubles({0.01, 0.1, 1.0})}});
        search.setScoring("neg_log_loss");
        search.setRefit(false);
        TrainContext ctx;
        const SearchResult r = search.fit(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5), ctx);
        const auto means = ref.at("mean_test_score").get<std::vector<double>>();
        QCOMPARE(r.evaluations.size(), means.size());
        for (std::size_t i = 0; i < means.size(); ++i) {
            const auto& p = ref.at("params").at(i);
            QCOMPARE(std::get<double>(r.evaluations[i].params.at("LogisticRegression__C")),
                     p.at("LogisticRegression__C").get<double>());
            QCOMPARE(std::get<bool>(r.evaluations[i].params.at("LogisticRegression__fit_intercept")),
                     p.at("LogisticRegression__fit_intercept").get<bool>());
            // Log losses of models fitted by two L-BFGS implementations agree closely, not bit for bit.
            QVERIFY2(std::abs(r.evaluations[i].meanScore - means[i]) < 1e-5 * std::abs(means[i]),
                     qPrintable(QString("%1 vs %2").arg(r.evaluations[i].meanScore, 0, 'g', 17).arg(means[i], 0, 'g', 17)));
        }
        QCOMPARE(r.bestIndex, ref.at("best_index").get<int>());
        QVERIFY(!r.refitted);
        QVERIFY(!r.bestPipeline.isFitted());
    }

    void randomizedSearchIsSeeded()
    {
        ParamDistributions space = {
            {"LogisticRegression__C", ParamDistribution::logUniform(1e-3, 1e2)},
            {"LogisticRegression__max_iter", ParamDistribution::integer(50, 200)},
            {"LogisticRegression__class_weight", ParamDistribution::choice({ParamValue(std::string("none")),
                                                                           ParamValue(std::string("balanced"))})},
        };
        auto run = [&](std::uint64_t seed) {
            RandomizedSearchCV search(space, 6);
            TrainContext ctx;
            ctx.seed = seed;
            ctx.threads = 2;
            return search.fit(scaledLogistic(), breastCancer().X, breastCancer().y, StratifiedKFold(3), ctx);
        };
        const SearchResult a = run(4), b = run(4), c = run(5);
        QCOMPARE(a.evaluations.size(), std::size_t{6});
        for (std::size_t i = 0; i < 6; ++i) {
            QVERIFY(a.evaluations[i].params == b.evaluations[i].params);
            QCOMPARE(a.evaluations[i].meanScore, b.evaluations[i].meanScore);
            const double C = std::get<double>(a.evaluations[i].params.at("LogisticRegression__C"));
            QVERIFY(C >= 1e-3 && C <= 1e2);
            const long long iters = std::get<long long>(a.evaluations[i].params.at("LogisticRegression__max_iter"));
            QVERIFY(iters >= 50 && iters <= 200);
        }
        QVERIFY(!(a.evaluations[0].params == c.evaluations[0].params));
    }

    void badSearchSpacesAreParamErrors()
    {
        TrainContext ctx;
        const Data& d = breastCancer();
        QVERIFY_THROWS_EXCEPTION(ParamError, GridSearchCV({}).fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, GridSearchCV(ParamGrid{{"LogisticRegression__C", std::vector<ParamValue>{}}}).fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        // A string for a float, an unknown step, an unknown parameter.
        QVERIFY_THROWS_EXCEPTION(ParamError, GridSearchCV({{"LogisticRegression__C", {ParamValue(std::string("high"))}}})
                                                 .fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, GridSearchCV({{"SVC__C", doubles({1.0})}}).fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, GridSearchCV({{"LogisticRegression__gamma", doubles({1.0})}})
                                                 .fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, RandomizedSearchCV({}, 3).fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        // A continuous range on an integer parameter, a range outside the allowed one.
        QVERIFY_THROWS_EXCEPTION(ParamError, RandomizedSearchCV({{"LogisticRegression__max_iter", ParamDistribution::uniform(10, 100)}}, 3)
                                                 .fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, BayesSearchCV({{"LogisticRegression__C", ParamDistribution::uniform(-1, 1)}}, 3)
                                                 .fit(scaledLogistic(), d.X, d.y, KFold(3), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, ParamDistribution::logUniform(0, 1));
        QVERIFY_THROWS_EXCEPTION(ParamError, ParamDistribution::uniform(2, 1));
        QVERIFY_THROWS_EXCEPTION(ParamError, ParamDistribution::choice({}));
        QVERIFY_THROWS_EXCEPTION(ParamError, BayesSearchCV({}, 0));
    }

    void budgetAndCancel()
    {
        const Data& d = breastCancer();
        GridSearchCV search({{"LogisticRegression__C", doubles({0.01, 0.1, 1.0, 10.0})}});
        search.setBudget(2);
        TrainContext ctx;
        SearchResult r = search.fit(scaledLogistic(), d.X, d.y, KFold(3), ctx);
        QCOMPARE(r.evaluations.size(), std::size_t{2});

        // Cancel from the observer after the first candidate: the search stops
        // and keeps what finished, without refitting.
        GridSearchCV cancelling({{"LogisticRegression__C", doubles({0.01, 0.1, 1.0, 10.0, 100.0})}});
        TrainContext stoppable;
        stoppable.stop = std::make_shared<StopToken>();
        cancelling.setObserver([&](const SearchEvaluation&) { stoppable.stop->requestCancel(); });
        r = cancelling.fit(scaledLogistic(), d.X, d.y, KFold(3), stoppable);
        QVERIFY(r.cancelled);
        QVERIFY(!r.evaluations.empty() && r.evaluations.size() < 5);
        QVERIFY(!r.refitted);
        for (std::size_t i = 0; i < r.evaluations.size(); ++i)
            QCOMPARE(r.evaluations[i].index, int(i));
    }

    void bayesianSearchNearlyMatchesTheGridWithAQuarterOfTheEvaluations()
    {
        // SVC(C, gamma) on the scaled breast_cancer data, an 8 x 8 log grid.
        const Data& d = breastCancer();
        std::vector<double> cs, gammas;
        for (int i = 0; i < 8; ++i) {
            cs.push_back(std::pow(10.0, -1.0 + 4.0 * i / 7.0));      // 0.1 .. 1000
            gammas.push_back(std::pow(10.0, -4.0 + 4.0 * i / 7.0));  // 1e-4 .. 1
        }
        TrainContext ctx;
        ctx.threads = 2;
        ctx.seed = 0;
        GridSearchCV grid({{"SVC__C", doubles(cs)}, {"SVC__gamma", doubles(gammas)}});
        grid.setRefit(false);
        const SearchResult g = grid.fit(scaledSvc(), d.X, d.y, KFold(5), ctx);
        QCOMPARE(g.evaluations.size(), std::size_t{64});

        BayesSearchCV bayes({{"SVC__C", ParamDistribution::logUniform(0.1, 1000)},
                             {"SVC__gamma", ParamDistribution::logUniform(1e-4, 1)}},
                            16, 5);
        bayes.setRefit(false);
        int reported = 0;
        bayes.setObserver([&](const SearchEvaluation&) { ++reported; });
        const SearchResult b = bayes.fit(scaledSvc(), d.X, d.y, KFold(5), ctx);
        QCOMPARE(b.evaluations.size(), std::size_t{16});
        QCOMPARE(reported, 16);
        qInfo("grid best %.6f after 64 evaluations; Bayesian best %.6f after 16", g.bestScore, b.bestScore);
        QVERIFY(b.bestScore >= 0.99 * g.bestScore);
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "test_search.moc"
