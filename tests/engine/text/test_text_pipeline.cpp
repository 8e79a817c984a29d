// Text in pipelines, against scikit-learn 1.2.1 (sklearn_text_pipeline.py ->
// data/text_pipeline_expected.json): a TfidfVectorizer reading sms_spam's
// text column into LogisticRegression (probabilities to 1e-6, accuracy), the
// same inside a ColumnTransformer given the column name as a string,
// CountVectorizer -> MultinomialNB accuracy on a 4180/1394 split (exact);
// the features stay sparse; JSON and saved-model round trips; the errors for
// dense steps after a vectorizer.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/core/sparse_estimator.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/text/tfidf_vectorizer.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>

using namespace dslab;
using nlohmann::json;

namespace {

const json& expected()
{
    static const json reference = [] {
        std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/text/data/text_pipeline_expected.json");
        return json::parse(in);
    }();
    return reference;
}

Dataset rows(const Dataset& data, Eigen::Index begin, Eigen::Index end)
{
    IndexList index(static_cast<std::size_t>(end - begin));
    std::iota(index.begin(), index.end(), begin);
    return data.selectRows(index);
}

const Dataset& sms()
{
    static const Dataset data = test::builtin("sms_spam");
    return data;
}

json logisticStep()
{
    return {{"type", "LogisticRegression"}, {"C", 10}, {"tol", 1e-10}, {"max_iter", 10000}};
}

double maxProbaDifference(const Matrix& proba, const json& reference)
{
    const auto ref = reference.get<std::vector<double>>();
    if (static_cast<std::size_t>(proba.rows()) != ref.size())
        return std::numeric_limits<double>::infinity();
    double worst = 0;
    for (Eigen::Index i = 0; i < proba.rows(); ++i)
        worst = std::max(worst, std::abs(proba(i, 1) - ref[static_cast<std::size_t>(i)]));
    return worst;
}

double accuracyOn(const Pipeline& p, const Dataset& test)
{
    const StringList predicted = p.predictLabels(test);
    const StringList truth = test.column(test.targetName()).strings;
    std::size_t correct = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        correct += predicted[i] == truth[i] ? 1 : 0;
    return static_cast<double>(correct) / static_cast<double>(truth.size());
}

}  // namespace

class TestTextPipeline : public QObject {
    Q_OBJECT

private slots:
    void vectorizersAreInTheCatalog()
    {
        for (const char* type : {"CountVectorizer", "TfidfVectorizer", "MultinomialNB"})
            QVERIFY2(Catalog::builtin().find(type), type);
        QVERIFY(dynamic_cast<SparseEstimator*>(Catalog::builtin().create("MultinomialNB").get()));
        QVERIFY(dynamic_cast<SparseEstimator*>(Catalog::builtin().create("LogisticRegression").get()));
    }

    void tfidfLogisticRegressionMatchesScikitLearn()
    {
        const json& ref = expected().at("tfidf_logreg");
        Pipeline p = pipelineFromJson({{"steps", {{{"type", "TfidfVectorizer"}, {"column", "text"}}, logisticStep()}}});
        TrainContext ctx;
        p.fit(rows(sms(), 0, 1000), ctx);
        QVERIFY(p.sparseFeatures());
        QCOMPARE(p.featureNames().size(), ref.at("vocabulary_size").get<std::size_t>());
        QCOMPARE(p.schema().columns.size(), std::size_t(1));
        QCOMPARE(p.schema().columns[0].name, std::string("text"));
        const Dataset test = rows(sms(), 1000, 1300);
        const double diff = maxProbaDifference(p.predictProba(test), ref.at("proba_spam"));
        qInfo("TF-IDF -> LogisticRegression: largest |P(spam) - sklearn| = %.3g", diff);
        QVERIFY2(diff < 1e-6, std::to_string(diff).c_str());
        QCOMPARE(accuracyOn(p, test), ref.at("accuracy").get<double>());
        // The sparse model and the dense path through featuresFor agree.
        const Matrix dense = p.predictProba(p.featuresFor(rows(sms(), 1000, 1010)));
        QVERIFY((dense - p.predictProba(rows(sms(), 1000, 1010))).cwiseAbs().maxCoeff() < 1e-12);
    }

    void columnTransformerTakesTheColumnName()
    {
        const json& ref = expected().at("column_transformer");
        const json ct = {{"type", "ColumnTransformer"},
                         {"transformers", {{"txt", {{"type", "TfidfVectorizer"}}, "text"}}}};
        Pipeline p = pipelineFromJson({{"steps", {ct, logisticStep()}}});
        TrainContext ctx;
        p.fit(rows(sms(), 0, 1000), ctx);
        QVERIFY(p.sparseFeatures());
        const auto head = ref.at("feature_names_head").get<StringList>();
        QCOMPARE(StringList(p.featureNames().begin(), p.featureNames().begin() + 3), head);
        const double diff = maxProbaDifference(p.predictProba(rows(sms(), 1000, 1300)), ref.at("proba_spam"));
        qInfo("ColumnTransformer(TF-IDF) -> LogisticRegression: largest |P(spam) - sklearn| = %.3g", diff);
        QVERIFY2(diff < 1e-6, std::to_string(diff).c_str());
    }

    void countNaiveBayesAccuracyMatchesScikitLearn()
    {
        const json& ref = expected().at("count_nb");
        Pipeline p = pipelineFromJson({{"steps", {{{"type", "CountVectorizer"}}, {{"type", "MultinomialNB"}}}}});
        TrainContext ctx;
        const auto n = static_cast<Eigen::Index>(sms().rowCount());
        p.fit(rows(sms(), 0, 4180), ctx);
        QCOMPARE(p.featureNames().size(), ref.at("vocabulary_size").get<std::size_t>());
        const double acc = accuracyOn(p, rows(sms(), 4180, n));
        qInfo("CountVectorizer -> MultinomialNB: accuracy %.6f (scikit-learn %.6f)", acc, ref.at("accuracy").get<double>());
        QCOMPARE(acc, ref.at("accuracy").get<double>());
    }

    void jsonAndSavedModelRoundTrip()
    {
        const json spec = {{"steps",
                            {{{"type", "TfidfVectorizer"}, {"column", "text"}, {"ngram_range", {1, 2}},
                              {"stop_words", "english"}, {"stemmer", "porter"}, {"min_df", 2}},
                             {{"type", "MultinomialNB"}, {"alpha", 0.5}}}}};
        Pipeline p = pipelineFromJson(spec);
        const json written = pipelineSpecToJson(p);
        QCOMPARE(pipelineSpecToJson(pipelineFromJson(written)), written);
        TrainContext ctx;
        p.fit(rows(sms(), 0, 600), ctx);
        const Dataset test = rows(sms(), 600, 700);
        const Pipeline loaded = savedPipelineFromJson(savedPipelineToJson(p, json::object()));
        QVERIFY(loaded.sparseFeatures());
        QCOMPARE(loaded.schema().columns.size(), std::size_t(1));
        QVERIFY((loaded.predictProba(test) - p.predictProba(test)).cwiseAbs().maxCoeff() < 1e-12);
        // A porter-stemmed vocabulary: "claim" is there, "claims" is not.
        const auto& terms = p.featureNames();
        QVERIFY(std::find(terms.begin(), terms.end(), "claim") != terms.end());
        QVERIFY(std::find(terms.begin(), terms.end(), "claims") == terms.end());
    }

    void denseStepsAfterAVectorizerAreRefused()
    {
        TrainContext ctx;
        Pipeline scaled = pipelineFromJson(
            {{"steps", {{{"type", "TfidfVectorizer"}}, {{"type", "StandardScaler"}}, {{"type", "LogisticRegression"}}}}});
        try {
            scaled.fit(rows(sms(), 0, 100), ctx);
            QFAIL("a StandardScaler after TfidfVectorizer was accepted");
        } catch (const ParamError& e) {
            QVERIFY2(std::string(e.what()).find("StandardScaler cannot take the sparse output of TfidfVectorizer")
                         != std::string::npos,
                     e.what());
        }
        Pipeline knn = pipelineFromJson({{"steps", {{{"type", "CountVectorizer"}}, {{"type", "KNeighborsClassifier"}}}}});
        QVERIFY_THROWS_EXCEPTION(ParamError, knn.fit(rows(sms(), 0, 100), ctx));
        Pipeline saga = pipelineFromJson(
            {{"steps", {{{"type", "CountVectorizer"}}, {{"type", "LogisticRegression"}, {"solver", "saga"}}}}});
        QVERIFY_THROWS_EXCEPTION(ParamError, saga.fit(rows(sms(), 0, 100), ctx));
        // A missing column is named.
        Pipeline wrong = pipelineFromJson({{"steps", {{{"type", "CountVectorizer"}, {"column", "body"}}, {{"type", "MultinomialNB"}}}}});
        try {
            wrong.fit(rows(sms(), 0, 100), ctx);
            QFAIL("a missing column was accepted");
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find("'body'") != std::string::npos, e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestTextPipeline)
#include "test_text_pipeline.moc"
