#include "ui/labs/text_experiment.h"

#include "engine/core/errors.h"
#include "engine/data/split.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/models/linear/logistic_regression.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/text/count_vectorizer.h"
#include "engine/text/english_stop_words.h"
#include "engine/text/lowercase.h"
#include "engine/text/multinomial_nb.h"
#include "engine/text/porter_stemmer.h"
#include "engine/text/tfidf_vectorizer.h"
#include "engine/text/word_tokenizer.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace dslab {

using nlohmann::json;

namespace {

const char* const kTwoLetterPattern = "(?u)\\b\\w\\w+\\b";
const char* const kOneLetterPattern = "(?u)\\b\\w+\\b";

std::size_t corpusVocabularySize(const StringList& documents, const TextSettings& settings)
{
    CountVectorizer v;
    const json step = settings.vectorizerStep("");
    for (const auto& [key, value] : step.items())
        if (v.findSpec(key))
            v.setParam(key, paramFromJson(value));
    v.fit(documents);
    return v.vocabularyTerms().size();
}

struct Scores {
    double accuracy = 0, precision = 0, recall = 0, f1 = 0;
    Matrix confusion;
};

Scores scoreOn(const Pipeline& fitted, const Dataset& test, double positiveCode)
{
    const Vector truth = test.targetCodes();
    const Vector predicted = fitted.predict(test);
    Scores s;
    s.accuracy = accuracy(truth, predicted);
    const PrecisionRecallF1 prf = precisionRecallF1(truth, predicted, {0.0, 1.0}, Average::Binary, positiveCode);
    s.precision = prf.precision;
    s.recall = prf.recall;
    s.f1 = prf.f1;
    s.confusion = confusionMatrix(truth, predicted, {0.0, 1.0});
    return s;
}

void report(TrainContext& ctx, const Pipeline& pipeline, int step, int total, const std::string& phase)
{
    if (!ctx.observer)
        return;
    TrainStep s;
    s.step = step;
    s.totalSteps = total;
    s.metrics[phase] = step;
    ctx.observer->onStep(s, pipeline);
}

}  // namespace

json TextSettings::vectorizerStep(const std::string& column) const
{
    json step = {{"type", vectorizer},
                 {"lowercase", lowercase},
                 {"token_pattern", oneLetterTokens ? kOneLetterPattern : kTwoLetterPattern},
                 {"stop_words", englishStopWords ? json("english") : json(nullptr)},
                 {"stemmer", porterStemming ? json("porter") : json(nullptr)},
                 {"ngram_range", {ngramMin, ngramMax}},
                 {"min_df", minDf}};
    if (!column.empty())
        step["column"] = column;
    if (vectorizer == "TfidfVectorizer") {
        step["smooth_idf"] = smoothIdf;
        step["sublinear_tf"] = sublinearTf;
    }
    return step;
}

json TextSettings::modelStep() const
{
    if (model == "LogisticRegression")
        return {{"type", model}, {"C", C}, {"max_iter", maxIter}};
    return {{"type", model}, {"alpha", alpha}};
}

json TextSettings::pipelineSpec(const std::string& column) const
{
    return {{"steps", {vectorizerStep(column), modelStep()}}};
}

MessageStages analyzeMessage(const std::string& message, const TextSettings& settings)
{
    MessageStages out;
    out.raw = message;
    out.lowered = settings.lowercase ? text::toLowerUtf8(message) : message;
    std::vector<std::string_view> tokens;
    text::tokenizeWords(out.lowered, tokens, settings.oneLetterTokens ? 1 : 2);
    for (std::string_view t : tokens) {
        out.tokens.emplace_back(t);
        if (settings.englishStopWords && text::isEnglishStopWord(t))
            out.removed.emplace_back(t);
        else
            out.kept.emplace_back(t);
    }
    for (const std::string& t : out.kept)
        out.stems.push_back(settings.porterStemming ? text::porterStem(t) : t);
    const int count = static_cast<int>(out.stems.size());
    for (int n = std::max(1, settings.ngramMin); n <= settings.ngramMax; ++n)
        for (int i = 0; i + n <= count; ++i) {
            std::string term = out.stems[static_cast<std::size_t>(i)];
            for (int k = 1; k < n; ++k)
                term += " " + out.stems[static_cast<std::size_t>(i + k)];
            out.terms.push_back(std::move(term));
        }
    return out;
}

void runTextExperiment(const TextExperimentSetup& setup, TrainContext& ctx, TextExperimentResult& result)
{
    const TextSettings& settings = setup.settings;
    const Dataset& all = setup.data;
    const Column& textColumn = all.column(setup.textColumn);
    if (textColumn.missingCount() > 0)
        throw DataError("column '" + setup.textColumn + "' has missing messages; the lab needs text in every row");

    // Duplicates go before the split, or copies of one message land on both sides.
    IndexList keep;
    std::unordered_set<std::string> seen;
    for (std::size_t r = 0; r < all.rowCount(); ++r)
        if (!setup.deduplicate || seen.insert(textColumn.strings[r]).second)
            keep.push_back(static_cast<Eigen::Index>(r));
    const Dataset data = keep.size() == all.rowCount() ? all : all.selectRows(keep);
    result.rows = data.rowCount();
    result.duplicatesRemoved = all.rowCount() - data.rowCount();
    result.classLabels = data.classLabels();
    if (result.classLabels.size() != 2)
        throw DataError("the text lab needs two classes; '" + data.targetName() + "' has "
                        + std::to_string(result.classLabels.size()));
    const auto positive = std::find(result.classLabels.begin(), result.classLabels.end(), setup.positiveLabel);
    if (positive == result.classLabels.end())
        throw DataError("the positive label '" + setup.positiveLabel + "' is not a class of '" + data.targetName() + "'");
    const double positiveCode = static_cast<double>(positive - result.classLabels.begin());
    const StringList& documents = data.column(setup.textColumn).strings;
    const Vector codes = data.targetCodes();

    // Vocabulary of the whole corpus as the chosen stages are added one by one.
    TextSettings stage = settings;
    stage.lowercase = false;
    stage.englishStopWords = false;
    stage.porterStemming = false;
    stage.ngramMin = stage.ngramMax = 1;
    stage.minDf = 1;
    result.vocabularyByStage.clear();
    result.vocabularyByStage.emplace_back("words as written", corpusVocabularySize(documents, stage));
    auto addStage = [&](const std::string& label) {
        if (ctx.cancelled())
            return;
        result.vocabularyByStage.emplace_back(label, corpusVocabularySize(documents, stage));
    };
    if (settings.lowercase) {
        stage.lowercase = true;
        addStage("lowercased");
    }
    if (settings.englishStopWords) {
        stage.englishStopWords = true;
        addStage("stop words removed");
    }
    if (settings.porterStemming) {
        stage.porterStemming = true;
        addStage("Porter stems");
    }
    if (settings.ngramMin != 1 || settings.ngramMax != 1) {
        stage.ngramMin = settings.ngramMin;
        stage.ngramMax = settings.ngramMax;
        addStage("n-grams (" + std::to_string(settings.ngramMin) + ", " + std::to_string(settings.ngramMax) + ")");
    }
    if (settings.minDf != 1) {
        stage.minDf = settings.minDf;
        addStage("min_df " + formatNumber(settings.minDf));
    }
    if (ctx.cancelled()) {
        result.cancelled = true;
        return;
    }
    result.corpusVocabulary = result.vocabularyByStage.back().second;

    // The stop words the list removes, with the messages of each class that hold them.
    result.removedStopWords.clear();
    if (settings.englishStopWords) {
        std::map<std::string, RemovedStopWord> counts;
        std::vector<std::string_view> tokens;
        std::string lowered;
        for (std::size_t r = 0; r < documents.size(); ++r) {
            std::string_view textOf = documents[r];
            if (settings.lowercase) {
                text::toLowerUtf8(documents[r], lowered);
                textOf = lowered;
            }
            tokens.clear();
            text::tokenizeWords(textOf, tokens, settings.oneLetterTokens ? 1 : 2);
            std::set<std::string_view> inMessage;
            for (std::string_view t : tokens)
                if (text::isEnglishStopWord(t))
                    inMessage.insert(t);
            for (std::string_view t : inMessage) {
                RemovedStopWord& w = counts[std::string(t)];
                w.word = std::string(t);
                (codes(static_cast<Eigen::Index>(r)) == positiveCode ? w.positiveDocs : w.negativeDocs) += 1;
            }
        }
        for (auto& [word, w] : counts)
            result.removedStopWords.push_back(w);
        std::stable_sort(result.removedStopWords.begin(), result.removedStopWords.end(),
                         [](const RemovedStopWord& a, const RemovedStopWord& b) { return a.positiveDocs > b.positiveDocs; });
    }

    // A stratified hold-out, then cross-validation on the training part only.
    const json spec = settings.pipelineSpec(setup.textColumn);
    const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(data.rowCount()), setup.testSize,
                                              setup.randomState, &codes);
    const Dataset train = data.selectRows(split.train);
    const Dataset test = data.selectRows(split.test);
    result.trainRows = train.rowCount();
    result.testRows = test.rowCount();
    const Vector trainCodes = train.targetCodes();
    const StratifiedKFold cv(setup.folds, setup.shuffle, setup.randomState);
    const std::vector<SplitIndices> folds = cv.split(static_cast<Eigen::Index>(train.rowCount()), &trainCodes);
    const int total = static_cast<int>(folds.size()) + 1;
    result.foldAccuracy.clear();
    result.foldPrecision.clear();
    result.foldRecall.clear();
    result.foldF1.clear();
    for (std::size_t f = 0; f < folds.size(); ++f) {
        if (ctx.cancelled()) {
            result.cancelled = true;
            return;
        }
        Pipeline pipeline = pipelineFromJson(spec);
        TrainContext foldCtx;
        foldCtx.seed = ctx.seed;
        foldCtx.stop = ctx.stop;
        pipeline.fit(train.selectRows(folds[f].train), foldCtx);
        const Scores s = scoreOn(pipeline, train.selectRows(folds[f].test), positiveCode);
        result.foldAccuracy.push_back(s.accuracy);
        result.foldPrecision.push_back(s.precision);
        result.foldRecall.push_back(s.recall);
        result.foldF1.push_back(s.f1);
        report(ctx, pipeline, static_cast<int>(f) + 1, total, "fold");
    }
    if (ctx.cancelled()) {
        result.cancelled = true;
        return;
    }

    auto fitted = std::make_shared<Pipeline>(pipelineFromJson(spec));
    TrainContext finalCtx;
    finalCtx.seed = ctx.seed;
    finalCtx.stop = ctx.stop;
    fitted->fit(train, finalCtx);
    const Scores s = scoreOn(*fitted, test, positiveCode);
    result.testAccuracy = s.accuracy;
    result.testPrecision = s.precision;
    result.testRecall = s.recall;
    result.testF1 = s.f1;
    // Rows true, columns predicted, in code order; tp/fn/fp/tn of the positive class.
    const auto p = static_cast<Eigen::Index>(positiveCode), n = 1 - p;
    result.tp = s.confusion(p, p);
    result.fn = s.confusion(p, n);
    result.fp = s.confusion(n, p);
    result.tn = s.confusion(n, n);
    result.trainVocabulary = fitted->featureNames().size();

    // The terms that push hardest towards each class.
    Vector weights;
    const Component* model = fitted->finalEstimator();
    if (const auto* nb = dynamic_cast<const MultinomialNB*>(model)) {
        weights = (nb->featureLogProb().row(p) - nb->featureLogProb().row(n)).transpose();
        result.weightMeaning = "ln P(term | " + setup.positiveLabel + ") - ln P(term | other)";
    } else if (const auto* lr = dynamic_cast<const LogisticRegression*>(model)) {
        weights = lr->coef().row(0).transpose();
        if (p == 0)
            weights = -weights;
        result.weightMeaning = "coefficient (+ towards " + setup.positiveLabel + ")";
    }
    result.topTerms.clear();
    if (weights.size() > 0) {
        std::vector<Eigen::Index> order(static_cast<std::size_t>(weights.size()));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return weights(a) > weights(b); });
        const std::size_t each = std::min<std::size_t>(8, order.size() / 2);
        const StringList& names = fitted->featureNames();
        for (std::size_t k = 0; k < each; ++k)
            result.topTerms.push_back({names[static_cast<std::size_t>(order[k])], weights(order[k])});
        for (std::size_t k = 0; k < each; ++k) {
            const Eigen::Index j = order[order.size() - 1 - k];
            result.topTerms.push_back({names[static_cast<std::size_t>(j)], weights(j)});
        }
    }
    result.fitted = fitted;
    report(ctx, *fitted, total, total, "final");
}

std::vector<VectorEntry> vectorizeMessage(const Pipeline& fitted, const std::string& message)
{
    std::vector<VectorEntry> out;
    if (fitted.stepCount() == 0)
        return out;
    const auto* vectorizer = dynamic_cast<const CountVectorizer*>(fitted.step(0).component.get());
    if (!vectorizer || !vectorizer->isFitted())
        return out;
    const SparseMatrix row = vectorizer->transform(StringList{message});
    const auto* tfidf = dynamic_cast<const TfidfVectorizer*>(vectorizer);
    // Counts from the analyzer's terms, for the tf column beside a TF-IDF weight.
    std::unordered_map<std::string, double> counts;
    text::WordAnalyzer analyzer(vectorizer->analyzerOptions());
    for (std::string_view term : analyzer.analyze(message))
        counts[std::string(term)] += 1;
    const StringList& terms = vectorizer->vocabularyTerms();
    for (SparseMatrix::InnerIterator it(row, 0); it; ++it) {
        VectorEntry e;
        e.term = terms[static_cast<std::size_t>(it.col())];
        e.count = counts[e.term];
        e.weight = it.value();
        e.idf = tfidf && tfidf->idf().size() > it.col() ? tfidf->idf()(it.col()) : 0.0;
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const VectorEntry& a, const VectorEntry& b) { return a.weight > b.weight; });
    return out;
}

}  // namespace dslab
