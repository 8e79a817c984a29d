// IterativeImputer and its default regressor BayesianRidge against
// scikit-learn 1.2.1, and TimeSeriesImputer's fills against pandas 1.5.3
// (ffill, bfill, interpolate with and without limit, rolling means trailing
// and centred). Also: saved state replays the same imputation, the catalog
// builds all three, and a bad input is refused with a message.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/linear/bayesian_ridge.h"
#include "engine/preprocessing/iterative_imputer.h"
#include "engine/preprocessing/time_series_imputer.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();
// X, NEW, BR_X, BR_Y and the series of tests/engine/preprocessing/reference_iterative_and_series.py
const Matrix kX = (Matrix(10, 4) << 1.0, 2.1, kNan, 10.0,
                                    2.0, 3.9, 6.2, 11.5,
                                    3.0, kNan, 9.1, 12.4,
                                    4.0, 8.2, 11.8, kNan,
                                    5.0, 9.8, kNan, 15.1,
                                    6.0, 12.3, 18.2, 16.0,
                                    7.0, 13.7, 21.5, kNan,
                                    8.0, kNan, kNan, 18.9,
                                    9.0, 18.4, 26.7, 20.2,
                                    10.0, 19.6, 30.4, 21.0).finished();
const Matrix kNew = (Matrix(3, 4) << kNan, 5.0, 7.0, 12.0, 3.5, kNan, kNan, kNan, kNan, kNan, kNan, kNan).finished();
const Matrix kBrX = (Matrix(8, 3) << 0.5, 1.0, -1.2, 1.5, -0.3, 0.8, 2.0, 0.7, 0.1, 3.1, 1.9, -0.4,
                     4.2, -1.1, 1.3, 5.0, 0.2, 0.9, 6.3, 1.4, -1.7, 7.1, -0.6, 0.5).finished();
const Vector kBrY = (Vector(8) << 1.2, 2.9, 4.1, 6.8, 7.5, 10.3, 12.9, 13.6).finished();
const Vector kSeries = (Vector(12) << kNan, 1.0, kNan, kNan, 4.0, kNan, 7.0, kNan, kNan, kNan, 12.0, kNan).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/reference_iterative_and_series.py
// BayesianRidge().fit(BR_X, BR_Y): coef, intercept, alpha_, lambda_, n_iter_
const std::vector<double> kBrCoef = {1.9872243665439346, 0.5644977428864806, 0.15783252573456974};
const double kBrIntercept = -0.19678827766399642;
const double kBrAlpha = 23.063601299187386;
const double kBrLambda = 0.6933249350397019;
const int kBrIter = 5;
// BayesianRidge().fit(BR_X[:3], BR_Y[:3]) (as many features as rows: the wide branch): coef, intercept
const std::vector<double> kBrWideCoef = {1.6883780024502495, 0.6603223786616141, 0.4350205933006228};
const double kBrWideIntercept = 0.21751427935430945;
// IterativeImputer(estimator=BayesianRidge()): fit_transform(X), transform(NEW), n_iter_
const std::vector<double> kIterBayesFit = {1.0, 2.1, 3.068781413266893, 10.0, 2.0, 3.9, 6.2, 11.5, 3.0, 5.934641782012562, 9.1, 12.4, 4.0, 8.2, 11.8, 13.77385475176006, 5.0, 9.8, 15.226345848879252, 15.1, 6.0, 12.3, 18.2, 16.0, 7.0, 13.7, 21.5, 17.47877413855059, 8.0, 16.072339004231512, 24.02270902237514, 18.9, 9.0, 18.4, 26.7, 20.2, 10.0, 19.6, 30.4, 21.0};
const std::vector<double> kIterBayesNew = {2.389100677066176, 5.0, 7.0, 12.0, 3.5, 7.016261654240168, 10.606396483690109, 13.163314666482815, 5.500000000000004, 11.000698078624414, 16.621783628452143, 15.635262889031068};
const int kIterBayesRounds = 4;
// IterativeImputer(estimator=Ridge()): fit_transform(X), transform(NEW), n_iter_
const std::vector<double> kIterRidgeFit = {1.0, 2.1, 3.1145904598547283, 10.0, 2.0, 3.9, 6.2, 11.5, 3.0, 5.98429876635258, 9.1, 12.4, 4.0, 8.2, 11.8, 13.753647258242744, 5.0, 9.8, 15.04081928017467, 15.1, 6.0, 12.3, 18.2, 16.0, 7.0, 13.7, 21.5, 17.491331790940603, 8.0, 16.107183969300806, 24.347119308917577, 18.9, 9.0, 18.4, 26.7, 20.2, 10.0, 19.6, 30.4, 21.0};
const std::vector<double> kIterRidgeNew = {2.3871779644210256, 5.0, 7.0, 12.0, 3.5, 7.3380785228349925, 10.969902543834895, 13.341557057246748, 5.500000000000002, 11.00914827356534, 16.640252904894698, 15.634497904918335};
const int kIterRidgeRounds = 4;
// IterativeImputer(estimator=LinearRegression()): fit_transform(X), transform(NEW), n_iter_
const std::vector<double> kIterLinearFit = {1.0, 2.1, 3.3161690126934484, 10.0, 2.0, 3.9, 6.2, 11.5, 3.0, 6.502059126210462, 9.1, 12.4, 4.0, 8.2, 11.8, 14.22351130125223, 5.0, 9.8, 15.24014114450276, 15.1, 6.0, 12.3, 18.2, 16.0, 7.0, 13.7, 21.5, 17.203392258320036, 8.0, 15.94778401758138, 24.008854541470065, 18.9, 9.0, 18.4, 26.7, 20.2, 10.0, 19.6, 30.4, 21.0};
const std::vector<double> kIterLinearNew = {2.3549755856397634, 5.0, 7.0, 12.0, 3.5, 7.378794094604469, 10.408634312201135, 13.351409794651453, 5.500000000000006, 11.044984314379217, 16.646516469866636, 15.652690355957233};
const int kIterLinearRounds = 5;
// IterativeImputer(add_indicator=True, initial_strategy='median', imputation_order='descending'): fit_transform(X)
const std::vector<double> kIterOptionsFit = {1.0, 2.1, 3.068980418066983, 10.0, 0.0, 1.0, 0.0, 2.0, 3.9, 6.2, 11.5, 0.0, 0.0, 0.0, 3.0, 5.934802564958263, 9.1, 12.4, 1.0, 0.0, 0.0, 4.0, 8.2, 11.8, 13.773897443122488, 0.0, 0.0, 1.0, 5.0, 9.8, 15.22605249988624, 15.1, 0.0, 1.0, 0.0, 6.0, 12.3, 18.2, 16.0, 0.0, 0.0, 0.0, 7.0, 13.7, 21.5, 17.478776766186144, 0.0, 0.0, 1.0, 8.0, 16.072199496303064, 24.022363998403073, 18.9, 1.0, 1.0, 0.0, 9.0, 18.4, 26.7, 20.2, 0.0, 0.0, 0.0, 10.0, 19.6, 30.4, 21.0, 0.0, 0.0, 0.0};
const int kIterOptionsColumns = 7;
// pandas on SERIES: ffill, ffill(limit=1), bfill, bfill(limit=2), interpolate, interpolate(limit=1)
const std::vector<double> kFfill = {kNan, 1.0, 1.0, 1.0, 4.0, 4.0, 7.0, 7.0, 7.0, 7.0, 12.0, 12.0};
const std::vector<double> kFfillLimit1 = {kNan, 1.0, 1.0, kNan, 4.0, 4.0, 7.0, 7.0, kNan, kNan, 12.0, 12.0};
const std::vector<double> kBfill = {1.0, 1.0, 4.0, 4.0, 4.0, 7.0, 7.0, 12.0, 12.0, 12.0, 12.0, kNan};
const std::vector<double> kBfillLimit2 = {1.0, 1.0, 4.0, 4.0, 4.0, 7.0, 7.0, kNan, 12.0, 12.0, 12.0, kNan};
const std::vector<double> kInterpolate = {kNan, 1.0, 2.0, 3.0, 4.0, 5.5, 7.0, 8.25, 9.5, 10.75, 12.0, 12.0};
const std::vector<double> kInterpolateLimit1 = {kNan, 1.0, 2.0, kNan, 4.0, 5.5, 7.0, 8.25, kNan, kNan, 12.0, 12.0};
// s.fillna(s.rolling(w, min_periods=1, center=c).mean()) for (w, c) = (3, False), (2, False), (3, True), (4, True)
const std::vector<double> kRolling3 = {kNan, 1.0, 1.0, 1.0, 4.0, 4.0, 7.0, 7.0, 7.0, kNan, 12.0, 12.0};
const std::vector<double> kRolling2 = {kNan, 1.0, 1.0, kNan, 4.0, 4.0, 7.0, 7.0, kNan, kNan, 12.0, 12.0};
const std::vector<double> kRolling3Centre = {1.0, 1.0, 1.0, 4.0, 4.0, 5.5, 7.0, 7.0, kNan, 12.0, 12.0, 12.0};
const std::vector<double> kRolling4Centre = {1.0, 1.0, 1.0, 2.5, 4.0, 5.5, 7.0, 7.0, 7.0, 12.0, 12.0, 12.0};

Vector asVector(const std::vector<double>& values)
{
    return Eigen::Map<const Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

Matrix imputed(const std::string& estimator, const Matrix& fitOn, const Matrix& apply, int* rounds = nullptr)
{
    IterativeImputer imputer;
    imputer.setParams({{"estimator", estimator}});
    TrainContext ctx;
    imputer.fit(fitOn, nullptr, ctx);
    if (rounds)
        *rounds = imputer.nIter();
    return imputer.transform(apply);
}

Vector filled(const std::string& method, long long limit = 0, long long window = 3, bool center = false)
{
    TimeSeriesImputer imputer;
    imputer.setParams({{"method", method}, {"limit", limit}, {"window", window}, {"center", center}});
    TrainContext ctx;
    imputer.fit(kSeries, nullptr, ctx);
    return imputer.transform(kSeries).col(0);
}

}  // namespace

class TestIterativeImputer : public QObject {
    Q_OBJECT
private slots:
    void bayesianRidgeMatchesScikitLearn()
    {
        BayesianRidge model;
        TrainContext ctx;
        model.fit(kBrX, kBrY, ctx);
        QVERIFY(sameValues(model.coef(), asVector(kBrCoef), 1e-8));
        QVERIFY(std::abs(model.intercept() - kBrIntercept) < 1e-8);
        QVERIFY(std::abs(model.noisePrecision() - kBrAlpha) / kBrAlpha < 1e-8);
        QVERIFY(std::abs(model.weightPrecision() - kBrLambda) / kBrLambda < 1e-8);
        QCOMPARE(model.nIter(), kBrIter);

        BayesianRidge wide;
        wide.fit(kBrX.topRows(3), kBrY.head(3), ctx);
        QVERIFY(sameValues(wide.coef(), asVector(kBrWideCoef), 1e-6));
        QVERIFY(std::abs(wide.intercept() - kBrWideIntercept) < 1e-6);
    }

    void iterativeImputerMatchesScikitLearn_data()
    {
        QTest::addColumn<QString>("estimator");
        QTest::addColumn<std::vector<double>>("fit");
        QTest::addColumn<std::vector<double>>("fresh");
        QTest::addColumn<int>("rounds");
        QTest::newRow("BayesianRidge") << "BayesianRidge" << kIterBayesFit << kIterBayesNew << kIterBayesRounds;
        QTest::newRow("Ridge") << "Ridge" << kIterRidgeFit << kIterRidgeNew << kIterRidgeRounds;
        QTest::newRow("LinearRegression") << "LinearRegression" << kIterLinearFit << kIterLinearNew << kIterLinearRounds;
    }
    void iterativeImputerMatchesScikitLearn()
    {
        QFETCH(QString, estimator);
        QFETCH(std::vector<double>, fit);
        QFETCH(std::vector<double>, fresh);
        QFETCH(int, rounds);
        int ran = 0;
        QVERIFY(sameValues(imputed(estimator.toStdString(), kX, kX, &ran), rowMajor(fit, 10, 4), 1e-6));
        QCOMPARE(ran, rounds);
        QVERIFY(sameValues(imputed(estimator.toStdString(), kX, kNew), rowMajor(fresh, 3, 4), 1e-6));
    }

    void iterativeImputerOptionsAndState()
    {
        IterativeImputer imputer;
        imputer.setParams({{"add_indicator", true}, {"initial_strategy", std::string("median")},
                           {"imputation_order", std::string("descending")}});
        TrainContext ctx;
        const Matrix out = imputer.fitTransform(kX, ctx);
        QVERIFY(sameValues(out, rowMajor(kIterOptionsFit, 10, kIterOptionsColumns), 1e-6));
        const StringList names = imputer.featureNamesOut({"a", "b", "c", "d"});
        QCOMPARE(names.size(), std::size_t(7));
        QCOMPARE(names[4], std::string("missingindicator_b"));

        nlohmann::json state;
        imputer.saveState(state);
        IterativeImputer restored;
        restored.setParams(imputer.params());
        restored.loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(sameValues(restored.transform(kNew), imputer.transform(kNew)));

        // An all-missing column is dropped, as SimpleImputer does.
        Matrix withEmpty(10, 5);
        withEmpty << kX, Vector::Constant(10, kNan);
        IterativeImputer dropping;
        dropping.fit(withEmpty, nullptr, ctx);
        QCOMPARE(dropping.transform(withEmpty).cols(), Eigen::Index(4));
        QVERIFY(sameValues(dropping.transform(withEmpty), rowMajor(kIterBayesFit, 10, 4), 1e-6));

        Matrix infinite = kX;
        infinite(0, 0) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(DataError, dropping.fit(infinite, nullptr, ctx));
        QVERIFY_THROWS_EXCEPTION(NotFittedError, IterativeImputer().transform(kX));
    }

    void timeSeriesFillsMatchPandas()
    {
        QVERIFY(sameValues(filled("ffill"), asVector(kFfill)));
        QVERIFY(sameValues(filled("ffill", 1), asVector(kFfillLimit1)));
        QVERIFY(sameValues(filled("bfill"), asVector(kBfill)));
        QVERIFY(sameValues(filled("bfill", 2), asVector(kBfillLimit2)));
        QVERIFY(sameValues(filled("interpolate"), asVector(kInterpolate)));
        QVERIFY(sameValues(filled("interpolate", 1), asVector(kInterpolateLimit1)));
        QVERIFY(sameValues(filled("rolling_mean", 0, 3), asVector(kRolling3)));
        QVERIFY(sameValues(filled("rolling_mean", 0, 2), asVector(kRolling2)));
        QVERIFY(sameValues(filled("rolling_mean", 0, 3, true), asVector(kRolling3Centre)));
        QVERIFY(sameValues(filled("rolling_mean", 0, 4, true), asVector(kRolling4Centre)));
    }

    void seasonalFillByHand()
    {
        // Two seasons of 4; the second has a gap of two. Growth = 12 / 10 from the last observed point.
        const Vector series = (Vector(8) << 5.0, 10.0, 20.0, 8.0, 6.0, 12.0, kNan, kNan).finished();
        TimeSeriesImputer imputer;
        imputer.setParams({{"method", std::string("seasonal")}, {"period", 4LL}});
        TrainContext ctx;
        imputer.fit(series, nullptr, ctx);
        const Vector out = imputer.transform(series).col(0);
        QCOMPARE(out(6), 20.0 * 1.2);
        QCOMPARE(out(7), 8.0 * 1.2);
        QCOMPARE(out(5), 12.0);
    }

    void catalogBuildsThem()
    {
        QVERIFY(Catalog::builtin().create("IterativeImputer"));
        QVERIFY(Catalog::builtin().create("TimeSeriesImputer"));
        QVERIFY(Catalog::builtin().create("BayesianRidge"));
    }
};

QTEST_APPLESS_MAIN(TestIterativeImputer)
#include "test_iterative_imputer.moc"
