// The charts of the leakage and scaling labs: ScoreStripView (scores as dots
// with mean ± std), GroupedBarView (bars per category and series, NaN as
// n/a) and LossContourView (loss bands, a path, the minimum): plain data in,
// a picture that changes with it, and CSV out.
#include "ui/charts/grouped_bar_view.h"
#include "ui/charts/loss_contour_view.h"
#include "ui/charts/score_strip_view.h"

#include <QTest>
#include <cmath>

using namespace dslab;

class TestScoreCharts : public QObject {
    Q_OBJECT

private slots:
    void stripShowsEveryScoreAndExportsThem()
    {
        ScoreStripView view;
        view.resize(400, 300);
        QVERIFY(!view.hasData());
        const QImage empty = view.grab().toImage();
        view.setGroups({{"leaky", {0.8, 0.85, 0.9}, QColor()}, {"honest", {0.4, 0.5, 0.6}, QColor()}});
        view.setReference(0.5, "chance");
        view.setHighlighted(0);
        QVERIFY(view.hasData());
        QVERIFY(view.grab().toImage() != empty);
        const QStringList lines = view.toCsv().trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[0], QString("group,index,score"));
        QCOMPARE(lines[4], QString("honest,1,0.4"));
        view.clear();
        QVERIFY(!view.hasData());
    }

    void groupedBarsMarkMissingValues()
    {
        GroupedBarView view;
        view.resize(500, 300);
        Eigen::MatrixXd values(2, 3);
        values << 0.67, 0.85, std::nan(""), 0.86, 0.86, 0.86;
        view.setValues(values, {"k-NN", "Tree"}, {"none", "StandardScaler", "MinMaxScaler"});
        view.setCurrentCategory(1);
        view.setTitle("accuracy");
        QVERIFY(view.hasData());
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        const QStringList lines = view.toCsv().trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[1], QString("k-NN,none,0.67"));
        QCOMPARE(lines[3], QString("k-NN,MinMaxScaler,nan"));
        values(0, 0) = 0.2;
        view.setValues(values, {"k-NN", "Tree"}, {"none", "StandardScaler", "MinMaxScaler"});
        QVERIFY(view.grab().toImage() != shot);
    }

    void contoursBandTheLossAndDrawThePath()
    {
        // A round bowl: loss = x² + y² on a 40 x 40 grid over [-1, 1]².
        const int n = 40;
        std::vector<double> loss(static_cast<std::size_t>(n) * n);
        for (int gy = 0; gy < n; ++gy)
            for (int gx = 0; gx < n; ++gx) {
                const double x = -1 + (gx + 0.5) * 2.0 / n, y = -1 + (gy + 0.5) * 2.0 / n;
                loss[static_cast<std::size_t>(gy) * n + gx] = x * x + y * y;
            }
        const QImage image = renderLossContourImage(loss, n, 0.0);
        QCOMPARE(image.size(), QSize(n, n));
        // Symmetric bowl: mirrored pixels have the same band.
        QCOMPARE(image.pixel(5, 20), image.pixel(n - 1 - 5, 20));
        QVERIFY(image.pixel(0, 0) != image.pixel(n / 2, n / 2));

        LossContourView view;
        view.resize(300, 300);
        view.setSurface(image, QRectF(-1, -1, 2, 2));
        view.setPath({QPointF(-0.9, 0.8), QPointF(-0.4, 0.3), QPointF(0, 0)});
        view.setOptimum(QPointF(0, 0));
        view.setAxisNames("w1", "w2");
        view.setNote("converged in 2 steps\nκ = 1");
        QVERIFY(view.hasData());
        QVERIFY(!view.grab().toImage().isNull());
        const QStringList lines = view.toCsv().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QString("step,w1,w2"));
        QCOMPARE(lines[2], QString("1,-0.4,0.3"));
        view.clear();
        QVERIFY(!view.hasData());
    }
};

QTEST_MAIN(TestScoreCharts)
#include "test_score_charts.moc"
