// Cross-validation of a pipeline that reads a table (a ColumnTransformer
// first), shared by the encoding and missing-values labs: the engine's
// crossValidate takes a matrix, but encoders and imputers must see each
// fold's own rows of the typed table. Folds are stratified; a preset's cv may
// ask for repeats (scikit-learn's RepeatedStratifiedKFold: each repeat is a
// fresh shuffled StratifiedKFold, here seeded random_state + repeat).
#pragma once

#include "engine/data/dataset.h"
#include "engine/model_selection/cross_validator.h"
#include "engine/model_selection/scorer.h"

#include <QJsonObject>
#include <functional>
#include <vector>

namespace dslab {

class Pipeline;

struct TableCvSpec {
    int splits = 5;
    int repeats = 1;
    bool shuffle = true;
    std::uint64_t seed = 0;
};

// {"type": "RepeatedStratifiedKFold" | "StratifiedKFold", n_splits, n_repeats, shuffle, random_state}.
TableCvSpec tableCvFromPreset(const QJsonObject& cv);
std::vector<SplitIndices> tableFolds(const Vector& classCodes, const TableCvSpec& spec);

struct TableCvScore {
    double mean = 0;
    double std = 0;  // population std over the folds, as scikit-learn's std_test_score
    bool cancelled = false;
};

// Fits an unfitted copy of `pipeline` on each fold's training rows of `data`
// and scores it on the fold's test rows. afterFold (may be empty) runs after
// each fold with the fitted copy. Stops early (cancelled) on the stop token.
TableCvScore crossValidateTable(const Pipeline& pipeline, const Dataset& data, const Vector& classCodes,
                                const std::vector<SplitIndices>& folds, const Scorer& scorer, TrainContext& ctx,
                                const std::function<void(const Pipeline&)>& afterFold = {});

// A context for inner fits: the same seed and stop token, no observer.
TrainContext quietContext(const TrainContext& ctx);

}  // namespace dslab
