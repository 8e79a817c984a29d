// The text-preprocessing lab's computations, Qt-free so the worker runs them:
// one message through each stage of a vectorizer's analyzer (for the stage
// view), and the experiment itself: drop duplicate messages, vocabulary size
// of the whole corpus as each stage is switched on, a stratified train/test
// split, cross-validated and held-out scores of vectorizer + model, the terms
// that most separate the classes, and the stop words the list removed with
// how many messages of each class held them.
#pragma once

#include "engine/core/train_context.h"
#include "engine/core/types.h"
#include "engine/data/dataset.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dslab {

class Pipeline;

// The knobs of the lab, as scikit-learn names them.
struct TextSettings {
    bool lowercase = true;
    bool englishStopWords = false;
    bool porterStemming = false;
    bool oneLetterTokens = false;  // token_pattern (?u)\b\w+\b instead of (?u)\b\w\w+\b
    int ngramMin = 1, ngramMax = 1;
    double minDf = 1;
    std::string vectorizer = "CountVectorizer";  // or TfidfVectorizer
    bool smoothIdf = true, sublinearTf = false;
    std::string model = "MultinomialNB";  // or LogisticRegression
    double alpha = 1.0, C = 1.0;
    int maxIter = 100;

    // {"type": vectorizer, ...} reading `column`; {"type": model, ...}.
    nlohmann::json vectorizerStep(const std::string& column) const;
    nlohmann::json modelStep() const;
    nlohmann::json pipelineSpec(const std::string& column) const;
};

// One message through the analyzer, stage by stage.
struct MessageStages {
    std::string raw, lowered;
    StringList tokens;    // the token pattern's words
    StringList removed;   // stop words dropped (in order of appearance)
    StringList kept;      // after stop words
    StringList stems;     // after stemming (= kept when stemming is off)
    StringList terms;     // the n-grams counted (= stems for (1, 1))
};
MessageStages analyzeMessage(const std::string& message, const TextSettings& settings);

struct TextExperimentSetup {
    Dataset data;                 // text and label columns, target set
    std::string textColumn = "text";
    std::string positiveLabel = "spam";
    bool deduplicate = true;
    int folds = 5;
    bool shuffle = true;
    std::uint64_t randomState = 0;
    double testSize = 0.2;
    TextSettings settings;
};

struct TermWeight {
    std::string term;
    double weight = 0;
};

struct RemovedStopWord {
    std::string word;
    int positiveDocs = 0, negativeDocs = 0;  // messages of each class holding it
};

struct TextExperimentResult {
    std::size_t rows = 0, duplicatesRemoved = 0, trainRows = 0, testRows = 0;
    // Whole corpus (after deduplication): vocabulary as the stages switched on are added one by one.
    std::vector<std::pair<std::string, std::size_t>> vocabularyByStage;
    std::size_t corpusVocabulary = 0;  // the last of those: the settings as chosen
    std::size_t trainVocabulary = 0;   // the fitted vectorizer's (training split only)
    // Cross-validation on the training split, per fold (positive class for precision/recall/F1).
    std::vector<double> foldAccuracy, foldPrecision, foldRecall, foldF1;
    // Held-out test split.
    double testAccuracy = 0, testPrecision = 0, testRecall = 0, testF1 = 0;
    double tn = 0, fp = 0, fn = 0, tp = 0;
    StringList classLabels;  // [negative, positive]
    // Largest positive (towards the positive class) and negative weights: NB
    // log-probability ratio ln P(t|pos) - ln P(t|neg), or LogisticRegression's coef.
    std::vector<TermWeight> topTerms;
    std::string weightMeaning;
    std::vector<RemovedStopWord> removedStopWords;  // by positive-class messages, most first
    std::shared_ptr<Pipeline> fitted;              // fitted on the training split
    bool cancelled = false;
};

// Runs everything on the calling thread (the worker); checks ctx's stop token between fits.
// Throws DataError / ParamError with a message for the lab to show.
void runTextExperiment(const TextExperimentSetup& setup, TrainContext& ctx, TextExperimentResult& result);

// The sample message's non-zero features in the fitted vectorizer: term,
// count (tf) and, for TF-IDF, idf and the final weight; sorted by weight.
struct VectorEntry {
    std::string term;
    double count = 0, idf = 0, weight = 0;
};
std::vector<VectorEntry> vectorizeMessage(const Pipeline& fitted, const std::string& message);

}  // namespace dslab
