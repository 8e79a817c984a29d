// OutlierRemover: the training rows beyond OutlierClipper's bounds are
// dropped while fitting a Pipeline, and no row is ever dropped when predicting.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/preprocessing/outlier_clipper.h"
#include "engine/preprocessing/outlier_remover.h"

#include <QTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

class TestOutlierRemover : public QObject {
    Q_OBJECT

private slots:
    void dropsRowsBeyondTukeysFences()
    {
        // Column 0: 1..10 then 100; quartiles (numpy linear) 3.5 and 8.5, fences -4 and 16.
        Matrix X(11, 2);
        for (int i = 0; i < 10; ++i) {
            X(i, 0) = i + 1;
            X(i, 1) = 0.5 * i;
        }
        X(10, 0) = 100;
        X(10, 1) = 1;
        X(3, 1) = std::nan("");  // missing is not an outlier
        Vector y = Vector::LinSpaced(11, 0, 10);
        OutlierRemover remover;
        TrainContext ctx;
        Matrix Xout;
        Vector yOut;
        remover.fitResample(X, y, ctx, Xout, yOut);
        QCOMPARE(remover.removedRows(), Eigen::Index(1));
        QCOMPARE(Xout.rows(), Eigen::Index(10));
        QCOMPARE(yOut(9), 9.0);  // row 10 (y = 10) is the one gone
        QVERIFY(std::isnan(Xout(3, 1)));

        // The bounds are exactly OutlierClipper's.
        OutlierClipper clipper;
        clipper.fit(X, nullptr, ctx);
        QCOMPARE(clipper.lowerBounds()(0), -4.0);
        QCOMPARE(clipper.upperBounds()(0), 16.0);

        // z-score with threshold 2: 100 is (100 - 13.6) / 26.9 = 3.2 sd away, still dropped; 1.5 keeps 1..10.
        remover.setParam("method", std::string("zscore"));
        remover.setParam("threshold", 2.0);
        remover.fitResample(X, y, ctx, Xout, yOut);
        QCOMPARE(remover.removedRows(), Eigen::Index(1));
        // A rule nothing passes is an error that says what to change.
        remover.setParam("threshold", 1e-9);
        QVERIFY_THROWS_EXCEPTION(DataError, remover.fitResample(X, y, ctx, Xout, yOut));
    }

    void inAPipelineItActsOnlyWhileFitting()
    {
        QVERIFY(Catalog::builtin().find("OutlierRemover"));
        QCOMPARE(Catalog::builtin().find("OutlierRemover")->kind, ComponentKind::Sampler);
        Pipeline p = pipelineFromJson(nlohmann::json::parse(
            R"({"steps":[{"type":"OutlierRemover","factor":1.5},{"type":"LinearRegression"}]})"));
        Matrix X(12, 1);
        Vector y(12);
        for (int i = 0; i < 11; ++i) {
            X(i, 0) = i;
            y(i) = 2.0 * i + 1.0;
        }
        X(11, 0) = 1000;  // a wild x with a wild y: left in, it would drag the line
        y(11) = -5000;
        TrainContext ctx;
        p.fit(X, y, ctx);
        const Vector pred = p.predict(X);
        QCOMPARE(pred.size(), Eigen::Index(12));  // every row answered
        QVERIFY(std::abs(pred(5) - 11.0) < 1e-9);  // the line through the ten clean rows: 2x + 1
    }
};

QTEST_GUILESS_MAIN(TestOutlierRemover)
#include "test_outlier_remover.moc"
