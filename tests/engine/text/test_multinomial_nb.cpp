// MultinomialNB against scikit-learn 1.2.1: TfidfVectorizer() fitted on
// messages 0..149 of sms_spam, MultinomialNB fitted on their TF-IDF and
// predicting messages 150..199; class_log_prior_, feature_log_prob_,
// predict, predict_proba and predict_log_proba to 1e-9. Reference:
// data/text_expected.json ("nb"), from sklearn_reference.py vectorizers.
#include "engine/core/errors.h"
#include "engine/text/multinomial_nb.h"
#include "engine/text/tfidf_vectorizer.h"
#include "tests/engine/text/text_reference.h"

#include <QtTest>
#include <cmath>

using namespace dslab;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-9;

double maxDiff(const Matrix& ours, const std::vector<double>& reference)
{
    // reference is row-major, as numpy ravels
    if (static_cast<std::size_t>(ours.size()) != reference.size())
        return std::numeric_limits<double>::infinity();
    double worst = 0;
    for (Eigen::Index r = 0; r < ours.rows(); ++r)
        for (Eigen::Index c = 0; c < ours.cols(); ++c)
            worst = std::max(worst, std::abs(ours(r, c) - reference[static_cast<std::size_t>(r * ours.cols() + c)]));
    return worst;
}

struct SmsSplit {
    SparseMatrix train, test;
    Vector yTrain;
};

SmsSplit tfidfSplit(const json& nbCase)
{
    const StringList docs = test::stringsFromJson(test::textReference().at("docs"));
    TfidfVectorizer v;
    v.fit(StringList(docs.begin(), docs.begin() + 150));
    SmsSplit s;
    s.train = v.transform(StringList(docs.begin(), docs.begin() + 150));
    s.test = v.transform(StringList(docs.begin() + 150, docs.begin() + 200));
    const auto y = nbCase.at("y_train").get<std::vector<double>>();
    s.yTrain = Eigen::Map<const Vector>(y.data(), static_cast<Eigen::Index>(y.size()));
    return s;
}

}  // namespace

class TestMultinomialNB : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearnOnSmsSpam()
    {
        for (const json& c : test::textReference().at("nb")) {
            const SmsSplit s = tfidfSplit(c);
            QCOMPARE(s.train.cols(), c.at("n_features").get<Eigen::Index>());
            MultinomialNB nb;
            test::setParamsFromJson(nb, c.at("params"));
            nb.fit(s.train, s.yTrain);
            QCOMPARE(nb.classes(), c.at("classes").get<std::vector<double>>());
            const double prior = maxDiff(nb.classLogPrior().transpose(), c.at("class_log_prior").get<std::vector<double>>());
            const double logProb = maxDiff(nb.featureLogProb(), c.at("feature_log_prob").get<std::vector<double>>());
            const double proba = maxDiff(nb.predictProba(s.test), c.at("predict_proba").get<std::vector<double>>());
            const double logProba = maxDiff(nb.predictLogProba(s.test), c.at("predict_log_proba").get<std::vector<double>>());
            qInfo("MultinomialNB(%s): max |ours - sklearn|: class_log_prior %g, feature_log_prob %g, predict_proba %g, "
                  "predict_log_proba %g", c.at("params").dump().c_str(), prior, logProb, proba, logProba);
            QVERIFY(prior <= kTolerance);
            QVERIFY(logProb <= kTolerance);
            QVERIFY(proba <= kTolerance);
            QVERIFY(logProba <= kTolerance);
            const auto predicted = c.at("predict").get<std::vector<double>>();
            const Vector ours = nb.predict(s.test);
            for (std::size_t i = 0; i < predicted.size(); ++i)
                QCOMPARE(ours(static_cast<Eigen::Index>(i)), predicted[i]);
            // The dense path gives the same model.
            MultinomialNB dense;
            test::setParamsFromJson(dense, c.at("params"));
            TrainContext ctx;
            dense.fit(Matrix(s.train), s.yTrain, ctx);
            QVERIFY((dense.featureLogProb() - nb.featureLogProb()).cwiseAbs().maxCoeff() <= 1e-12);
            QVERIFY((dense.predictProba(Matrix(s.test)) - nb.predictProba(s.test)).cwiseAbs().maxCoeff() <= 1e-12);
        }
    }

    void probabilitiesStayFiniteForLongDocuments()
    {
        // Counts in the thousands give joint log-likelihoods near -1e4: exp
        // underflows, the log-sum-exp does not.
        Matrix X(2, 3);
        X << 5000, 10, 0,
             0, 10, 5000;
        const Vector y = (Vector(2) << 0, 1).finished();
        MultinomialNB nb;
        TrainContext ctx;
        nb.fit(X, y, ctx);
        const Matrix proba = nb.predictProba(X);
        QVERIFY(proba.allFinite());
        QVERIFY(std::abs(proba.row(0).sum() - 1.0) < 1e-12);
        QCOMPARE(nb.predict(X)(0), 0.0);
        QCOMPARE(nb.predict(X)(1), 1.0);
        QVERIFY(proba(0, 0) > 0.999999);
        QVERIFY(nb.predictLogProba(X).allFinite());
    }

    void rejectsUnusableInput()
    {
        MultinomialNB nb;
        TrainContext ctx;
        const Vector y = (Vector(2) << 0, 1).finished();
        QVERIFY_THROWS_EXCEPTION(DataError, nb.fit((Matrix(2, 2) << 1, -1, 0, 2).finished(), y, ctx));
        QVERIFY_THROWS_EXCEPTION(DataError, nb.fit(Matrix::Ones(3, 2), y, ctx));
        QVERIFY_THROWS_EXCEPTION(NotFittedError, nb.predict(Matrix::Ones(1, 2)));
        nb.fit(Matrix::Ones(2, 2), y, ctx);
        QVERIFY_THROWS_EXCEPTION(DataError, nb.predict(Matrix::Ones(1, 3)));
        // alpha = 0 is raised to 1e-10 as in scikit-learn 1.2, so unseen terms stay finite.
        nb.setParam("alpha", 0.0);
        nb.fit((Matrix(2, 2) << 1, 0, 0, 1).finished(), y, ctx);
        QVERIFY(nb.featureLogProb().allFinite());
    }

    void saveAndLoadKeepTheModel()
    {
        const SmsSplit s = tfidfSplit(test::textReference().at("nb").at(0));
        MultinomialNB nb;
        nb.fit(s.train, s.yTrain);
        json state;
        nb.saveState(state);
        MultinomialNB copy;
        copy.loadState(json::parse(state.dump()));
        QVERIFY((copy.predictProba(s.test) - nb.predictProba(s.test)).cwiseAbs().maxCoeff() == 0.0);
        json damaged = state;
        damaged["classes"] = json::array({1.0, 0.0});
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(damaged));
        damaged = state;
        damaged["feature_log_prob"]["data"][0] = 0.5;
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(damaged));
        damaged = state;
        damaged.erase("class_log_prior");
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(damaged));
        QVERIFY(!copy.isFitted());
    }
};

QTEST_GUILESS_MAIN(TestMultinomialNB)
#include "test_multinomial_nb.moc"
