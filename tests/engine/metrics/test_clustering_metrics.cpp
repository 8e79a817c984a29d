// adjusted_rand_score against scikit-learn 1.2.1, including renumbered
// clusters, worse-than-chance and degenerate (one cluster) partitions.
#include "engine/core/errors.h"
#include "engine/metrics/clustering_metrics.h"

#include <QtTest>
#include <vector>

using namespace dslab;

namespace {

Vector vec(const std::vector<double>& v)
{
    return Eigen::Map<const Vector>(v.data(), static_cast<Eigen::Index>(v.size()));
}

}  // namespace

class TestClusteringMetrics : public QObject {
    Q_OBJECT

private slots:
    void adjustedRandMatchesScikitLearn_data()
    {
        QTest::addColumn<std::vector<double>>("truth");
        QTest::addColumn<std::vector<double>>("clusters");
        QTest::addColumn<double>("expected");
        // Produced by: /usr/bin/python3 -c "from sklearn.metrics import adjusted_rand_score as a; print(repr(a(t, p)))"
        QTest::newRow("renumbered") << std::vector<double>{0, 0, 1, 1, 2, 2} << std::vector<double>{1, 1, 0, 0, 2, 2} << 1.0;
        QTest::newRow("split") << std::vector<double>{0, 0, 0, 1, 1, 1} << std::vector<double>{0, 0, 1, 1, 2, 2}
                               << 0.24242424242424243;
        QTest::newRow("worse than chance") << std::vector<double>{0, 1, 2, 0, 1, 2, 0, 1}
                                           << std::vector<double>{0, 0, 0, 1, 1, 1, 2, 2} << -0.3333333333333333;
        QTest::newRow("one cluster") << std::vector<double>{0, 0, 1, 1} << std::vector<double>{0, 0, 0, 0} << 0.0;
        QTest::newRow("both one cluster") << std::vector<double>{3, 3, 3} << std::vector<double>{1, 1, 1} << 1.0;
        QTest::newRow("mixed") << std::vector<double>{0, 1, 0, 1, 2, 2, 2, 0, 1, 1}
                               << std::vector<double>{5, 5, 7, 7, 7, 9, 9, 9, 5, 7} << -0.022727272727272728;
    }

    void adjustedRandMatchesScikitLearn()
    {
        QFETCH(std::vector<double>, truth);
        QFETCH(std::vector<double>, clusters);
        QFETCH(double, expected);
        QVERIFY(std::abs(adjustedRandScore(vec(truth), vec(clusters)) - expected) < 1e-12);
        // Symmetric in its arguments.
        QVERIFY(std::abs(adjustedRandScore(vec(clusters), vec(truth)) - expected) < 1e-12);
    }

    void unequalLengthsAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(DataError, adjustedRandScore(vec({0, 1}), vec({0, 1, 1})));
    }
};

QTEST_GUILESS_MAIN(TestClusteringMetrics)
#include "test_clustering_metrics.moc"
