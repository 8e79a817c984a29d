#include "ui/labs/table_cv.h"

#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"

#include <algorithm>
#include <cmath>

namespace dslab {

TableCvSpec tableCvFromPreset(const QJsonObject& cv)
{
    TableCvSpec spec;
    spec.splits = std::max(2, cv.value("n_splits").toInt(5));
    const bool repeated = cv.value("type").toString().startsWith(QLatin1String("Repeated"));
    spec.repeats = repeated ? std::max(1, cv.value("n_repeats").toInt(10)) : 1;
    spec.shuffle = repeated || cv.value("shuffle").toBool(true);
    spec.seed = static_cast<std::uint64_t>(std::max(0, cv.value("random_state").toInt(0)));
    return spec;
}

std::vector<SplitIndices> tableFolds(const Vector& classCodes, const TableCvSpec& spec)
{
    std::vector<SplitIndices> folds;
    for (int r = 0; r < spec.repeats; ++r) {
        const StratifiedKFold splitter(spec.splits, spec.shuffle, spec.seed + static_cast<std::uint64_t>(r));
        auto part = splitter.split(classCodes.size(), &classCodes);
        folds.insert(folds.end(), part.begin(), part.end());
    }
    return folds;
}

TrainContext quietContext(const TrainContext& ctx)
{
    TrainContext quiet;
    quiet.seed = ctx.seed;
    quiet.stop = ctx.stop;
    return quiet;
}

TableCvScore crossValidateTable(const Pipeline& pipeline, const Dataset& data, const Vector& classCodes,
                                const std::vector<SplitIndices>& folds, const Scorer& scorer, TrainContext& ctx,
                                const std::function<void(const Pipeline&)>& afterFold)
{
    TableCvScore result;
    std::vector<double> scores;
    TrainContext quiet = quietContext(ctx);
    for (const SplitIndices& fold : folds) {
        if (!ctx.checkpoint()) {
            result.cancelled = true;
            break;
        }
        Pipeline copy = pipeline.cloneUnfitted();
        const Dataset train = data.selectRows(fold.train);
        const Dataset test = data.selectRows(fold.test);
        copy.fit(train, quiet);
        const Matrix features = copy.featuresFor(test);
        scores.push_back(scorer.score(copy, features, selectRows(classCodes, fold.test)));
        if (afterFold)
            afterFold(copy);
    }
    if (scores.empty())
        return result;
    double sum = 0;
    for (double s : scores)
        sum += s;
    result.mean = sum / static_cast<double>(scores.size());
    double squares = 0;
    for (double s : scores)
        squares += (s - result.mean) * (s - result.mean);
    result.std = std::sqrt(squares / static_cast<double>(scores.size()));
    return result;
}

}  // namespace dslab
