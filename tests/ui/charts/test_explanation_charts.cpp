// The explanation charts (SHAP beeswarm, bars, waterfall, dependence, partial
// dependence) fed plain matrices as the engine's explainers will feed them:
// ordering, hit-testing through real mouse clicks, cumulative sums, CSV
// export and non-blank pictures in both themes.
#include "tests/ui/charts/chart_samples.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/partial_dependence_view.h"
#include "ui/charts/shap_beeswarm_view.h"
#include "ui/charts/shap_dependence_view.h"
#include "ui/charts/shap_waterfall_view.h"

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace dslab;

namespace {

int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

QString exportedCsv(ChartWidget& chart)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chart.csv");
    if (!chart.exportCsv(path))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(37, 40, 46));
    p.setColor(QPalette::Base, QColor(28, 30, 35));
    p.setColor(QPalette::Text, QColor(230, 232, 236));
    p.setColor(QPalette::WindowText, QColor(230, 232, 236));
    return p;
}

// A grab at the size a lab panel gives a chart, in the light and dark palette.
void checkNonBlank(ChartWidget& chart)
{
    chart.resize(600, 400);
    const QImage light = chart.grab().toImage();
    QCOMPARE(light.size(), QSize(600, 400));
    QVERIFY2(distinctColours(light) > 8, qPrintable(chart.accessibleName()));
    const QPalette original = chart.palette();
    chart.setPalette(darkPalette());
    const QImage dark = chart.grab().toImage();
    QVERIFY2(distinctColours(dark) > 8, qPrintable(chart.accessibleName()));
    QVERIFY(dark != light);
    chart.setPalette(original);
}

}  // namespace

class TestExplanationCharts : public QObject {
    Q_OBJECT
private slots:
    void beeswarmOrdersFeaturesByMeanAbsShap()
    {
        // Mean |SHAP|: a = 0.1, b = 0.5, c = 0.3 (signs must not matter).
        Eigen::MatrixXd shap(4, 3);
        shap << 0.1, -0.5, 0.3,  //
            -0.1, 0.5, -0.3,     //
            0.1, -0.5, 0.3,      //
            -0.1, 0.5, -0.3;
        ShapBeeswarmView view;
        view.setData(shap, Eigen::MatrixXd::Zero(4, 3), {"a", "b", "c"});
        QCOMPARE(view.featureOrder(), (std::vector<int>{1, 2, 0}));
        QVERIFY(!view.hasOthersRow());
        QCOMPARE(view.meanAbsShap()[1], 0.5);

        // 20 features, at most 10 rows: 9 features and "Sum of 11 other features", as shap does.
        const auto s = samples::shapSample(300, 20);
        view.setData(s.shap, s.X, s.names);
        QCOMPARE(static_cast<int>(view.featureOrder().size()), 9);
        QVERIFY(view.hasOthersRow());
        const Eigen::VectorXd meanAbs = s.shap.cwiseAbs().colwise().mean();
        std::vector<int> expected(20);
        std::iota(expected.begin(), expected.end(), 0);
        std::stable_sort(expected.begin(), expected.end(), [&](int a, int b) { return meanAbs[a] > meanAbs[b]; });
        expected.resize(9);
        QCOMPARE(view.featureOrder(), expected);
        QVERIFY(view.toCsv().contains("Sum of 11 other features"));
        view.setMaxDisplay(0);
        QCOMPARE(static_cast<int>(view.featureOrder().size()), 20);
        QVERIFY(!view.hasOthersRow());
    }

    void beeswarmJitterIsDeterministic()
    {
        const auto s = samples::shapSample(500, 6);
        ShapBeeswarmView a, b;
        a.resize(600, 400);
        b.resize(600, 400);
        a.setData(s.shap, s.X, s.names);
        b.setData(s.shap, s.X, s.names);
        for (int i = 0; i < 500; i += 37)
            QCOMPARE(a.pointPosition(i, 0), b.pointPosition(i, 0));
        QCOMPARE(a.grab().toImage(), a.grab().toImage());
    }

    void beeswarmClickEmitsTheSampleUnderThePointer()
    {
        const auto s = samples::shapSample(300, 8);
        ShapBeeswarmView view;
        view.resize(600, 400);
        view.setData(s.shap, s.X, s.names);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Every dot of the top row is found at its own position by the bucket lookup.
        for (int i = 0; i < 300; ++i)
            QCOMPARE(view.rowAt(view.pointPosition(i, 0)), i);
        // The sample with the largest SHAP value in the second row sits alone at the
        // right end: a real click on it reports its row.
        const int feature = view.featureOrder()[1];
        Eigen::Index target = 0;
        s.shap.col(feature).maxCoeff(&target);
        const QPointF at = view.pointPosition(static_cast<int>(target), 1);
        QVERIFY(QRectF(view.rect()).contains(at));
        QSignalSpy clicked(&view, &ShapBeeswarmView::rowClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), static_cast<int>(target));
        // Empty space (the label column) emits nothing.
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(clicked.count(), 1);
        // After a resize the lookup follows the new positions.
        view.resize(700, 450);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.pointPosition(static_cast<int>(target), 1).toPoint());
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(1).at(0).toInt(), static_cast<int>(target));
    }

    void beeswarmExportsAndDraws()
    {
        Eigen::MatrixXd shap(2, 2), x(2, 2);
        shap << 0.25, -1.5, 0.75, 2.0;
        x << 3, 40, 5, 60;
        ShapBeeswarmView view;
        view.setData(shap, x, {"rooms", "age, years"});
        const QString csv = exportedCsv(view);
        QVERIFY(csv.startsWith("row,feature,feature_value,shap_value\n"));
        QVERIFY(csv.contains("1,\"age, years\",60,2\n"));
        QVERIFY(csv.contains("0,rooms,3,0.25\n"));
        view.setData(samples::shapSample(1000, 20).shap, samples::shapSample(1000, 20).X, samples::churnFeatureNames(20));
        checkNonBlank(view);
    }

    void beeswarmExportsVectorSvgAndSharpPng()
    {
        const auto s = samples::shapSample(100, 5);
        ShapBeeswarmView view;
        view.resize(600, 400);
        view.setData(s.shap, s.X, s.names);
        QTemporaryDir dir;
        // SVG gets one vector dot per sample and row, not the cached raster layer.
        QVERIFY(view.exportSvg(dir.filePath("swarm.svg")));
        QFile svg(dir.filePath("swarm.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(!text.contains("<image"));
        QCOMPARE(text.count("<circle"), 100 * 5);
        // PNG at twice the resolution rebuilds the dot layer at that scale.
        QVERIFY(view.exportPng(dir.filePath("swarm.png"), 2.0));
        const QImage png(dir.filePath("swarm.png"));
        QCOMPARE(png.size(), QSize(1200, 800));
        QVERIFY(distinctColours(png) > 8);
    }

    void barsSortAndGroup()
    {
        FeatureBarView bars;
        const Eigen::VectorXd meanAbs = (Eigen::VectorXd(4) << 0.2, 0.9, 0.05, 0.4).finished();
        Eigen::MatrixXd shap(2, 4);
        shap.row(0) = meanAbs.transpose();
        shap.row(1) = -meanAbs.transpose();
        bars.setShapValues(shap, {"a", "b", "c", "d"});
        QCOMPARE(bars.featureOrder(), (std::vector<int>{1, 3, 0, 2}));
        bars.setMaxDisplay(3);
        QCOMPARE(bars.barLabels(), (QStringList{"b", "d", "Sum of 2 other features"}));
        QCOMPARE(bars.barValues().back(), 0.25);

        // Signed weights rank by size, keep their sign.
        bars.setMaxDisplay(10);
        bars.setWeights((Eigen::VectorXd(3) << 0.1, -0.7, 0.3).finished(), {"x", "y", "z"});
        QCOMPARE(bars.featureOrder(), (std::vector<int>{1, 2, 0}));
        QCOMPARE(bars.barValues().front(), -0.7);
        checkNonBlank(bars);

        // Permutation importance with stds: never grouped, the CSV carries both columns.
        bars.setImportances((Eigen::VectorXd(3) << 0.01, 0.12, -0.002).finished(),
                            (Eigen::VectorXd(3) << 0.005, 0.02, 0.004).finished(), {"p", "q", "r"});
        QCOMPARE(bars.mode(), FeatureBarView::Mode::WithErrors);
        QCOMPARE(bars.featureOrder(), (std::vector<int>{1, 0, 2}));
        const QString csv = exportedCsv(bars);
        QVERIFY(csv.startsWith("feature,mean,std\nq,0.12,0.02\n"));
        checkNonBlank(bars);
    }

    void waterfallRunsFromExpectedValueToPrediction()
    {
        ShapWaterfallView view;
        view.setUnitsLabel("log-odds");
        const Eigen::VectorXd phi = (Eigen::VectorXd(5) << 0.5, -0.3, 0.1, 0.05, -0.02).finished();
        const Eigen::VectorXd x = (Eigen::VectorXd(5) << 12, 70.5, 1, 0, 3).finished();
        view.setMaxDisplay(3);
        view.setExplanation(0.2, phi, x, {"tenure", "charges", "contract", "calls", "age"});
        const auto steps = view.steps();
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps.first().start, 0.2);
        QVERIFY(qAbs(steps.last().end - (0.2 + phi.sum())) < 1e-12);
        QVERIFY(qAbs(view.prediction() - 0.53) < 1e-12);
        for (int i = 1; i < steps.size(); ++i)
            QCOMPARE(steps[i].start, steps[i - 1].end);
        // Bottom-up: the grouped rest first, the largest contribution last (top row).
        QCOMPARE(steps[0].label, QString("Sum of 3 other features"));
        QVERIFY(qAbs(steps[0].end - steps[0].start - 0.13) < 1e-12);
        QCOMPARE(steps[1].label, QString("charges = 70.5"));
        QCOMPARE(steps[2].label, QString("tenure = 12"));
        QVERIFY(qAbs(steps[2].end - steps[2].start - 0.5) < 1e-12);
        const QString csv = exportedCsv(view);
        QVERIFY(csv.contains("0,E[f(X)],,0.2,"));
        QVERIFY(csv.contains("f(x),,0.53"));
        QVERIFY(csv.contains("tenure = 12"));
        checkNonBlank(view);

        // Without a limit every feature has its row.
        view.setMaxDisplay(0);
        QCOMPARE(view.steps().size(), 5);
        QCOMPARE(view.steps().first().start, 0.2);
    }

    void dependencePicksThePlantedInteraction()
    {
        const auto s = samples::shapSample(1000, 8);
        QCOMPARE(ShapDependenceView::strongestInteraction(s.shap, s.X, 0), 1);
        QCOMPARE(ShapDependenceView::strongestInteraction(s.shap, s.X, 99), -1);
        ShapDependenceView view;
        view.setData(s.X.col(0), s.shap.col(0), s.names[0], s.X.col(1), s.names[1]);
        const QString csv = exportedCsv(view);
        QVERIFY(csv.startsWith("tenure_months,shap_value,monthly_charges\n"));
        QVERIFY(csv.contains(QString::number(s.shap(0, 0), 'g', 10)));
        checkNonBlank(view);
    }

    void partialDependenceOneAndTwoWay()
    {
        const int grid = 20, rows = 500;
        Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(grid, 0, 10);
        Eigen::MatrixXd ice(rows, grid);
        for (int i = 0; i < rows; ++i)
            for (int k = 0; k < grid; ++k)
                ice(i, k) = std::tanh((g[k] - 5) / 2) * (0.5 + (i % 7) / 7.0) + (i % 5) * 0.05;
        const Eigen::VectorXd pd = ice.colwise().mean();
        Eigen::VectorXd data(rows);
        for (int i = 0; i < rows; ++i)
            data[i] = 10.0 * ((i * 37) % rows) / rows;
        PartialDependenceView view;
        view.setOneWay("tenure_months", g, pd, ice, data);
        QCOMPARE(static_cast<int>(view.iceRowsShown().size()), 100);
        QVERIFY(!view.isTwoWay());
        QString csv = exportedCsv(view);
        QVERIFY(csv.startsWith("tenure_months,partial_dependence,ice_row_0,ice_row_5,"));
        QVERIFY(csv.contains(QString::number(pd[3], 'g', 10)));
        checkNonBlank(view);

        Eigen::VectorXd gy = Eigen::VectorXd::LinSpaced(8, 20, 90);
        Eigen::MatrixXd surface(8, grid);
        for (int r = 0; r < 8; ++r)
            for (int c = 0; c < grid; ++c)
                surface(r, c) = std::sin(g[c] / 3) + gy[r] / 100;
        view.setTwoWay("tenure_months", "monthly_charges", g, gy, surface);
        QVERIFY(view.isTwoWay());
        csv = exportedCsv(view);
        QVERIFY(csv.startsWith("tenure_months,monthly_charges,partial_dependence\n"));
        QCOMPARE(csv.count('\n'), 1 + 8 * grid);
        checkNonBlank(view);
    }

    void missingValuesAreDrawnNotFatal()
    {
        auto s = samples::shapSample(200, 6);
        const double nan = std::nan("");
        s.X(3, 0) = nan;       // a missing feature value: a grey dot
        s.shap(5, 2) = nan;    // a broken SHAP value: skipped, not a NaN mean
        ShapBeeswarmView swarm;
        swarm.resize(600, 400);
        swarm.setData(s.shap, s.X, s.names);
        QCOMPARE(static_cast<int>(swarm.featureOrder().size()), 6);
        QVERIFY(std::isfinite(swarm.meanAbsShap()[2]));
        QVERIFY(distinctColours(swarm.grab().toImage()) > 8);

        FeatureBarView bars;
        bars.setWeights((Eigen::VectorXd(3) << 0.2, nan, -0.5).finished(), {"a", "b", "c"});
        QCOMPARE(bars.featureOrder(), (std::vector<int>{2, 0, 1}));  // NaN last

        ShapWaterfallView waterfall;
        waterfall.setExplanation(0.1, (Eigen::VectorXd(3) << nan, 0.3, -0.1).finished(), {}, {"a", "b", "c"});
        QCOMPARE(waterfall.steps().last().label, QString("b"));
        QVERIFY(qAbs(waterfall.prediction() - 0.3) < 1e-12);
        waterfall.resize(600, 400);
        waterfall.grab();

        QVERIFY(ShapDependenceView::strongestInteraction(s.shap, s.X, 0) >= 0);
    }

    void chartsHaveAccessibleNames()
    {
        ShapBeeswarmView a;
        FeatureBarView b;
        ShapWaterfallView c;
        ShapDependenceView d;
        PartialDependenceView e;
        for (QWidget* w : std::initializer_list<QWidget*>{&a, &b, &c, &d, &e})
            QVERIFY(!w->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestExplanationCharts)
#include "test_explanation_charts.moc"
