// The dimensionality-reduction lab (lesson 43), driven through its try-this
// steps: the lesson's claims hold on the lab's own numbers. PCA on digits:
// the first two shares and the cumulative curve's crossings, the
// reconstruction error and the downstream k-NN accuracy at k against the raw
// pixels; t-SNE (on a subset and fewer iterations, through the preset: the
// lab's real code path) separates the classes better than two principal
// components, is redrawn while it optimises, and keeps neighbourhoods across
// perplexities and seeds while the layout itself changes.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/digit_images_view.h"
#include "ui/charts/explained_variance_view.h"
#include "ui/charts/projection_scatter_view.h"
#include "ui/labs/dimensionality_reduction_lab.h"
#include "ui/session/training_session.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

const QString kLesson = QStringLiteral("dimensionality-reduction");

bool near(double value, double expected, double tolerance)
{
    return std::abs(value - expected) <= tolerance;
}

// The lesson's t-SNE steps on the first 500 digits with 300 iterations:
// the same code path, a test-sized run.
QJsonObject smallTsne(QJsonObject preset)
{
    preset.insert("rows", 500);
    QJsonObject tsne = preset.value("tsne").toObject();
    tsne.insert("n_iter", 300);
    preset.insert("tsne", tsne);
    return preset;
}

}  // namespace

class TestDimensionalityReductionLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pcaStepsMatchTheText()
    {
        DimensionalityReductionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1200, 800);
        lab.show();

        // Step 1: two components.
        lab.applyPreset(test::lessonPreset(kLesson, 0));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << "k=2: PC1" << m["explained_variance_1"] << "PC2" << m["explained_variance_2"] << "cum"
                << m["cumulative_variance"] << "cv" << m["cv_accuracy"] << "raw" << m["cv_accuracy_raw"] << "mse"
                << m["reconstruction_mse"] << "trust" << m["trustworthiness"];
        QVERIFY(near(m["explained_variance_1"], 0.149, 0.0005));
        QVERIFY(near(m["explained_variance_2"], 0.136, 0.0005));
        QVERIFY(near(m["cumulative_variance"], 0.285, 0.0005));
        QVERIFY(near(m["cv_accuracy"], 0.62, 0.01));
        QVERIFY(near(m["reconstruction_mse"], 13.4, 0.05));
        QVERIFY(lab.scatter()->hasData() && lab.varianceView()->hasData() && lab.imagesView()->hasData());
        QCOMPARE(lab.scatter()->points().rows(), Eigen::Index(1797));
        QCOMPARE(lab.varianceView()->ratios().size(), Eigen::Index(64));
        QCOMPARE(lab.imagesView()->rowCount(), 2);  // originals and reconstructions

        // Step 2: the cumulative curve's crossings; 20 components score close to all 64 pixels.
        lab.applyPreset(test::lessonPreset(kLesson, 1));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "k=20: cv" << m["cv_accuracy"] << "raw" << m["cv_accuracy_raw"] << "90/95/99"
                << m["components_for_90"] << m["components_for_95"] << m["components_for_99"];
        QCOMPARE(m["components_for_90"], 21.0);
        QCOMPARE(m["components_for_95"], 29.0);
        QCOMPARE(m["components_for_99"], 41.0);
        QVERIFY(near(m["cv_accuracy"], 0.986, 0.0015));
        QVERIFY(near(m["cv_accuracy_raw"], 0.987, 0.0015));
        QVERIFY(m["cv_accuracy"] <= m["cv_accuracy_raw"] + 1e-12);
        const double at20 = m["cv_accuracy"];
        lab.setComponents(10);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "k=10: cv" << m["cv_accuracy"] << "mse" << m["reconstruction_mse"];
        QVERIFY(near(m["cv_accuracy"], 0.977, 0.0015));
        QVERIFY(m["cv_accuracy"] < at20);

        // Step 3: reconstructions from 10, then 2 and 40 components.
        lab.applyPreset(test::lessonPreset(kLesson, 2));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        QCOMPARE(m["n_components"], 10.0);
        QVERIFY(near(m["reconstruction_mse"], 4.9, 0.05));
        lab.setComponents(40);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "k=40: mse" << m["reconstruction_mse"];
        QVERIFY(near(m["reconstruction_mse"], 0.22, 0.01));

        // The scaler knob: standardized pixels spread the variance over more
        // components (faint border pixels blown up to unit variance).
        lab.setComponents(2);
        lab.setScaler("StandardScaler");
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        m = lab.measurements();
        qInfo() << "standardized: PC1" << m["explained_variance_1"] << "90% at" << m["components_for_90"] << "cv"
                << m["cv_accuracy"];
        QVERIFY(near(m["explained_variance_1"], 0.120, 0.0005));  // the text: 14.9% -> 12.0%
        QCOMPARE(m["components_for_90"], 31.0);                    // 21 -> 31
        QVERIFY(near(m["cv_accuracy"], 0.54, 0.01));               // 0.62 -> 0.54
    }

    void cancelKeepsThePictureSoFar()
    {
        DimensionalityReductionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1200, 800);
        lab.show();
        lab.applyPreset(test::lessonPreset(kLesson, 3));  // t-SNE on all digits
        QSignalSpy finished(lab.session(), &TrainingSession::finished);
        lab.train();
        QTRY_VERIFY_WITH_TIMEOUT(lab.redraws() >= 1, 60000);
        lab.session()->cancel();
        QVERIFY(finished.wait(60000) || finished.count() == 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(lab.scatter()->hasData());  // the embedding as far as it got
        QVERIFY(lab.measurements().isEmpty());  // no numbers for an unfinished run
        QVERIFY(lab.errorText().isEmpty());
    }

    void tsneSeparatesBetterThanTwoComponents()
    {
        DimensionalityReductionLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1200, 800);
        lab.show();
        // Step 4: t-SNE.
        lab.applyPreset(smallTsne(test::lessonPreset(kLesson, 3)));
        QCOMPARE(lab.method(), DimensionalityReductionLab::Method::Tsne);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << "t-SNE 500 rows: knn2d" << m["knn_accuracy_2d"] << "vs PCA-2" << m["pca2_knn_accuracy_2d"]
                << "trust" << m["trustworthiness"] << "vs" << m["pca2_trustworthiness"] << "KL" << m["kl_divergence"]
                << "redraws" << lab.redraws();
        QVERIFY(m["knn_accuracy_2d"] > 0.97);  // "about 0.99"
        QVERIFY(m["knn_accuracy_2d"] > m["pca2_knn_accuracy_2d"] + 0.25);  // 0.99 vs 0.64 on all rows
        QVERIFY(m["trustworthiness"] > m["pca2_trustworthiness"] + 0.1);  // 0.995 vs 0.83 on all rows
        QVERIFY(m["trustworthiness"] > 0.985);
        QVERIFY(m["pca2_trustworthiness"] < 0.87);
        QCOMPARE(m["iterations"], 300.0);
        QVERIFY(lab.redraws() >= 2);  // redrawn while it optimised, not only at the end
        // No scoring and no reconstructions for t-SNE: no transform, no inverse.
        QVERIFY(!m.contains("cv_accuracy"));
        QVERIFY(!m.contains("reconstruction_mse"));
        QVERIFY(!lab.imagesView()->hasData());
        const Matrix perplexity30 = lab.projection();

        // Step 5: perplexity 5 and 50 and another seed: the layout changes,
        // the neighbourhoods stay.
        lab.applyPreset(smallTsne(test::lessonPreset(kLesson, 4)));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        const Matrix perplexity5 = lab.projection();
        const double trust5 = m["trustworthiness"], knn5 = m["knn_accuracy_2d"];
        lab.setPerplexity(50);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "perplexity 5: trust" << trust5 << "knn" << knn5 << "; 50: trust" << m["trustworthiness"] << "knn"
                << m["knn_accuracy_2d"];
        QVERIFY(trust5 > 0.985 && m["trustworthiness"] > 0.985);  // "about 0.99"
        QVERIFY(knn5 > 0.97 && m["knn_accuracy_2d"] > 0.97);  // "about 0.98"
        QVERIFY(!perplexity5.isApprox(perplexity30, 0.1));
        QVERIFY(!lab.projection().isApprox(perplexity5, 0.1));
    }
};

QTEST_MAIN(TestDimensionalityReductionLab)
#include "test_dimensionality_reduction_lab.moc"
