#include "engine/core/catalog.h"
#include "engine/preprocessing/datetime_features.h"
#include "engine/preprocessing/expression_features.h"
#include "engine/preprocessing/feature_hasher.h"
#include "engine/preprocessing/frequency_encoder.h"
#include "engine/preprocessing/function_transformer.h"
#include "engine/preprocessing/iterative_imputer.h"
#include "engine/preprocessing/kbins_discretizer.h"
#include "engine/preprocessing/knn_imputer.h"
#include "engine/preprocessing/max_abs_scaler.h"
#include "engine/preprocessing/min_max_scaler.h"
#include "engine/preprocessing/missing_indicator.h"
#include "engine/preprocessing/normalizer.h"
#include "engine/preprocessing/one_hot_encoder.h"
#include "engine/preprocessing/ordinal_encoder.h"
#include "engine/preprocessing/outlier_clipper.h"
#include "engine/preprocessing/outlier_remover.h"
#include "engine/preprocessing/polynomial_features.h"
#include "engine/preprocessing/power_transformer.h"
#include "engine/preprocessing/regex_extractor.h"
#include "engine/preprocessing/robust_scaler.h"
#include "engine/preprocessing/simple_imputer.h"
#include "engine/preprocessing/standard_scaler.h"
#include "engine/preprocessing/target_encoder.h"
#include "engine/preprocessing/time_series_imputer.h"

#include <memory>

namespace dslab {

void registerPreprocessing(Catalog& catalog)
{
    const std::string category = "Preprocessing";
    catalog.add({"StandardScaler", category, ComponentKind::Transformer,
                 "Centers each column and scales it to unit variance (z-scores)",
                 [] { return std::make_unique<StandardScaler>(); }});
    catalog.add({"PolynomialFeatures", category, ComponentKind::Transformer,
                 "Adds powers and products of the features so a linear model can fit curves",
                 [] { return std::make_unique<PolynomialFeatures>(); }});
    catalog.add({"SimpleImputer", category, ComponentKind::Transformer,
                 "Fills missing values with each column's mean, median, most frequent value or a constant",
                 [] { return std::make_unique<SimpleImputer>(); }});
    catalog.add({"MinMaxScaler", category, ComponentKind::Transformer,
                 "Maps each column's training minimum and maximum onto a range, [0, 1] by default",
                 [] { return std::make_unique<MinMaxScaler>(); }});
    catalog.add({"MaxAbsScaler", category, ComponentKind::Transformer,
                 "Divides each column by its largest absolute value, keeping zeros at zero",
                 [] { return std::make_unique<MaxAbsScaler>(); }});
    catalog.add({"RobustScaler", category, ComponentKind::Transformer,
                 "Centers on the median and scales by the interquartile range, so outliers barely matter",
                 [] { return std::make_unique<RobustScaler>(); }});
    catalog.add({"Normalizer", category, ComponentKind::Transformer,
                 "Rescales each row (sample) to unit l2, l1 or max norm",
                 [] { return std::make_unique<Normalizer>(); }});
    catalog.add({"PowerTransformer", category, ComponentKind::Transformer,
                 "Yeo-Johnson or Box-Cox power transform per column, making skewed data more Gaussian-like",
                 [] { return std::make_unique<PowerTransformer>(); }});
    catalog.add({"KBinsDiscretizer", category, ComponentKind::Transformer,
                 "Cuts each column into bins (equal width, quantiles or k-means) and gives the bin index",
                 [] { return std::make_unique<KBinsDiscretizer>(); }});
    catalog.add({"KNNImputer", category, ComponentKind::Transformer,
                 "Fills a missing value with the mean of that column over the nearest training rows",
                 [] { return std::make_unique<KNNImputer>(); }});
    catalog.add({"IterativeImputer", category, ComponentKind::Transformer,
                 "Fills each feature's gaps by regressing it on the other features, round after round",
                 [] { return std::make_unique<IterativeImputer>(); }});
    catalog.add({"TimeSeriesImputer", category, ComponentKind::Transformer,
                 "Not scikit-learn: fills a series' gaps in row order (forward, backward, linear, rolling mean)",
                 [] { return std::make_unique<TimeSeriesImputer>(); }});
    catalog.add({"MissingIndicator", category, ComponentKind::Transformer,
                 "One 0/1 column per feature saying where a value was missing",
                 [] { return std::make_unique<MissingIndicator>(); }});
    catalog.add({"FunctionTransformer", category, ComponentKind::Transformer,
                 "Applies log1p, log, sqrt or square to every value (with the inverse)",
                 [] { return std::make_unique<FunctionTransformer>(); }});
    catalog.add({"OutlierClipper", category, ComponentKind::Transformer,
                 "Not scikit-learn: clips each column to bounds learned by the IQR rule or z-scores",
                 [] { return std::make_unique<OutlierClipper>(); }});
    catalog.add({"OutlierRemover", category, ComponentKind::Sampler,
                 "Not scikit-learn: drops training rows beyond the IQR or z-score bounds (never when predicting)",
                 [] { return std::make_unique<OutlierRemover>(); }});
    catalog.add({"OneHotEncoder", category, ComponentKind::Transformer,
                 "One 0/1 column per category of each column (reads a table: text categories welcome)",
                 [] { return std::make_unique<OneHotEncoder>(); }});
    catalog.add({"OrdinalEncoder", category, ComponentKind::Transformer,
                 "Each category becomes a number: its index in the sorted (or given) categories",
                 [] { return std::make_unique<OrdinalEncoder>(); }});
    catalog.add({"FrequencyEncoder", category, ComponentKind::Transformer,
                 "Not scikit-learn: each category becomes its share of the training rows",
                 [] { return std::make_unique<FrequencyEncoder>(); }});
    catalog.add({"FeatureHasher", category, ComponentKind::Transformer,
                 "Hashes \"column=value\" into a fixed number of columns: no vocabulary to learn, unseen values welcome",
                 [] { return std::make_unique<FeatureHasher>(); }});
    catalog.add({"TargetEncoder", category, ComponentKind::Transformer,
                 "Each category becomes its smoothed target mean, cross-fitted so training rows never see their own target",
                 [] { return std::make_unique<TargetEncoder>(); }});
    catalog.add({"DateTimeFeatures", category, ComponentKind::Transformer,
                 "Not scikit-learn: year, month, day, weekday, hour and is_weekend of a date column (reads a table)",
                 [] { return std::make_unique<DateTimeFeatures>(); }});
    catalog.add({"RegexExtractor", category, ComponentKind::Transformer,
                 "Not scikit-learn: a regex capture group from a text column (a title from a name), rare values grouped, encoded",
                 [] { return std::make_unique<RegexExtractor>(); }});
    catalog.add({"ExpressionFeatures", category, ComponentKind::Transformer,
                 "Not scikit-learn: derived columns from expressions over columns (ratios, interactions, comparisons)",
                 [] { return std::make_unique<ExpressionFeatures>(); }});
}

}  // namespace dslab
