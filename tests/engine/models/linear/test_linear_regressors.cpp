// LinearRegression, Ridge, Lasso and ElasticNet against scikit-learn 1.2.1
// on the diabetes data (raw units, all rows), plus their error handling,
// training reports and saved state.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/linear/elastic_net.h"
#include "engine/models/linear/lasso.h"
#include "engine/models/linear/linear_regression.h"
#include "engine/models/linear/ridge.h"
#include "tests/support/test_support.h"

#include <Eigen/Cholesky>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

// Produced by: /usr/bin/python3 tests/engine/models/linear/data/sklearn_reference.py regressors
// diabetes.csv (raw), all rows
// LinearRegression()
const std::vector<double> kOlsCoef = {-0.03636122422361629, -22.859648090498435, 5.602962091923701, 1.1168079933181874, -1.0899963340632315, 0.7464504555142089, 0.3720047150891397, 6.533831935990327, 68.48312496478822, 0.2801169893214972};
constexpr double kOlsIntercept = -334.5671385187851;
// Ridge(), n_iter_ = None
const std::vector<double> kRidge1Coef = {-0.03285239685543279, -22.60704543228011, 5.640405234365643, 1.1189975700485106, -0.9146734842698779, 0.5849098252881699, 0.17788523837878512, 6.2504417786613935, 63.179080873617075, 0.2877669028997921};
constexpr double kRidge1Intercept = -316.07711860428697;
// Ridge(alpha=100.0), n_iter_ = None
const std::vector<double> kRidge100Coef = {-0.030148769974444045, -10.638379724175492, 6.108309085342643, 1.0779204284674988, 0.9991962656850755, -1.1544627589264027, -1.885109290188745, 1.615314424672041, 7.439471642697406, 0.3467135799358909};
constexpr double kRidge100Intercept = -128.52347938124646;
// Lasso(alpha=0.1), n_iter_ = 538
const std::vector<double> kLasso01Coef = {-0.034222114822484245, -22.318851988733222, 5.628241299242518, 1.1138756339309774, -0.9347573458570112, 0.613370422486381, 0.1761717093254859, 5.754523381801813, 64.32688762034542, 0.28537584656469445};
constexpr double kLasso01Intercept = -318.12042401460667;
// Lasso(), n_iter_ = 343
const std::vector<double> kLasso1Coef = {-0.0190267114618559, -17.477049676119243, 5.8424305668185905, 1.091542583780383, 0.15613239591413472, -0.3152035182535839, -1.187751712913974, 0.16243274585021494, 34.22471514072442, 0.329732281304906};
constexpr double kLasso1Intercept = -202.30265547056527;
// ElasticNet(alpha=0.1), n_iter_ = 266
const std::vector<double> kElasticNet01Coef = {-0.016040868053596592, -18.03546644651731, 5.9499039648762535, 1.1154801600464264, 0.4240409037393373, -0.6374925185800755, -1.2992690602349246, 3.428739412203317, 23.457901217644686, 0.3386391243951043};
constexpr double kElasticNet01Intercept = -178.7774609444863;
// ElasticNet(l1_ratio=0.7), n_iter_ = 114
const std::vector<double> kElasticNet1Coef = {-0.03136392250341259, -7.624248960208937, 6.111726831636927, 1.0583179317237361, 1.1516560198191157, -1.2669865462943368, -2.087965413211913, 0.0, 3.8734052670693253, 0.3485546648271038};
constexpr double kElasticNet1Intercept = -113.91351898428306;
// Ridge(alpha=1.0, fit_intercept=False)
const std::vector<double> kRidgeNoInterceptCoef = {0.021460065344406056, -25.773359855162553, 5.361632305398136, 1.0164972599552713, 1.2708613229786758, -1.293182769657277, -3.067491679521783, -5.450316141056625, 5.2509242404207646, 0.12325165667083751};

Vector asVector(const std::vector<double>& values)
{
    return Eigen::Map<const Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

struct Diabetes {
    Matrix X;
    Vector y;
};

const Diabetes& diabetes()
{
    static const Diabetes data = [] {
        const Dataset d = test::builtin("diabetes");
        return Diabetes{d.featureMatrix(), d.targetValues()};
    }();
    return data;
}

struct RecordingObserver : TrainObserver {
    std::vector<TrainStep> steps;
    void onStep(const TrainStep& step, const Predictor&) override { steps.push_back(step); }
};

}  // namespace

class TestLinearRegressors : public QObject {
    Q_OBJECT

private:
    void check(LinearModel& model, const std::vector<double>& coef, double intercept, double tolerance)
    {
        TrainContext ctx;
        model.fit(diabetes().X, diabetes().y, ctx);
        const Vector expected = asVector(coef);
        // Relative to each coefficient's size: the raw features span 1 to ~300, so coefficients span 4 decades.
        for (Eigen::Index j = 0; j < expected.size(); ++j) {
            const double error = std::abs(model.coef()(j) - expected(j));
            QVERIFY2(error <= tolerance * std::max(1.0, std::abs(expected(j))),
                     qPrintable(QString("%1 coef[%2] = %3, scikit-learn %4")
                                    .arg(QString::fromStdString(model.typeName()))
                                    .arg(j)
                                    .arg(model.coef()(j), 0, 'g', 17)
                                    .arg(expected(j), 0, 'g', 17)));
        }
        QVERIFY2(std::abs(model.intercept() - intercept) <= tolerance * std::max(1.0, std::abs(intercept)),
                 qPrintable(QString("intercept %1 vs %2").arg(model.intercept(), 0, 'g', 17).arg(intercept, 0, 'g', 17)));
    }

private slots:
    void linearRegressionMatchesScikitLearn()
    {
        LinearRegression model;
        check(model, kOlsCoef, kOlsIntercept, 1e-6);
    }

    void ridgeMatchesScikitLearn()
    {
        Ridge model;
        check(model, kRidge1Coef, kRidge1Intercept, 1e-6);
        model.setParam("alpha", 100.0);
        check(model, kRidge100Coef, kRidge100Intercept, 1e-6);
        model.setParams({{"alpha", 1.0}, {"fit_intercept", false}});
        check(model, kRidgeNoInterceptCoef, 0.0, 1e-6);
    }

    void ridgeWithMoreFeaturesThanRowsUsesTheDualForm()
    {
        // 5 rows, 10 features: the kernel form must give the same w as the primal.
        const Matrix X = diabetes().X.topRows(5);
        const Vector y = diabetes().y.head(5);
        Ridge model;
        model.setParam("alpha", 2.0);
        TrainContext ctx;
        model.fit(X, y, ctx);
        Matrix Xc = X.rowwise() - X.colwise().mean();
        const Vector yc = y.array() - y.mean();
        const Matrix A = Xc.transpose() * Xc + 2.0 * Matrix::Identity(10, 10);
        const Vector expected = A.ldlt().solve(Xc.transpose() * yc);
        QVERIFY((model.coef() - expected).cwiseAbs().maxCoeff() <= 1e-9 * expected.cwiseAbs().maxCoeff());
    }

    void lassoMatchesScikitLearn()
    {
        Lasso model;
        model.setParam("alpha", 0.1);
        check(model, kLasso01Coef, kLasso01Intercept, 1e-4);
        QCOMPARE(model.nIter(), 538);  // the same sweeps as scikit-learn's cd_fast
        model.setParam("alpha", 1.0);
        check(model, kLasso1Coef, kLasso1Intercept, 1e-4);
        QCOMPARE(model.nIter(), 343);
    }

    void elasticNetMatchesScikitLearn()
    {
        ElasticNet model;
        model.setParam("alpha", 0.1);
        check(model, kElasticNet01Coef, kElasticNet01Intercept, 1e-4);
        QCOMPARE(model.nIter(), 266);
        model.setParams({{"alpha", 1.0}, {"l1_ratio", 0.7}});
        check(model, kElasticNet1Coef, kElasticNet1Intercept, 1e-4);
        QCOMPARE(model.nIter(), 114);
        QCOMPARE(model.coef()(7), 0.0);  // s4 is dropped exactly, as in scikit-learn
    }

    void lassoWithHugeAlphaKeepsOnlyTheIntercept()
    {
        Lasso model;
        model.setParam("alpha", 1e6);
        TrainContext ctx;
        model.fit(diabetes().X, diabetes().y, ctx);
        QVERIFY(model.coef().isZero(0.0));
        QVERIFY(std::abs(model.intercept() - diabetes().y.mean()) < 1e-9);
    }

    void coordinateDescentReportsEachSweep()
    {
        ElasticNet model;
        model.setParams({{"alpha", 0.1}, {"max_iter", 20LL}});
        RecordingObserver observer;
        TrainContext ctx;
        ctx.observer = &observer;
        ctx.validationX = &diabetes().X;
        ctx.validationY = &diabetes().y;
        model.fit(diabetes().X, diabetes().y, ctx);
        QCOMPARE(observer.steps.size(), std::size_t{20});
        for (std::size_t k = 1; k < observer.steps.size(); ++k) {
            QVERIFY(observer.steps[k].metrics.at("objective") <= observer.steps[k - 1].metrics.at("objective"));
            QVERIFY(std::abs(observer.steps[k].trainLoss - observer.steps[k].validationLoss)
                    <= 1e-9 * observer.steps[k].trainLoss);
        }
        QVERIFY(std::abs(observer.steps.back().trainLoss - model.loss(diabetes().X, diabetes().y)) < 1e-6);
    }

    void missingValuesAreRejected()
    {
        Matrix X = diabetes().X;
        X(10, 3) = std::nan("");
        for (const char* type : {"LinearRegression", "Ridge", "Lasso", "ElasticNet"}) {
            const auto model = Catalog::builtin().createEstimator(type);
            QVERIFY(!model->isClassifier());
            TrainContext ctx;
            try {
                model->fit(X, diabetes().y, ctx);
                QFAIL("expected a DataError");
            } catch (const DataError& e) {
                QVERIFY2(QString(e.what()).contains("column 3") && QString(e.what()).contains("SimpleImputer"), e.what());
            }
            QVERIFY_THROWS_EXCEPTION(NotFittedError, model->predict(diabetes().X));
        }
    }

    void saveLoadRoundTripKeepsPredictions()
    {
        for (const char* type : {"LinearRegression", "Ridge", "Lasso", "ElasticNet"}) {
            const auto model = Catalog::builtin().createEstimator(type);
            TrainContext ctx;
            model->fit(diabetes().X, diabetes().y, ctx);
            nlohmann::json state;
            model->saveState(state);
            const auto reloaded = Catalog::builtin().createEstimator(type);
            reloaded->loadState(nlohmann::json::parse(state.dump()));
            QVERIFY(reloaded->predict(diabetes().X) == model->predict(diabetes().X));
            state["coef"] = "broken";
            QVERIFY_THROWS_EXCEPTION(FormatError, reloaded->loadState(state));
            QVERIFY_THROWS_EXCEPTION(DataError, model->predict(diabetes().X.leftCols(3)));
        }
    }

    void catalogListsTheLinearModels()
    {
        for (const char* type : {"LogisticRegression", "LinearRegression", "Ridge", "Lasso", "ElasticNet"}) {
            const CatalogEntry* entry = Catalog::builtin().find(type);
            QVERIFY2(entry, type);
            QCOMPARE(entry->category, std::string("Linear models"));
            QVERIFY(!entry->summary.empty());
            QCOMPARE(entry->create()->typeName(), std::string(type));
        }
        QVERIFY(Catalog::builtin().create("Lasso")->findSpec("l1_ratio") == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestLinearRegressors)
#include "test_linear_regressors.moc"
