// Chart bench (not a test): repaint time of the SHAP beeswarm with 1,000
// samples x 20 features at 600x400 (goal: well under 100 ms), and PNG
// screenshots of every explanation and evaluation chart with sample data, in
// the light and dark themes and at presenter-mode font size, for looking at.
//   QT_QPA_PLATFORM=offscreen build/.../tests/bench/bench_charts [output-dir]
// Writes <output-dir>/charts-<chart>-<light|dark|presenter>.png (default /tmp).
#include "tests/ui/charts/chart_samples.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/partial_dependence_view.h"
#include "ui/charts/roc_pr_curve_view.h"
#include "ui/charts/score_heatmap_view.h"
#include "ui/charts/shap_beeswarm_view.h"
#include "ui/charts/shap_dependence_view.h"
#include "ui/charts/shap_waterfall_view.h"
#include "ui/shell/theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

using namespace dslab;

namespace {

struct Timing {
    double median = 0, worst = 0;
};

template <typename F>
Timing measure(int repeats, F&& f)
{
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        f(i);
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

void benchBeeswarm()
{
    const auto s = samples::shapSample(1000, 20);
    ShapBeeswarmView view;
    view.resize(600, 400);
    view.setMaxDisplay(20);
    view.show();
    QApplication::processEvents();
    // Cold: new data (layout, hit grid and dot layer rebuilt) and a paint.
    const Timing cold = measure(10, [&](int) {
        view.setData(s.shap, s.X, s.names);
        view.repaint();
    });
    // Warm: a repaint with nothing changed (hover, expose, threshold move elsewhere).
    const Timing warm = measure(50, [&](int) { view.repaint(); });
    // Resize: positions, hit grid and dot layer rebuilt at the new size.
    const Timing resized = measure(10, [&](int i) {
        view.resize(600 + (i % 2) * 40, 400);
        view.repaint();
    });
    // Hit-testing: mouse moves over the plot.
    const Timing moves = measure(5, [&](int) {
        for (int k = 0; k < 1000; ++k)
            view.rowAt(QPointF(150 + (k * 37) % 400, 20 + (k * 13) % 340));
    });
    std::printf("beeswarm 1000 samples x 20 features at 600x400 (median / worst, ms):\n");
    std::printf("  new data + paint      %7.2f / %7.2f\n", cold.median, cold.worst);
    std::printf("  repaint (cached)      %7.2f / %7.2f\n", warm.median, warm.worst);
    std::printf("  resize + paint        %7.2f / %7.2f\n", resized.median, resized.worst);
    std::printf("  1000 hit-tests        %7.3f / %7.3f\n", moves.median, moves.worst);
}

std::vector<std::pair<QString, std::unique_ptr<ChartWidget>>> sampleCharts()
{
    std::vector<std::pair<QString, std::unique_ptr<ChartWidget>>> charts;
    const auto s = samples::shapSample(1000, 20);

    auto beeswarm = std::make_unique<ShapBeeswarmView>();
    beeswarm->setData(s.shap, s.X, s.names);
    beeswarm->setHighlightedRow(17);
    charts.emplace_back("beeswarm", std::move(beeswarm));

    auto bars = std::make_unique<FeatureBarView>();
    bars->setShapValues(s.shap, s.names);
    charts.emplace_back("bar-shap", std::move(bars));

    auto perm = std::make_unique<FeatureBarView>();
    Eigen::VectorXd mean(8), stddev(8);
    mean << 0.121, 0.064, 0.031, 0.012, 0.004, 0.0015, -0.001, -0.003;
    stddev << 0.011, 0.009, 0.006, 0.004, 0.003, 0.002, 0.002, 0.001;
    perm->setImportances(mean, stddev, s.names.mid(0, 8));
    charts.emplace_back("bar-permutation", std::move(perm));

    auto lime = std::make_unique<FeatureBarView>();
    Eigen::VectorXd weights(7);
    weights << -0.42, 0.31, 0.18, -0.12, 0.07, -0.03, 0.01;
    lime->setWeights(weights, {"tenure_months <= 6", "monthly_charges > 80", "contract_length = month",
                               "support_calls > 3", "age <= 30", "has_partner = 0", "region_code = 4"});
    lime->setAxisLabel(QStringLiteral("LIME weight (towards churn > 0)"));
    charts.emplace_back("bar-lime", std::move(lime));

    auto waterfall = std::make_unique<ShapWaterfallView>();
    waterfall->setExplanation(s.expected, s.shap.row(17).transpose(), s.X.row(17).transpose(), s.names);
    waterfall->setUnitsLabel(QStringLiteral("log-odds"));
    charts.emplace_back("waterfall", std::move(waterfall));

    auto dependence = std::make_unique<ShapDependenceView>();
    const int partner = ShapDependenceView::strongestInteraction(s.shap, s.X, 0);
    dependence->setData(s.X.col(0), s.shap.col(0), s.names[0], s.X.col(partner), s.names[partner]);
    charts.emplace_back("dependence", std::move(dependence));

    auto pd = std::make_unique<PartialDependenceView>();
    const int grid = 30;
    const Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(grid, -2.5, 2.5);
    Eigen::MatrixXd ice(400, grid);
    for (int i = 0; i < 400; ++i)
        for (int k = 0; k < grid; ++k)
            ice(i, k) = 1 / (1 + std::exp(-(1.6 * g[k] + 0.9 * g[k] * s.X(i, 1) + 0.5 * s.X(i, 3) - 1.2)));
    pd->setOneWay(s.names[0], g, ice.colwise().mean().transpose(), ice, s.X.col(0).head(400));
    pd->setResponseLabel(QStringLiteral("predicted probability of churn"));
    charts.emplace_back("pd-oneway", std::move(pd));

    auto pd2 = std::make_unique<PartialDependenceView>();
    const Eigen::VectorXd gy = Eigen::VectorXd::LinSpaced(20, -2.5, 2.5);
    Eigen::MatrixXd surface(20, grid);
    for (int r = 0; r < 20; ++r)
        for (int c = 0; c < grid; ++c)
            surface(r, c) = 1 / (1 + std::exp(-(1.6 * g[c] + 0.9 * g[c] * gy[r] - 1.2)));
    pd2->setTwoWay(s.names[0], s.names[1], g, gy, surface);
    pd2->setResponseLabel(QStringLiteral("predicted probability"));
    charts.emplace_back("pd-twoway", std::move(pd2));

    auto roc = std::make_unique<RocPrCurveView>(RocPrCurveView::Kind::Roc);
    const Eigen::VectorXd f = Eigen::VectorXd::LinSpaced(60, 0, 1);
    roc->addCurve("logistic regression", f, f.array().pow(0.25), 0.8);
    roc->addCurve("random forest", f, f.array().pow(0.18), 1 / 1.18);
    roc->addCurve("kNN (k=1)", f, f.array().pow(0.6), 1 / 1.6);
    roc->setCurrentPoint(0.15, std::pow(0.15, 0.25), 0, QStringLiteral("threshold 0.50"));
    charts.emplace_back("roc", std::move(roc));

    auto pr = std::make_unique<RocPrCurveView>(RocPrCurveView::Kind::PrecisionRecall);
    Eigen::VectorXd recall = Eigen::VectorXd::LinSpaced(50, 0, 1);
    Eigen::VectorXd precision = 1.0 - 0.7 * recall.array().pow(2.5);
    pr->addCurve("logistic regression", recall, precision, 0.78);
    Eigen::VectorXd precision2 = 1.0 - 0.72 * recall.array().pow(1.5);
    pr->addCurve("random forest", recall, precision2, 0.70);
    pr->setPositiveRate(0.27);
    pr->setCurrentPoint(0.7, 1.0 - 0.7 * std::pow(0.7, 2.5), 0, QStringLiteral("threshold 0.35"));
    charts.emplace_back("pr", std::move(pr));

    auto heat = std::make_unique<ScoreHeatmapView>();
    Eigen::VectorXd cs(6), gammas(5);
    cs << 0.01, 0.1, 1, 10, 100, 1000;
    gammas << 0.0001, 0.001, 0.01, 0.1, 1;
    Eigen::MatrixXd acc(5, 6);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 6; ++c)
            acc(r, c) = 0.95 - 0.035 * std::pow(c - 3.2 + 0.6 * (r - 2), 2) / 2 - 0.04 * std::abs(r - 2.1);
    heat->setGrid(cs, gammas, acc);
    QVector<ScoreHeatmapView::Trial> order;
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 6; ++c)
            order.push_back({cs[c], gammas[r], acc(r, c)});
    heat->setTrials(order);
    heat->setShowSearchPath(false);
    heat->setAxisNames("C", "gamma");
    heat->setLogAxes(true, true);
    heat->setScoreLabel("mean CV accuracy");
    charts.emplace_back("heatmap-grid", std::move(heat));

    auto bayes = std::make_unique<ScoreHeatmapView>();
    QVector<ScoreHeatmapView::Trial> tried = {{0.3, 3, 0.71},  {0.001, 8, 0.62}, {0.05, 6, 0.80}, {0.1, 5, 0.83},
                                              {0.08, 6, 0.84}, {0.02, 7, 0.79},  {0.07, 5, 0.85}, {0.06, 5, 0.845},
                                              {0.2, 4, 0.78},  {0.065, 4, 0.83}};
    bayes->setTrials(tried);
    bayes->setAxisNames("learning_rate", "max_depth");
    bayes->setLogAxes(true, false);
    bayes->setScoreLabel("validation AUC");
    charts.emplace_back("heatmap-bayes", std::move(bayes));
    return charts;
}

void screenshots(const QString& dir)
{
    auto charts = sampleCharts();
    QFont presenter = QApplication::font();
    presenter.setPointSizeF(presenter.pointSizeF() * 1.6);
    for (const auto& [look, theme] : {std::pair{QString("light"), Theme::Light}, std::pair{QString("dark"), Theme::Dark},
                                      std::pair{QString("presenter"), Theme::Light}}) {
        applyTheme(theme);
        for (auto& [name, chart] : charts) {
            chart->setPalette(QApplication::palette());
            chart->setFont(look == "presenter" ? presenter : QApplication::font());
            chart->resize(600, 400);
            const QString path = QStringLiteral("%1/charts-%2-%3.png").arg(dir, name, look);
            if (!chart->grab().save(path))
                std::fprintf(stderr, "bench_charts: cannot write %s\n", qPrintable(path));
        }
    }
    std::printf("screenshots: %s/charts-*-{light,dark,presenter}.png (%d charts)\n", qPrintable(dir),
                static_cast<int>(charts.size()));
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp");
    applyTheme(Theme::Light);
    benchBeeswarm();
    screenshots(dir);
    return 0;
}
