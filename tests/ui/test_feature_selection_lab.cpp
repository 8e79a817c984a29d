// The feature-selection lab (lesson 16): filter, RFE and L1 selection inside
// a cross-validated pipeline on breast_cancer, and the lesson's claims on the
// lab's own numbers: which features lead the ANOVA F and chi² rankings, how
// the CV accuracy grows with k, which features RFE keeps longest, and how
// many features L1 keeps at C = 0.01, 0.1 and 1.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/feature_selection_lab.h"
#include "ui/session/training_session.h"

#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace dslab;

namespace {

// Feature names by decreasing bar value.
QStringList ranking(const FeatureSelectionLab& lab)
{
    std::vector<int> order(lab.featureValues().size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return lab.featureValues()[a] > lab.featureValues()[b]; });
    QStringList out;
    for (int j : order)
        out << lab.featureNames()[j];
    return out;
}

double valueOf(const FeatureSelectionLab& lab, const QString& name)
{
    return lab.featureValues()[static_cast<std::size_t>(lab.featureNames().indexOf(name))];
}

double sweepAt(const FeatureSelectionLab& lab, double k)
{
    for (const QPointF& p : lab.sweep())
        if (p.x() == k)
            return p.y();
    return std::nan("");
}

}  // namespace

class TestFeatureSelectionLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void filterRanksAndSweeps()
    {
        FeatureSelectionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("feature-selection", 0));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        const QStringList order = ranking(lab);
        qInfo() << "ANOVA F order" << order << "F" << valueOf(lab, order[0]) << valueOf(lab, order[3]);
        qInfo() << "filter k=5" << m;
        QCOMPARE(order.mid(0, 4), (QStringList{"worst_concave_points", "worst_perimeter", "mean_concave_points", "worst_radius"}));
        QVERIFY(std::abs(valueOf(lab, "worst_concave_points") - 964) < 5);
        QCOMPARE(m["n_selected"], 5.0);
        QCOMPARE(lab.bars()->barLabels().first(), QString("worst_concave_points"));
        QVERIFY(lab.bars()->isHighlighted(static_cast<int>(lab.featureNames().indexOf("worst_radius"))));
        QVERIFY(!lab.bars()->isHighlighted(static_cast<int>(lab.featureNames().indexOf("mean_texture"))));
        // Radius and perimeter bars are near twins: the columns correlate at r = 0.998.
        {
            const Dataset cancer = test::builtin("breast_cancer");
            const Matrix X = cancer.featureMatrix({"mean_radius", "mean_perimeter"});
            const Eigen::VectorXd a = X.col(0).array() - X.col(0).mean(), b = X.col(1).array() - X.col(1).mean();
            const double corr = a.dot(b) / std::sqrt(a.squaredNorm() * b.squaredNorm());
            QVERIFY(std::abs(corr - 0.998) < 0.0005);
        }
        const double r = valueOf(lab, "mean_radius"), p = valueOf(lab, "mean_perimeter");
        QVERIFY(std::abs(r - p) / std::max(r, p) < 0.1);
        // The sweep over k: the pipeline score at k = 5 is the sweep's point at 5.
        QCOMPARE(lab.sweep().size(), 30);
        QVERIFY(std::abs(sweepAt(lab, 5) - m["cv_score"]) < 1e-12);

        // Step 2: k = 10 from pipeline_params; the curve's shape.
        lab.applyPreset(test::lessonPreset("feature-selection", 1));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        m = lab.measurements();
        QCOMPARE(m["n_selected"], 10.0);
        QString curve;
        for (const QPointF& pt : lab.sweep())
            curve += QString(" %1:%2").arg(pt.x()).arg(pt.y(), 0, 'f', 3);
        qInfo() << "accuracy vs k" << curve << "best" << m["best_k"] << m["best_k_score"];
        QVERIFY(std::abs(sweepAt(lab, 3) - 0.946) < 0.01);
        QVERIFY(std::abs(sweepAt(lab, 10) - 0.951) < 0.01);
        QVERIFY(m["best_k_score"] >= 0.975);
        QVERIFY(m["best_k"] >= 15);
    }

    void rfeKeepsComplementaryFeatures()
    {
        FeatureSelectionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("feature-selection", 2));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.method(), FeatureSelectionLab::Method::Rfe);
        QVERIFY(lab.runStepsBlocking(1, 600000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        const QStringList order = ranking(lab);
        qInfo() << "RFE survival order" << order.mid(0, 8) << lab.measurements();
        QCOMPARE(lab.measurements()["n_selected"], 1.0);
        QCOMPARE(QSet<QString>(order.begin(), order.begin() + 3), (QSet<QString>{"worst_area", "worst_concave_points", "worst_radius"}));
        QVERIFY(order.indexOf("radius_error") < 8);
        QVERIFY(order.indexOf("worst_texture") < 8);
        // The method knob swaps the selector step for that method's default (k = 5).
        lab.setMethod(FeatureSelectionLab::Method::Filter);
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.measurements()["n_selected"], 5.0);
        QCOMPARE(ranking(lab).first(), QString("worst_concave_points"));
    }

    void l1KeepsMoreFeaturesAsCGrows()
    {
        FeatureSelectionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("feature-selection", 3));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.method(), FeatureSelectionLab::Method::L1);
        QList<double> kept;
        for (double c : {0.01, 0.1, 1.0}) {
            lab.setC(c);
            QVERIFY2(lab.runStepsBlocking(1, 600000), qPrintable(lab.errorText()));
            QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
            kept << lab.measurements()["n_selected"];
            if (c == 0.1) {
                // One survivor of the six near-duplicate size columns.
                int sizeColumns = 0;
                for (const char* f : {"mean_radius", "mean_perimeter", "mean_area", "worst_radius", "worst_perimeter", "worst_area"})
                    sizeColumns += lab.measurements().contains(QString("selected_") + f) ? 1 : 0;
                QCOMPARE(sizeColumns, 1);
                QVERIFY(lab.measurements().contains("selected_worst_radius"));
            }
            qInfo() << "L1 C" << c << lab.measurements();
        }
        QString curve;
        for (const QPointF& pt : lab.sweep())
            curve += QString(" %1:%2").arg(pt.x()).arg(pt.y(), 0, 'f', 3);
        qInfo() << "L1 features kept" << kept << "sweep (features: accuracy)" << curve;
        QVERIFY(kept[0] < kept[1] && kept[1] < kept[2]);
        QCOMPARE(kept, (QList<double>{3, 8, 16}));
    }

    void chi2RanksConcavityFirst()
    {
        FeatureSelectionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("feature-selection", 4));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        const QStringList order = ranking(lab);
        qInfo() << "chi2 order" << order.mid(0, 8);
        QCOMPARE(order.mid(0, 3), (QStringList{"mean_concave_points", "worst_concave_points", "mean_concavity"}));
        // chi2 after a StandardScaler would fail: the lab swaps in MinMaxScaler and says so.
        lab.applyPreset(test::lessonPreset("feature-selection", 0));
        lab.setScoreFunc("chi2");
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(ranking(lab).mid(0, 3), order.mid(0, 3));
    }
};

QTEST_MAIN(TestFeatureSelectionLab)
#include "test_feature_selection_lab.moc"
