// What GridSearchCV, RandomizedSearchCV and BayesSearchCV share: each
// candidate (a set of "<step>__<param>" values) is cross-validated on the same
// folds, an observer hears about every candidate as soon as its folds are
// done, the stop token in the TrainContext cancels, and the best candidate
// is refitted on all rows. Subclasses only decide which candidates to try.
#pragma once

#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/search_space.h"

#include <functional>
#include <string>
#include <vector>

namespace dslab {

class SeededRandom;

struct SearchEvaluation {
    // Order in which candidates were proposed (cv_results_ row). After a
    // cancel, candidates left unfinished are dropped and the kept ones
    // renumbered, so an index the observer heard may then differ.
    int index = 0;
    ParamMap params;                 // address -> value
    double meanScore = 0;            // mean_test_score
    double stdScore = 0;             // std_test_score (population)
    std::vector<double> foldScores;  // split<i>_test_score
    double meanFitSeconds = 0;
};

// Called once per finished candidate, possibly from a worker thread (calls
// are serialized). It must not keep references to the evaluation.
using SearchObserver = std::function<void(const SearchEvaluation&)>;

struct SearchResult {
    std::vector<SearchEvaluation> evaluations;  // by index
    int bestIndex = -1;                          // first candidate with the highest mean score, as scikit-learn
    ParamMap bestParams;
    double bestScore = 0;
    Pipeline bestPipeline;                       // refitted on all rows when refit is on (and not cancelled)
    bool refitted = false;
    bool cancelled = false;
};

class HyperparameterSearch {
public:
    virtual ~HyperparameterSearch() = default;
    virtual std::string typeName() const = 0;

    // scikit-learn scoring name; empty = accuracy for classifiers, r2 otherwise.
    void setScoring(std::string scoring) { m_scoring = std::move(scoring); }
    void setRefit(bool refit) { m_refit = refit; }
    // At most this many candidates (0 = the search's own default: the whole
    // grid, n_iter samples, ...).
    void setBudget(int budget);
    void setObserver(SearchObserver observer) { m_observer = std::move(observer); }

    // Cross-validates candidates of `pipeline` on cv's folds of (X, y). ctx:
    // seed (sampling and fits), threads (fits at once), stop token (cancel:
    // the result holds the candidates that finished). Throws ParamError for
    // an empty or ill-typed search space before anything is fitted.
    SearchResult fit(const Pipeline& pipeline, const Matrix& X, const Vector& y, const CrossValidator& cv,
                     TrainContext& ctx);

protected:
    // Throws ParamError when the space does not fit the pipeline.
    virtual void checkSpace(const Pipeline& pipeline) const = 0;
    virtual int defaultBudget() const = 0;
    // Candidates to evaluate next (all at once, in parallel); empty when the
    // search is over. `done` holds every finished evaluation; at most
    // `remaining` candidates may be returned.
    virtual std::vector<ParamMap> propose(const std::vector<SearchEvaluation>& done, int remaining,
                                          SeededRandom& rng) = 0;

private:
    std::string m_scoring;
    bool m_refit = true;
    int m_budget = 0;
    SearchObserver m_observer;
};

}  // namespace dslab
