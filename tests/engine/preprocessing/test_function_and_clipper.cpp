// FunctionTransformer against numpy (what scikit-learn 1.2.1's
// FunctionTransformer(func=np.log1p, ...) returns) and OutlierClipper (ours,
// not scikit-learn) against bounds computed with numpy: outputs, inverses,
// NaN passing through, domain errors, saved state.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/function_transformer.h"
#include "engine/preprocessing/outlier_clipper.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::nan("");
// FUNC_X and FUNC_NEW of tests/engine/preprocessing/sklearn_reference.py
const Matrix kX = (Matrix(8, 3) << 0.5, 4.0, 1.0, 2.0, 9.0, 1.5, kNan, 16.0, 1.2, 30.0, 0.0, 1.1, 3.0, 1.0, 1.3,
                   2.5, 2.25, -20.0, 1.5, 6.0, 1.25, 2.2, 3.0, 1.15).finished();
const Matrix kNew = (Matrix(2, 3) << 100.0, 50.0, 1.4, 0.1, kNan, -1.0).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py function
// and /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py clipper
// FunctionTransformer(func=np.<f>, inverse_func=...) on the first two columns of FUNC_X (validate=False)
const std::vector<double> kFuncLog1p = {0.4054651081081644, 1.6094379124341003, 1.0986122886681096, 2.302585092994046, std::nan(""), 2.833213344056216, 3.4339872044851463, 0.0, 1.3862943611198906, 0.6931471805599453, 1.252762968495368, 1.1786549963416462, 0.9162907318741551, 1.9459101490553132, 1.1631508098056809, 1.3862943611198906};
const std::vector<double> kFuncSqrt = {0.7071067811865476, 2.0, 1.4142135623730951, 3.0, std::nan(""), 4.0, 5.477225575051661, 0.0, 1.7320508075688772, 1.0, 1.5811388300841898, 1.5, 1.224744871391589, 2.449489742783178, 1.4832396974191326, 1.7320508075688772};
const std::vector<double> kFuncSquare = {0.25, 16.0, 4.0, 81.0, std::nan(""), 256.0, 900.0, 0.0, 9.0, 1.0, 6.25, 5.0625, 2.25, 36.0, 4.840000000000001, 9.0};
const std::vector<double> kFuncLog = {-0.6931471805599453, 0.6931471805599453, std::nan(""), 3.4011973816621555, 1.0986122886681098, 0.9162907318741551, 0.4054651081081644, 0.7884573603642703};
// iqr, factor 1.5: np.nanpercentile quartiles; bounds and np.clip(FUNC_NEW) row-major
const std::vector<double> kIqrLower = {0.25, -5.28125, 0.7937500000000005};
const std::vector<double> kIqrUpper = {4.25, 13.96875, 1.5437499999999997};
const std::vector<double> kIqrClipped = {4.25, 13.96875, 1.4, 0.25, std::nan(""), 0.7937500000000005};
// zscore, threshold 2: np.nanmean -/+ 2 np.nanstd; bounds and np.clip(FUNC_X) row-major
const std::vector<double> kZLower = {-13.728633630422154, -4.625549105992722, -15.472166900215338};
const std::vector<double> kZUpper = {25.64291934470787, 14.938049105992722, 12.597166900215338};
const std::vector<double> kZClipped = {0.5, 4.0, 1.0, 2.0, 9.0, 1.5, std::nan(""), 14.938049105992722, 1.2, 25.64291934470787, 0.0, 1.1, 3.0, 1.0, 1.3, 2.5, 2.25, -15.472166900215338, 1.5, 6.0, 1.25, 2.2, 3.0, 1.15};

FunctionTransformer function(const std::string& func, const Matrix& X)
{
    FunctionTransformer f;
    f.setParam("func", func);
    TrainContext ctx;
    f.fit(X, nullptr, ctx);
    return f;
}

OutlierClipper clipper(const ParamMap& params)
{
    OutlierClipper c;
    c.setParams(params);
    TrainContext ctx;
    c.fit(kX, nullptr, ctx);
    return c;
}

}  // namespace

class TestFunctionAndClipper : public QObject {
    Q_OBJECT

private slots:
    void functionsMatchNumpy()
    {
        const Matrix two = kX.leftCols(2), one = kX.leftCols(1);
        const std::pair<const char*, const std::vector<double>*> cases[] = {
            {"log1p", &kFuncLog1p}, {"sqrt", &kFuncSqrt}, {"square", &kFuncSquare}};
        for (const auto& [func, expected] : cases) {
            const FunctionTransformer f = function(func, two);
            QVERIFY(sameValues(f.transform(two), rowMajor(*expected, 8, 2)));
            QVERIFY(sameValues(f.inverseTransform(f.transform(two)), two, 1e-12));
        }
        const FunctionTransformer log = function("log", one);
        QVERIFY(sameValues(log.transform(one), rowMajor(kFuncLog, 8, 1)));
        QVERIFY(sameValues(log.inverseTransform(log.transform(one)), one, 1e-12));
        const FunctionTransformer identity = function("identity", kX);
        QVERIFY(sameValues(identity.transform(kX), kX));
        nlohmann::json state;
        log.saveState(state);
        FunctionTransformer copy;
        copy.setParams(log.params());
        copy.loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(sameValues(copy.transform(one), log.transform(one)));
    }

    void functionsNameTheColumnOutsideTheirDomain()
    {
        FunctionTransformer f;
        f.setParam("func", std::string("log"));
        TrainContext ctx;
        try {
            f.fit(kX.leftCols(2), nullptr, ctx);  // column 1 has a 0
            QFAIL("log of 0 was accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 1"));
            QVERIFY(QString(e.what()).contains("log1p"));
        }
        f.setParam("func", std::string("sqrt"));
        QVERIFY_THROWS_EXCEPTION(DataError, f.fit(kX, nullptr, ctx));  // column 2 has -20
        QVERIFY_THROWS_EXCEPTION(NotFittedError, FunctionTransformer().transform(kX));
        QVERIFY_THROWS_EXCEPTION(ParamError, f.setParam("func", std::string("exp2")));
        QVERIFY_THROWS_EXCEPTION(FormatError, f.loadState(nlohmann::json{{"fitted", true}}));
    }

    void clipperMatchesNumpy()
    {
        const OutlierClipper iqr = clipper({});
        QVERIFY(sameValues(iqr.lowerBounds().transpose(), rowMajor(kIqrLower, 1, 3)));
        QVERIFY(sameValues(iqr.upperBounds().transpose(), rowMajor(kIqrUpper, 1, 3)));
        QVERIFY(sameValues(iqr.transform(kNew), rowMajor(kIqrClipped, 2, 3)));
        const OutlierClipper z = clipper({{"method", std::string("zscore")}, {"threshold", 2.0}});
        QVERIFY(sameValues(z.lowerBounds().transpose(), rowMajor(kZLower, 1, 3)));
        QVERIFY(sameValues(z.upperBounds().transpose(), rowMajor(kZUpper, 1, 3)));
        QVERIFY(sameValues(z.transform(kX), rowMajor(kZClipped, 8, 3)));
        nlohmann::json state;
        z.saveState(state);
        OutlierClipper copy;
        copy.loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(sameValues(copy.transform(kX), z.transform(kX)));
    }

    void clipperRejectsDamagedStateAndBadInput()
    {
        OutlierClipper c;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, c.transform(kX));
        QVERIFY_THROWS_EXCEPTION(FormatError,
                                 c.loadState(nlohmann::json{{"fitted", true}, {"lower", {2.0}}, {"upper", {1.0}}}));
        QVERIFY_THROWS_EXCEPTION(ParamError, c.setParam("threshold", 0.0));
        Matrix empty = kX;
        empty.col(0).setConstant(kNan);
        TrainContext ctx;
        c.fit(empty, nullptr, ctx);
        QVERIFY(c.transform(empty).col(0).array().isNaN().all());
        const auto* entry = Catalog::builtin().find("OutlierClipper");
        QVERIFY(entry);
        QVERIFY(QString::fromStdString(entry->summary).contains("Not scikit-learn"));
        QVERIFY(Catalog::builtin().create("FunctionTransformer"));
    }
};

QTEST_GUILESS_MAIN(TestFunctionAndClipper)
#include "test_function_and_clipper.moc"
