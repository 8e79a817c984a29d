// MinMaxScaler, MaxAbsScaler, RobustScaler and Normalizer against
// scikit-learn 1.2.1: learned attributes and output on data with a missing
// value, a constant column, an all-zero column and an outlier; clipping;
// new rows outside the training range; zero rows for Normalizer; saved
// state, damaged state and messages.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/max_abs_scaler.h"
#include "engine/preprocessing/min_max_scaler.h"
#include "engine/preprocessing/normalizer.h"
#include "engine/preprocessing/robust_scaler.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::nan("");
// SCALERS_X, SCALERS_NEW and NORMALIZER_X of tests/engine/preprocessing/sklearn_reference.py
const Matrix kX = (Matrix(6, 6) << 1.0, 10.0, 5.0, 1.0, -3.0, 0.0,
                                   2.0, kNan, 5.0, 2.0, 4.0, 0.0,
                                   3.0, 30.0, 5.0, 3.0, -1.5, 0.0,
                                   4.0, 35.0, 5.0, 4.0, 2.0, 0.0,
                                   9.5, 70.0, 5.0, 100.0, 0.5, 0.0,
                                   6.0, 20.0, 5.0, 5.0, -8.0, 0.0).finished();
const Matrix kNew = (Matrix(2, 6) << 0.0, kNan, 6.0, 50.0, 10.0, 1.0,
                                     12.0, 5.0, 5.0, -2.0, -9.0, 0.0).finished();
const Matrix kRows = (Matrix(4, 3) << 3.0, 4.0, 0.0, -1.0, 2.0, -2.0, 0.0, 0.0, 0.0, 0.0, -5.0, 0.0).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py scalers
// MinMaxScaler(): scale_, min_, transform(X) and transform(new) row-major
const std::vector<double> kMinMaxScale = {0.11764705882352941, 0.016666666666666666, 1.0, 0.010101010101010102, 0.08333333333333333, 1.0};
const std::vector<double> kMinMaxMin = {-0.11764705882352941, -0.16666666666666666, -5.0, -0.010101010101010102, 0.6666666666666666, 0.0};
const std::vector<double> kMinMaxTransformed = {0.0, 0.0, 0.0, 0.0, 0.41666666666666663, 0.0, 0.11764705882352941, std::nan(""), 0.0, 0.010101010101010102, 1.0, 0.0, 0.2352941176470588, 0.33333333333333337, 0.0, 0.0202020202020202, 0.5416666666666666, 0.0, 0.3529411764705882, 0.41666666666666674, 0.0, 0.030303030303030304, 0.8333333333333333, 0.0, 1.0, 1.0, 0.0, 1.0, 0.7083333333333333, 0.0, 0.588235294117647, 0.16666666666666666, 0.0, 0.04040404040404041, 0.0, 0.0};
const std::vector<double> kMinMaxTransformedNew = {-0.11764705882352941, std::nan(""), 1.0, 0.494949494949495, 1.5, 1.0, 1.2941176470588234, -0.08333333333333333, 0.0, -0.030303030303030304, -0.08333333333333337, 0.0};
// MinMaxScaler(feature_range=(-1, 2)): scale_, min_, transform(X) and transform(new) row-major
const std::vector<double> kMinMaxRangeScale = {0.35294117647058826, 0.05, 3.0, 0.030303030303030304, 0.25, 3.0};
const std::vector<double> kMinMaxRangeMin = {-1.3529411764705883, -1.5, -16.0, -1.0303030303030303, 1.0, -1.0};
const std::vector<double> kMinMaxRangeTransformed = {-1.0, -1.0, -1.0, -1.0, 0.25, -1.0, -0.6470588235294118, std::nan(""), -1.0, -0.9696969696969697, 2.0, -1.0, -0.2941176470588236, 0.0, -1.0, -0.9393939393939393, 0.625, -1.0, 0.05882352941176472, 0.25, -1.0, -0.9090909090909091, 1.5, -1.0, 2.0, 2.0, -1.0, 2.0, 1.125, -1.0, 0.7647058823529411, -0.5, -1.0, -0.8787878787878788, -1.0, -1.0};
const std::vector<double> kMinMaxRangeTransformedNew = {-1.3529411764705883, std::nan(""), 2.0, 0.48484848484848486, 3.5, 2.0, 2.8823529411764706, -1.25, -1.0, -1.0909090909090908, -1.25, -1.0};
// MinMaxScaler(clip=True, feature_range=(-1, 2)): scale_, min_, transform(X) and transform(new) row-major
const std::vector<double> kMinMaxClipScale = {0.35294117647058826, 0.05, 3.0, 0.030303030303030304, 0.25, 3.0};
const std::vector<double> kMinMaxClipMin = {-1.3529411764705883, -1.5, -16.0, -1.0303030303030303, 1.0, -1.0};
const std::vector<double> kMinMaxClipTransformed = {-1.0, -1.0, -1.0, -1.0, 0.25, -1.0, -0.6470588235294118, std::nan(""), -1.0, -0.9696969696969697, 2.0, -1.0, -0.2941176470588236, 0.0, -1.0, -0.9393939393939393, 0.625, -1.0, 0.05882352941176472, 0.25, -1.0, -0.9090909090909091, 1.5, -1.0, 2.0, 2.0, -1.0, 2.0, 1.125, -1.0, 0.7647058823529411, -0.5, -1.0, -0.8787878787878788, -1.0, -1.0};
const std::vector<double> kMinMaxClipTransformedNew = {-1.0, std::nan(""), 2.0, 0.48484848484848486, 2.0, 2.0, 2.0, -1.0, -1.0, -1.0, -1.0, -1.0};
// MaxAbsScaler(): max_abs_, scale_, transform(X) and transform(new) row-major
const std::vector<double> kMaxAbsMaxAbs = {9.5, 70.0, 5.0, 100.0, 8.0, 0.0};
const std::vector<double> kMaxAbsScale = {9.5, 70.0, 5.0, 100.0, 8.0, 1.0};
const std::vector<double> kMaxAbsTransformed = {0.10526315789473684, 0.14285714285714285, 1.0, 0.01, -0.375, 0.0, 0.21052631578947367, std::nan(""), 1.0, 0.02, 0.5, 0.0, 0.3157894736842105, 0.42857142857142855, 1.0, 0.03, -0.1875, 0.0, 0.42105263157894735, 0.5, 1.0, 0.04, 0.25, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0625, 0.0, 0.631578947368421, 0.2857142857142857, 1.0, 0.05, -1.0, 0.0};
const std::vector<double> kMaxAbsTransformedNew = {0.0, std::nan(""), 1.2, 0.5, 1.25, 1.0, 1.263157894736842, 0.07142857142857142, 1.0, -0.02, -1.125, 0.0};
// RobustScaler(): scale_, transform(X) and transform(new) row-major
const std::vector<double> kRobustScale = {3.25, 15.0, 1.0, 2.5, 4.25, 1.0};
const std::vector<double> kRobustTransformed = {-0.7692307692307693, -1.3333333333333333, 0.0, -1.0, -0.5882352941176471, 0.0, -0.46153846153846156, std::nan(""), 0.0, -0.6, 1.0588235294117647, 0.0, -0.15384615384615385, 0.0, 0.0, -0.2, -0.23529411764705882, 0.0, 0.15384615384615385, 0.3333333333333333, 0.0, 0.2, 0.5882352941176471, 0.0, 1.8461538461538463, 2.6666666666666665, 0.0, 38.6, 0.23529411764705882, 0.0, 0.7692307692307693, -0.6666666666666666, 0.0, 0.6, -1.7647058823529411, 0.0};
const std::vector<double> kRobustTransformedNew = {-1.0769230769230769, std::nan(""), 1.0, 18.6, 2.4705882352941178, 1.0, 2.6153846153846154, -1.6666666666666667, 0.0, -2.2, -2.0, 0.0};
// RobustScaler(quantile_range=(10.0, 80.0)): scale_, transform(X) and transform(new) row-major
const std::vector<double> kRobustRangeScale = {4.5, 28.000000000000007, 1.0, 3.5, 7.5, 1.0};
const std::vector<double> kRobustRangeTransformed = {-0.5555555555555556, -0.7142857142857141, 0.0, -0.7142857142857143, -0.3333333333333333, 0.0, -0.3333333333333333, std::nan(""), 0.0, -0.42857142857142855, 0.6, 0.0, -0.1111111111111111, 0.0, 0.0, -0.14285714285714285, -0.13333333333333333, 0.0, 0.1111111111111111, 0.17857142857142852, 0.0, 0.14285714285714285, 0.3333333333333333, 0.0, 1.3333333333333333, 1.4285714285714282, 0.0, 27.571428571428573, 0.13333333333333333, 0.0, 0.5555555555555556, -0.35714285714285704, 0.0, 0.42857142857142855, -1.0, 0.0};
const std::vector<double> kRobustRangeTransformedNew = {-0.7777777777777778, std::nan(""), 1.0, 13.285714285714286, 1.4, 1.0, 1.8888888888888888, -0.8928571428571427, 0.0, -1.5714285714285714, -1.1333333333333333, 0.0};
// RobustScaler(quantile_range=(5.0, 95.0), with_centering=False): scale_, transform(X) and transform(new) row-major
const std::vector<double> kRobustNoCenterScale = {7.375, 50.99999999999999, 1.0, 75.0, 10.25, 1.0};
const std::vector<double> kRobustNoCenterTransformed = {0.13559322033898305, 0.19607843137254904, 5.0, 0.013333333333333334, -0.2926829268292683, 0.0, 0.2711864406779661, std::nan(""), 5.0, 0.02666666666666667, 0.3902439024390244, 0.0, 0.4067796610169492, 0.5882352941176472, 5.0, 0.04, -0.14634146341463414, 0.0, 0.5423728813559322, 0.6862745098039217, 5.0, 0.05333333333333334, 0.1951219512195122, 0.0, 1.2881355932203389, 1.3725490196078434, 5.0, 1.3333333333333333, 0.04878048780487805, 0.0, 0.8135593220338984, 0.3921568627450981, 5.0, 0.06666666666666667, -0.7804878048780488, 0.0};
const std::vector<double> kRobustNoCenterTransformedNew = {0.0, std::nan(""), 6.0, 0.6666666666666666, 0.975609756097561, 1.0, 1.6271186440677967, 0.09803921568627452, 5.0, -0.02666666666666667, -0.8780487804878049, 0.0};
const std::vector<double> kRobustCenter = {3.5, 30.0, 5.0, 3.5, -0.5, 0.0};
// Normalizer(norm='l1').fit_transform(NORMALIZER_X) row-major
const std::vector<double> kNormalizerL1 = {0.42857142857142855, 0.5714285714285714, 0.0, -0.2, 0.4, -0.4, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0};
// Normalizer(norm='l2').fit_transform(NORMALIZER_X) row-major
const std::vector<double> kNormalizerL2 = {0.6, 0.8, 0.0, -0.3333333333333333, 0.6666666666666666, -0.6666666666666666, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0};
// Normalizer(norm='max').fit_transform(NORMALIZER_X) row-major
const std::vector<double> kNormalizerMax = {0.75, 1.0, 0.0, -0.5, 1.0, -1.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0};

Matrix row(const std::vector<double>& v)
{
    return rowMajor(v, 1, static_cast<Eigen::Index>(v.size()));
}

Matrix out(const std::vector<double>& v, Eigen::Index rows)
{
    return rowMajor(v, rows, static_cast<Eigen::Index>(v.size()) / rows);
}

template <class T>
T fitted(const ParamMap& params, const Matrix& X = kX)
{
    T t;
    t.setParams(params);
    TrainContext ctx;
    t.fit(X, nullptr, ctx);
    return t;
}

template <class T>
T reloaded(const T& model)
{
    nlohmann::json state;
    model.saveState(state);
    T copy;
    copy.setParams(model.params());
    copy.loadState(nlohmann::json::parse(state.dump()));
    return copy;
}

double maxDiff(const Matrix& a, const Matrix& b)
{
    double m = 0;
    for (Eigen::Index k = 0; k < a.size(); ++k)
        if (!std::isnan(b.data()[k]))
            m = std::max(m, std::abs(a.data()[k] - b.data()[k]));
    return m;
}

}  // namespace

class TestScalers : public QObject {
    Q_OBJECT

private slots:
    void minMaxMatchesScikitLearn()
    {
        struct Case {
            ParamMap params;
            const std::vector<double>&scale, &min, &transformed, &transformedNew;
        };
        const Case cases[] = {
            {{}, kMinMaxScale, kMinMaxMin, kMinMaxTransformed, kMinMaxTransformedNew},
            {{{"feature_range_min", -1.0}, {"feature_range_max", 2.0}}, kMinMaxRangeScale, kMinMaxRangeMin,
             kMinMaxRangeTransformed, kMinMaxRangeTransformedNew},
            {{{"feature_range_min", -1.0}, {"feature_range_max", 2.0}, {"clip", true}}, kMinMaxClipScale,
             kMinMaxClipMin, kMinMaxClipTransformed, kMinMaxClipTransformedNew},
        };
        for (const Case& c : cases) {
            const auto s = fitted<MinMaxScaler>(c.params);
            QVERIFY(sameValues(s.scale().transpose(), row(c.scale)));
            QVERIFY(sameValues(s.min().transpose(), row(c.min)));
            QVERIFY(sameValues(s.transform(kX), out(c.transformed, 6)));
            QVERIFY(sameValues(s.transform(kNew), out(c.transformedNew, 2)));
            qInfo("MinMaxScaler max |diff| %.3g", maxDiff(s.transform(kNew), out(c.transformedNew, 2)));
            if (!paramIsClip(c.params)) {
                const Matrix back = s.inverseTransform(s.transform(kNew));
                QVERIFY(sameValues(back, kNew, 1e-12));
            }
            QVERIFY(sameValues(reloaded(s).transform(kNew), s.transform(kNew)));
        }
    }

    void minMaxHandlesAnAllMissingColumnAndBadRanges()
    {
        Matrix X = kX;
        X.col(1).setConstant(kNan);
        const auto s = fitted<MinMaxScaler>({}, X);
        QVERIFY(std::isnan(s.scale()(1)));
        QVERIFY(s.transform(X).col(1).array().isNaN().all());
        QVERIFY(!s.transform(X).col(0).array().isNaN().any());
        MinMaxScaler bad;
        bad.setParams({{"feature_range_min", 1.0}, {"feature_range_max", 1.0}});
        TrainContext ctx;
        try {
            bad.fit(kX, nullptr, ctx);
            QFAIL("an empty feature range was accepted");
        } catch (const ParamError& e) {
            QVERIFY(QString(e.what()).contains("feature_range_min"));
        }
    }

    void maxAbsMatchesScikitLearn()
    {
        const auto s = fitted<MaxAbsScaler>({});
        QVERIFY(sameValues(s.maxAbs().transpose(), row(kMaxAbsMaxAbs)));
        QVERIFY(sameValues(s.scale().transpose(), row(kMaxAbsScale)));
        QVERIFY(sameValues(s.transform(kX), out(kMaxAbsTransformed, 6)));
        QVERIFY(sameValues(s.transform(kNew), out(kMaxAbsTransformedNew, 2)));
        QVERIFY(sameValues(s.inverseTransform(s.transform(kNew)), kNew));
        QVERIFY(sameValues(reloaded(s).transform(kNew), s.transform(kNew)));
    }

    void robustMatchesScikitLearn()
    {
        struct Case {
            ParamMap params;
            const std::vector<double>&scale, &transformed, &transformedNew;
        };
        const Case cases[] = {
            {{}, kRobustScale, kRobustTransformed, kRobustTransformedNew},
            {{{"quantile_min", 10.0}, {"quantile_max", 80.0}}, kRobustRangeScale, kRobustRangeTransformed,
             kRobustRangeTransformedNew},
            {{{"with_centering", false}, {"quantile_min", 5.0}, {"quantile_max", 95.0}}, kRobustNoCenterScale,
             kRobustNoCenterTransformed, kRobustNoCenterTransformedNew},
        };
        for (const Case& c : cases) {
            const auto s = fitted<RobustScaler>(c.params);
            QVERIFY(sameValues(s.scale().transpose(), row(c.scale)));
            QVERIFY(sameValues(s.center().transpose(), row(kRobustCenter)));
            QVERIFY(sameValues(s.transform(kX), out(c.transformed, 6)));
            QVERIFY(sameValues(s.transform(kNew), out(c.transformedNew, 2)));
            qInfo("RobustScaler max |diff| %.3g", maxDiff(s.transform(kX), out(c.transformed, 6)));
            QVERIFY(sameValues(s.inverseTransform(s.transform(kNew)), kNew, 1e-12));
            QVERIFY(sameValues(reloaded(s).transform(kNew), s.transform(kNew)));
        }
        RobustScaler bad;
        bad.setParams({{"quantile_min", 80.0}, {"quantile_max", 20.0}});
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(ParamError, bad.fit(kX, nullptr, ctx));
    }

    void normalizerMatchesScikitLearn()
    {
        const std::pair<const char*, const std::vector<double>*> cases[] = {
            {"l1", &kNormalizerL1}, {"l2", &kNormalizerL2}, {"max", &kNormalizerMax}};
        for (const auto& [norm, expected] : cases) {
            const auto n = fitted<Normalizer>({{"norm", std::string(norm)}}, kRows);
            QVERIFY(sameValues(n.transform(kRows), out(*expected, 4)));
            QVERIFY(sameValues(reloaded(n).transform(kRows), n.transform(kRows)));
        }
        TrainContext ctx;
        Normalizer n;
        try {
            n.fit(kX, nullptr, ctx);
            QFAIL("missing values were accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 1"));
            QVERIFY(QString(e.what()).contains("SimpleImputer"));
        }
    }

    void rejectsDamagedStateAndBadInput()
    {
        MinMaxScaler minMax;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, minMax.transform(kX));
        QVERIFY_THROWS_EXCEPTION(FormatError, minMax.loadState(nlohmann::json{{"fitted", true}, {"scale", "x"}}));
        MaxAbsScaler maxAbs;
        QVERIFY_THROWS_EXCEPTION(FormatError,
                                 maxAbs.loadState(nlohmann::json{{"fitted", true}, {"max_abs", {1.0}}, {"scale", {-1.0}}}));
        RobustScaler robust;
        QVERIFY_THROWS_EXCEPTION(FormatError, robust.loadState(nlohmann::json{{"fitted", true}, {"center", {1.0}}}));
        Normalizer normalizer;
        QVERIFY_THROWS_EXCEPTION(FormatError, normalizer.loadState(nlohmann::json{{"fitted", true}}));
        QVERIFY_THROWS_EXCEPTION(ParamError, normalizer.setParam("norm", std::string("l3")));
        Matrix withInf = kX;
        withInf(2, 3) = std::numeric_limits<double>::infinity();
        TrainContext ctx;
        try {
            robust.fit(withInf, nullptr, ctx);
            QFAIL("infinite values were accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 3"));
        }
        const auto ok = fitted<MaxAbsScaler>({});
        try {
            ok.transform(Matrix::Zero(2, 3));
            QFAIL("a table of the wrong width was accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("MaxAbsScaler"));
        }
    }

    void areInTheCatalog()
    {
        for (const char* name : {"MinMaxScaler", "MaxAbsScaler", "RobustScaler", "Normalizer"}) {
            auto component = Catalog::builtin().create(name);
            QVERIFY(component);
            QCOMPARE(component->typeName(), std::string(name));
        }
    }

private:
    static bool paramIsClip(const ParamMap& params) { return params.count("clip") > 0; }
};

QTEST_GUILESS_MAIN(TestScalers)
#include "test_scalers.moc"
