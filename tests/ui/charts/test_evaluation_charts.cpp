// The evaluation charts: ROC / precision-recall curves with the threshold
// marker, and the hyperparameter score heatmap whose best score must sit at
// the top of the colour scale whichever way the score runs.
#include "ui/charts/chart_painting.h"
#include "ui/charts/roc_pr_curve_view.h"
#include "ui/charts/score_heatmap_view.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

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

bool closeColour(QColor a, QColor b, int tolerance = 6)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

// A ROC curve of a decent classifier: TPR = FPR^0.3.
void rocPoints(Eigen::VectorXd& fpr, Eigen::VectorXd& tpr, double power)
{
    fpr = Eigen::VectorXd::LinSpaced(50, 0, 1);
    tpr = fpr.array().pow(power);
}

}  // namespace

class TestEvaluationCharts : public QObject {
    Q_OBJECT
private slots:
    void rocCurvesLegendMarkerAndCsv()
    {
        RocPrCurveView view(RocPrCurveView::Kind::Roc);
        Eigen::VectorXd fpr, tpr;
        rocPoints(fpr, tpr, 0.3);
        QCOMPARE(view.addCurve("logistic", fpr, tpr, 1 / 1.3), 0);
        rocPoints(fpr, tpr, 0.6);
        QCOMPARE(view.addCurve("tree", fpr, tpr, 1 / 1.6), 1);
        QCOMPARE(view.legendText(0), QString("logistic (AUC = 0.769)"));
        view.resize(600, 400);
        const QImage before = view.grab().toImage();
        QVERIFY(distinctColours(before) > 8);
        // The curve's own colour is on the picture where the curve runs.
        const QPointF onCurve = view.mapToWidget(QPointF(0.5, std::pow(0.5, 0.3)));
        bool found = false;
        for (int dx = -2; dx <= 2 && !found; ++dx)
            for (int dy = -2; dy <= 2 && !found; ++dy)
                found = closeColour(before.pixelColor(onCurve.toPoint() + QPoint(dx, dy)), classColor(0), 30);
        QVERIFY(found);

        // The threshold marker moves and is drawn where it is set.
        view.setCurrentPoint(0.2, std::pow(0.2, 0.3), 0, "threshold 0.50");
        QVERIFY(view.hasCurrentPoint());
        const QImage marked = view.grab().toImage();
        const QPoint at = view.mapToWidget(view.currentPoint()).toPoint();
        QVERIFY(closeColour(marked.pixelColor(at), classColor(0), 12));
        QVERIFY(marked != before);
        view.setCurrentPoint(0.6, std::pow(0.6, 0.3));
        QVERIFY(view.grab().toImage() != marked);

        const QString csv = exportedCsv(view);
        QVERIFY(csv.startsWith("curve,false_positive_rate,true_positive_rate,auc\n"));
        QCOMPARE(csv.count("logistic,"), 50);
        QCOMPARE(csv.count("tree,"), 50);
    }

    void precisionRecallBaseline()
    {
        RocPrCurveView view(RocPrCurveView::Kind::PrecisionRecall);
        const Eigen::VectorXd recall = Eigen::VectorXd::LinSpaced(40, 0, 1);
        const Eigen::VectorXd precision = 1.0 - 0.7 * recall.array().pow(3);
        view.addCurve("boosting", recall, precision, 0.82);
        view.setPositiveRate(0.3);
        QCOMPARE(view.legendText(0), QString("boosting (AP = 0.820)"));
        QCOMPARE(view.accessibleName(), QString("Precision-recall curve"));
        view.resize(600, 400);
        const QImage image = view.grab().toImage();
        QVERIFY(distinctColours(image) > 8);
        QVERIFY(exportedCsv(view).startsWith("curve,recall,precision,average_precision\nboosting,0,1,0.82\n"));
        view.setPalette([] {
            QPalette p;
            p.setColor(QPalette::Base, QColor(28, 30, 35));
            p.setColor(QPalette::Text, QColor(230, 232, 236));
            return p;
        }());
        QVERIFY(distinctColours(view.grab().toImage()) > 8);
    }

    void heatmapPutsTheBestScoreAtTheTop()
    {
        ScoreHeatmapView view;
        const Eigen::VectorXd c = (Eigen::VectorXd(4) << 0.01, 0.1, 1, 10).finished();
        const Eigen::VectorXd gamma = (Eigen::VectorXd(3) << 0.001, 0.01, 0.1).finished();
        Eigen::MatrixXd accuracy(3, 4);
        accuracy << 0.61, 0.70, 0.78, 0.80,  //
            0.66, 0.81, 0.93, 0.88,          //
            0.52, 0.60, 0.71, std::nan("");
        view.setGrid(c, gamma, accuracy);
        view.setAxisNames("C", "gamma");
        view.setLogAxes(true, true);
        view.setScoreLabel("CV accuracy");
        view.resize(600, 400);
        QCOMPARE(view.bestCell(), QPoint(2, 1));
        QCOMPARE(view.colorScalePosition(0.93), 1.0);
        QCOMPARE(view.colorScalePosition(0.52), 0.0);
        QCOMPARE(view.colorForScore(0.93), scoreColor(1.0));
        // On the picture: the best cell's centre has the top colour of the scale.
        QImage image = view.grab().toImage();
        QVERIFY(closeColour(image.pixelColor(view.cellRect(1, 2).center().toPoint()), scoreColor(1.0)));
        QVERIFY(closeColour(image.pixelColor(view.cellRect(2, 0).center().toPoint()), scoreColor(0.0)));
        // Log axes: the cells are equally wide on screen.
        QVERIFY(std::abs(view.cellRect(0, 0).width() - view.cellRect(0, 3).width()) < 1.0);

        // A loss: lower is better, and the lowest is then at the top.
        Eigen::MatrixXd loss = 1.0 - accuracy.array();
        view.setGrid(c, gamma, loss);
        view.setHigherIsBetter(false);
        QCOMPARE(view.bestCell(), QPoint(2, 1));
        QCOMPARE(view.colorScalePosition(loss(1, 2)), 1.0);
        image = view.grab().toImage();
        QVERIFY(closeColour(image.pixelColor(view.cellRect(1, 2).center().toPoint()), scoreColor(1.0)));
    }

    void heatmapLogAxisNeedsPositiveValues()
    {
        // alpha = 0 cannot sit on a log axis: the axis stays linear, cells stay finite.
        ScoreHeatmapView view;
        view.setLogAxes(true, false);
        view.setGrid((Eigen::VectorXd(3) << 0.0, 0.5, 1.0).finished(), (Eigen::VectorXd(2) << 1, 2).finished(),
                     Eigen::MatrixXd::Constant(2, 3, 0.5));
        view.resize(600, 400);
        const QRectF cell = view.cellRect(0, 0);
        QVERIFY(std::isfinite(cell.left()) && std::isfinite(cell.width()) && cell.width() > 10);
        QVERIFY(distinctColours(view.grab().toImage()) > 4);
    }

    void heatmapTrialsInOrder()
    {
        ScoreHeatmapView view;
        view.setAxisNames("learning_rate", "max_depth");
        view.setLogAxes(true, false);
        const QVector<ScoreHeatmapView::Trial> trials = {
            {0.3, 6, 0.71}, {0.01, 3, 0.64}, {0.1, 4, 0.79}, {0.05, 5, 0.83}, {0.08, 5, 0.82}};
        view.setTrials(trials);
        QVERIFY(view.hasData());
        QCOMPARE(view.bestTrial(), 3);
        QCOMPARE(view.colorScalePosition(0.83), 1.0);
        view.resize(600, 400);
        const QImage image = view.grab().toImage();
        QVERIFY(distinctColours(image) > 8);
        // The marker of the best trial is filled with the top colour (most of
        // a small box around its centre is fill, the rest is its number).
        const QPoint centre = view.mapToWidget(0.05, 5).toPoint();
        int fillPixels = 0;
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx)
                fillPixels += closeColour(image.pixelColor(centre + QPoint(dx, dy)), scoreColor(1.0), 20) ? 1 : 0;
        QVERIFY2(fillPixels >= 20, qPrintable(QString::number(fillPixels)));
        const QString csv = exportedCsv(view);
        QVERIFY(csv.startsWith("kind,order,learning_rate,max_depth,score\n"));
        QVERIFY(csv.contains("trial,4,0.05,5,0.83\n"));
    }
};

QTEST_MAIN(TestEvaluationCharts)
#include "test_evaluation_charts.moc"
