// Regression metrics against scikit-learn 1.2.1, including R² for a constant target.
#include "engine/core/errors.h"
#include "engine/metrics/regression_metrics.h"

#include <QtTest>
#include <cmath>

using namespace dslab;

namespace {

const Vector kY = (Vector(5) << 3.0, -0.5, 2.0, 7.0, 4.2).finished();
const Vector kP = (Vector(5) << 2.5, 0.0, 2.0, 8.0, 3.9).finished();

// Produced by: /usr/bin/python3 tests/engine/metrics/sklearn_reference.py regression
constexpr double kMse = 0.318;
constexpr double kMae = 0.4600000000000001;
constexpr double kR2 = 0.9480256276150627;
constexpr double kR2Negative = -7.691487970711297;
constexpr double kR2ConstantPerfect = 1.0;
constexpr double kR2ConstantWrong = 0.0;

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

}  // namespace

class TestRegressionMetrics : public QObject {
    Q_OBJECT

private slots:
    void matchScikitLearn()
    {
        QVERIFY(close(meanSquaredError(kY, kP), kMse));
        QVERIFY(close(meanAbsoluteError(kY, kP), kMae));
        QVERIFY(close(r2Score(kY, kP), kR2));
        QVERIFY(close(r2Score(kY, Vector::Constant(5, 10.0)), kR2Negative));
    }

    void constantTargetFollowsScikitLearn()
    {
        const Vector y = Vector::Constant(3, 2.0);
        QCOMPARE(r2Score(y, y), kR2ConstantPerfect);
        QCOMPARE(r2Score(y, (Vector(3) << 2.0, 2.0, 2.5).finished()), kR2ConstantWrong);
        QVERIFY(std::isnan(r2Score(Vector::Ones(1), Vector::Ones(1))));
    }

    void badInputIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(DataError, meanSquaredError(kY, kY.head(3)));
        QVERIFY_THROWS_EXCEPTION(DataError, meanAbsoluteError(Vector(), Vector()));
    }
};

QTEST_GUILESS_MAIN(TestRegressionMetrics)
#include "test_regression_metrics.moc"
