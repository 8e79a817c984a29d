// The tuning lab (lesson 12): grid, random and Bayesian search over two
// hyperparameters on the worker, trials kept on cancel, the true score surface
// computed once and cached; and the lesson's claims hold on the lab's own
// numbers: a 4 x 4 grid tries 4 learning rates, random search 16, the good
// region is a diagonal band, Bayesian search concentrates its later trials
// in it, and with 50 trials the three methods end close together.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/charts/score_heatmap_view.h"
#include "ui/labs/tuning_lab.h"
#include "ui/session/training_session.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

// Mean true-surface score of the trials (looked up at the nearest surface cell).
double meanSurfaceScore(const TuningLab& lab, const QVector<TuningLab::Trial>& trials, int from, int to,
                        const Eigen::VectorXd& xs, const Eigen::VectorXd& ys)
{
    double sum = 0;
    for (int i = from; i < to; ++i) {
        Eigen::Index c = 0, r = 0;
        (xs.array().log() - std::log(trials[i].x)).abs().minCoeff(&c);
        (ys.array() - trials[i].y).abs().minCoeff(&r);
        sum += lab.surface()(r, c);
    }
    return sum / (to - from);
}

}  // namespace

class TestTuningLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void gridValuesFollowTheBudget()
    {
        TuningLab::Axis rate{"M__learning_rate", "learning_rate", false, true, 0.01, 1.0};
        TuningLab::Axis depth{"M__max_depth", "max_depth", true, false, 1, 8};
        auto v = TuningLab::gridValues({rate, depth}, 16);
        QCOMPARE(v[0].size(), 4);
        QCOMPARE(v[1].size(), 4);
        QVERIFY(std::abs(v[0](1) / v[0](0) - v[0](2) / v[0](1)) < 1e-9);  // log-spaced
        QCOMPARE(v[1](0), 1.0);
        QCOMPARE(v[1](3), 8.0);
        v = TuningLab::gridValues({rate, depth}, 50);
        QCOMPARE(v[0].size() * v[1].size(), 49);
        // An integer axis with fewer values than sqrt(budget) takes them all; the other gets the rest.
        TuningLab::Axis shallow{"M__max_depth", "max_depth", true, false, 1, 3};
        v = TuningLab::gridValues({rate, shallow}, 36);
        QCOMPARE(v[1].size(), 3);
        QCOMPARE(v[0].size(), 12);
    }

    void lessonClaimsHold()
    {
        TuningLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();

        // Step 1: a 4 x 4 grid; the true surface is computed first.
        lab.applyPreset(test::lessonPreset("hyperparameter-tuning", 0));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.hasSurface());
        QVERIFY(lab.surface().allFinite());
        auto m = lab.measurements();
        qInfo() << "grid 16:" << m;
        QCOMPARE(m["n_trials"], 16.0);
        QCOMPARE(m["distinct_learning_rate"], 4.0);
        QCOMPARE(m["distinct_max_depth"], 4.0);
        QVERIFY(m["best_score"] <= m["surface_best"] + 0.01);
        QVERIFY(m.contains("held_out_score"));
        QCOMPARE(lab.heatmap()->bestTrial() + 1, static_cast<int>(m["best_trial"]));
        QCOMPARE(lab.bestCurve()->pointCount(0), 16);
        // The diagonal band: the best depth falls as the learning rate grows.
        const Eigen::MatrixXd surface = lab.surface();
        Eigen::Index slowBest = 0, fastBest = 0;
        surface.col(0).maxCoeff(&slowBest);
        surface.col(surface.cols() - 1).maxCoeff(&fastBest);
        qInfo() << "best depth row at the smallest rate" << slowBest << "at the largest" << fastBest;
        QVERIFY(slowBest > fastBest);
        QCOMPARE(slowBest, 4);  // learning rate 0.01: depth 5
        QCOMPARE(fastBest, 0);  // learning rate 1: stumps
        const double gridBest = m["best_score"];

        // Step 2: random search, same budget; the surface comes from the cache.
        lab.applyPreset(test::lessonPreset("hyperparameter-tuning", 1));
        QVERIFY(lab.hasSurface());
        QVERIFY(lab.surface() == surface);
        QVERIFY(lab.runStepsBlocking(1, 300000));
        m = lab.measurements();
        qInfo() << "random 16:" << m;
        QCOMPARE(m["distinct_learning_rate"], 16.0);
        QCOMPARE(m["distinct_max_depth"], 8.0);
        // Close to the grid's best: far inside one fold's standard deviation.
        QVERIFY(std::abs(m["best_score"] - gridBest) < 0.006);
        QVERIFY(m["best_std"] > 0.04);

        // Step 3: Bayesian; after the random start its trials sit in better places.
        lab.applyPreset(test::lessonPreset("hyperparameter-tuning", 2));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        m = lab.measurements();
        qInfo() << "bayesian 16:" << m;
        QCOMPARE(m["n_trials"], 16.0);
        const Eigen::VectorXd xs = Eigen::VectorXd::LinSpaced(surface.cols(), std::log(0.01), std::log(1.0)).array().exp();
        const Eigen::VectorXd ys = Eigen::VectorXd::LinSpaced(surface.rows(), 1, 8);
        const auto& bayes = lab.trials(TuningLab::Bayesian);
        const double early = meanSurfaceScore(lab, bayes, 0, 4, xs, ys);
        const double late = meanSurfaceScore(lab, bayes, 8, 16, xs, ys);
        qInfo() << "Bayesian: mean surface score of trials 1-4" << early << "of trials 9-16" << late;
        QVERIFY(late > early + 0.02);
        QVERIFY(std::abs(early + 0.33) < 0.01 && std::abs(late + 0.30) < 0.01);

        // The best-so-far curves of the three methods on 16 trials.
        QVERIFY(lab.compareBlocking(300000));
        for (auto method : {TuningLab::Grid, TuningLab::Random, TuningLab::Bayesian}) {
            QString curve;
            double best = -1e9;
            for (const auto& t : lab.trials(method)) {
                best = std::max(best, t.score);
                curve += QString(" %1").arg(best, 0, 'f', 4);
            }
            qInfo() << "method" << method << "best so far:" << curve;
        }
        m = lab.measurements();
        {
            const double g = m["best_score_grid"], r = m["best_score_random"], b = m["best_score_bayesian"];
            QVERIFY(std::max({g, r, b}) - std::min({g, r, b}) < 0.006);
            QVERIFY(g >= r && g >= b);  // the grid finishes first on this seed
        }

        // Step 4: 50 trials each; all three end close together.
        lab.applyPreset(test::lessonPreset("hyperparameter-tuning", 3));
        QVERIFY(lab.compareBlocking(600000));
        m = lab.measurements();
        qInfo() << "budget 50:" << m;
        const double g = m["best_score_grid"], r = m["best_score_random"], b = m["best_score_bayesian"];
        QVERIFY(std::max({g, r, b}) - std::min({g, r, b}) < 0.003);
        QCOMPARE(m["n_trials_grid"], 49.0);
        QCOMPARE(m["n_trials_random"], 50.0);
        QCOMPARE(m["n_trials_bayesian"], 50.0);

        // Step 5: the top configurations of a random search tie within a fold std.
        lab.applyPreset(test::lessonPreset("hyperparameter-tuning", 4));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        m = lab.measurements();
        qInfo() << "random 30:" << m;
        QCOMPARE(m["ties_with_best"], 11.0);
    }

    void cancelKeepsTheFinishedTrials()
    {
        TuningLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("hyperparameter-tuning", 1);
        QJsonObject search = preset.value("search").toObject();
        search.insert("n_iter", 40);
        preset.insert("search", search);
        lab.applyPreset(preset);
        lab.search();
        QVERIFY(lab.session()->isRunning());
        QVERIFY(!lab.searchButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(lab.trials(TuningLab::Random).size() >= 2, 300000);
        lab.cancelButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.session()->isRunning() && lab.searchButton()->isEnabled(), 60000);
        const auto kept = lab.trials(TuningLab::Random).size();
        qInfo() << "kept" << kept << "trials of 40";
        QVERIFY(kept >= 2 && kept < 40);
        QCOMPARE(lab.measurements()["n_trials"], static_cast<double>(kept));
    }

    void badSpaceIsAPresetError()
    {
        TuningLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("hyperparameter-tuning", -1);
        QJsonObject search = preset.value("search").toObject();
        QJsonObject space = search.value("space").toObject();
        space.insert("GradientBoostingClassifier__nonsense", QJsonObject{{"type", "float"}, {"low", 0.1}, {"high", 1.0}});
        search.insert("space", space);
        preset.insert("search", search);
        lab.applyPreset(preset);
        QVERIFY(lab.errorText().contains("two parameters"));
        space.remove("GradientBoostingClassifier__max_depth");
        search.insert("space", space);
        preset.insert("search", search);
        lab.applyPreset(preset);
        QVERIFY2(lab.errorText().contains("nonsense"), qPrintable(lab.errorText()));
    }
};

QTEST_MAIN(TestTuningLab)
#include "test_tuning_lab.moc"
