#include "engine/pipeline/python_export.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/pipeline/pipeline_json.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace dslab {

namespace {

using nlohmann::json;

// Where each catalog type lives in scikit-learn (or imbalanced-learn, for
// the samplers). Types missing here and from pythonClasses() cannot be exported.
const std::map<std::string, std::string>& libraryModules()
{
    static const std::map<std::string, std::string> modules = {
        {"LinearRegression", "sklearn.linear_model"},
        {"LogisticRegression", "sklearn.linear_model"},
        {"Ridge", "sklearn.linear_model"},
        {"Lasso", "sklearn.linear_model"},
        {"ElasticNet", "sklearn.linear_model"},
        {"BayesianRidge", "sklearn.linear_model"},
        {"DecisionTreeClassifier", "sklearn.tree"},
        {"DecisionTreeRegressor", "sklearn.tree"},
        {"RandomForestClassifier", "sklearn.ensemble"},
        {"RandomForestRegressor", "sklearn.ensemble"},
        {"GradientBoostingClassifier", "sklearn.ensemble"},
        {"GradientBoostingRegressor", "sklearn.ensemble"},
        {"AdaBoostClassifier", "sklearn.ensemble"},
        {"KNeighborsClassifier", "sklearn.neighbors"},
        {"KNeighborsRegressor", "sklearn.neighbors"},
        {"SVC", "sklearn.svm"},
        {"DummyClassifier", "sklearn.dummy"},
        {"MultinomialNB", "sklearn.naive_bayes"},
        {"GaussianNB", "sklearn.naive_bayes"},
        {"PCA", "sklearn.decomposition"},
        {"StandardScaler", "sklearn.preprocessing"},
        {"MinMaxScaler", "sklearn.preprocessing"},
        {"RobustScaler", "sklearn.preprocessing"},
        {"MaxAbsScaler", "sklearn.preprocessing"},
        {"Normalizer", "sklearn.preprocessing"},
        {"PowerTransformer", "sklearn.preprocessing"},
        {"PolynomialFeatures", "sklearn.preprocessing"},
        {"KBinsDiscretizer", "sklearn.preprocessing"},
        {"OneHotEncoder", "sklearn.preprocessing"},
        {"OrdinalEncoder", "sklearn.preprocessing"},
        {"FunctionTransformer", "sklearn.preprocessing"},
        // TargetEncoder arrived in scikit-learn 1.3; the script says so if it is older.
        {"TargetEncoder", "sklearn.preprocessing"},
        {"SimpleImputer", "sklearn.impute"},
        {"KNNImputer", "sklearn.impute"},
        {"MissingIndicator", "sklearn.impute"},
        {"IterativeImputer", "sklearn.impute"},
        {"SelectKBest", "sklearn.feature_selection"},
        {"VarianceThreshold", "sklearn.feature_selection"},
        {"RFE", "sklearn.feature_selection"},
        {"SelectFromModel", "sklearn.feature_selection"},
        {"CountVectorizer", "sklearn.feature_extraction.text"},
        {"TfidfVectorizer", "sklearn.feature_extraction.text"},
        {"SMOTE", "imblearn.over_sampling"},
        {"RandomOverSampler", "imblearn.over_sampling"},
        {"RandomUnderSampler", "imblearn.under_sampling"},
    };
    return modules;
}

// Our own steps that scikit-learn lacks, written into the script as small
// classes that learn and apply exactly what the engine's do.
const std::map<std::string, std::string>& pythonClasses()
{
    static const std::map<std::string, std::string> classes = {
        {"FrequencyEncoder", R"PY(
class FrequencyEncoder(BaseEstimator, TransformerMixin):
    """DS Interview Lab's FrequencyEncoder: each category becomes its share of
    the training rows (missing values are a category of their own); a category
    not seen in training gets unknown_value."""

    def __init__(self, unknown_value=0.0):
        self.unknown_value = unknown_value

    @staticmethod
    def _keys(column):
        return column.astype(object).where(column.notna(), "\0missing")

    def fit(self, X, y=None):
        X = pd.DataFrame(X)
        self.shares_ = [self._keys(X[c]).value_counts(normalize=True).to_dict() for c in X.columns]
        return self

    def transform(self, X):
        X = pd.DataFrame(X)
        return np.column_stack([
            self._keys(X[c]).map(lambda v, s=shares: s.get(v, self.unknown_value)).to_numpy(dtype=float)
            for c, shares in zip(X.columns, self.shares_)])
)PY"},
        {"OutlierClipper", R"PY(
class OutlierClipper(BaseEstimator, TransformerMixin):
    """DS Interview Lab's OutlierClipper: clips each column to the training
    quartiles -/+ factor * IQR (method "iqr") or to mean -/+ threshold *
    standard deviation (method "zscore"); missing values stay missing."""

    def __init__(self, method="iqr", factor=1.5, threshold=3.0):
        self.method = method
        self.factor = factor
        self.threshold = threshold

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        if self.method == "iqr":
            q1, q3 = np.nanpercentile(X, 25, axis=0), np.nanpercentile(X, 75, axis=0)
            self.lower_, self.upper_ = q1 - self.factor * (q3 - q1), q3 + self.factor * (q3 - q1)
        else:
            mean, sd = np.nanmean(X, axis=0), np.nanstd(X, axis=0)
            self.lower_, self.upper_ = mean - self.threshold * sd, mean + self.threshold * sd
        return self

    def transform(self, X):
        return np.clip(np.asarray(X, dtype=float), self.lower_, self.upper_)
)PY"},
        {"FeatureHasher", R"PY(
class FeatureHasher(BaseEstimator, TransformerMixin):
    """scikit-learn's FeatureHasher(input_type="dict") on the rows of a table, as
    DS Interview Lab applies it: a text cell hashes "column=value" with 1, a
    number hashes "column" with itself, a missing cell adds nothing."""

    def __init__(self, n_features=256, alternate_sign=True):
        self.n_features = n_features
        self.alternate_sign = alternate_sign

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        from sklearn.feature_extraction import FeatureHasher as Hasher
        rows = [{k: v for k, v in row.items() if not pd.isna(v)} for row in pd.DataFrame(X).to_dict("records")]
        hasher = Hasher(n_features=self.n_features, alternate_sign=self.alternate_sign)
        return hasher.transform(rows).toarray()
)PY"},
        {"CorrelationFilter", R"PY(
class CorrelationFilter(BaseEstimator, TransformerMixin):
    """DS Interview Lab's CorrelationFilter: keeps a column unless its absolute
    Pearson correlation with a column already kept exceeds threshold."""

    def __init__(self, threshold=0.9):
        self.threshold = threshold

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        centered = X - X.mean(axis=0)
        norms = np.linalg.norm(centered, axis=0)
        kept = []
        for j in range(X.shape[1]):
            redundant = any(
                norms[j] > 0 and norms[k] > 0
                and min(1.0, abs(centered[:, j] @ centered[:, k]) / (norms[j] * norms[k])) > self.threshold
                for k in kept)
            if not redundant:
                kept.append(j)
        self.kept_ = kept
        return self

    def transform(self, X):
        return np.asarray(X, dtype=float)[:, self.kept_]
)PY"},
    };
    return classes;
}

// Parameters whose values scikit-learn spells as Python tuples.
bool isTupleParam(const std::string& name)
{
    return name == "ngram_range" || name == "feature_range" || name == "quantile_range";
}

// Values of functions passed by name in the JSON.
std::string functionValue(const std::string& owner, const std::string& param, const std::string& value,
                          std::set<std::string>& imports)
{
    if (owner == "FunctionTransformer" && param == "func") {
        if (value == "identity")
            return "None";
        return "np." + value;  // log1p, log, sqrt, square: numpy's ufuncs of the same names
    }
    imports.insert("from sklearn.feature_selection import " + value);
    return value;  // score_func: f_classif, chi2, mutual_info_classif, f_regression
}

class ScriptWriter {
public:
    std::string component(const json& step, int depth);
    std::string pipeline(const json& steps, int depth);

    std::set<std::string> imports;
    std::set<std::string> classes;
    bool samplers = false;

private:
    std::string literal(const std::string& owner, const std::string& param, const json& value, int depth);
    std::string columnTransformer(const json& step, int depth);
    static std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 4, ' '); }
};

std::string ScriptWriter::literal(const std::string& owner, const std::string& param, const json& value, int depth)
{
    if (value.is_null())
        return "None";
    if (value.is_boolean())
        return value.get<bool>() ? "True" : "False";
    if (value.is_number())
        return value.dump();
    if (value.is_string()) {
        const auto text = value.get<std::string>();
        if (text == "none")  // the engine's spelling of None in a list of choices (class_weight, penalty)
            return "None";
        if (param == "func" || param == "score_func")
            return functionValue(owner, param, text, imports);
        return value.dump();  // a JSON string literal is a valid Python one
    }
    if (value.is_object() && value.contains("type"))
        return component(value, depth);
    if (value.is_object()) {
        std::string out = "{";
        for (auto it = value.begin(); it != value.end(); ++it)
            out += (out.size() > 1 ? ", " : "") + json(it.key()).dump() + ": " + literal(owner, it.key(), *it, depth);
        return out + "}";
    }
    const bool tuple = isTupleParam(param);
    std::string out = tuple ? "(" : "[";
    for (std::size_t i = 0; i < value.size(); ++i)
        out += (i ? ", " : "") + literal(owner, param, value[i], depth);
    return out + (tuple ? ")" : "]");
}

std::string ScriptWriter::component(const json& step, int depth)
{
    const std::string type = step.at("type").get<std::string>();
    if ((type == "CountVectorizer" || type == "TfidfVectorizer") && step.contains("column")) {
        // Our vectorizer names its text column; scikit-learn's reads a list of
        // documents, which a ColumnTransformer hands it from a column given as a string.
        json vectorizer = step;
        vectorizer.erase("column");
        vectorizer.erase("name");
        imports.insert("from sklearn.compose import ColumnTransformer");
        const json column = step.at("column");
        return "ColumnTransformer([(" + column.dump() + ", " + component(vectorizer, depth) + ", " + column.dump() + ")])";
    }
    if (type == "Pipeline")
        return pipeline(step.at("steps"), depth);
    if (type == "ColumnTransformer")
        return columnTransformer(step, depth);
    const auto module = libraryModules().find(type);
    if (module != libraryModules().end()) {
        if (type == "IterativeImputer")
            imports.insert("from sklearn.experimental import enable_iterative_imputer  # noqa: F401");
        imports.insert("from " + module->second + " import " + type);
        if (module->second.rfind("imblearn", 0) == 0)
            samplers = true;
    } else if (pythonClasses().count(type)) {
        classes.insert(type);
    } else {
        throw ParamError(type + " has no scikit-learn counterpart the script could use; replace it, or keep this "
                                "pipeline in DS Interview Lab");
    }

    // RFE and SelectFromModel written the engine's flat way carry the model's
    // type in "estimator" and its parameters as a JSON string; scikit-learn
    // takes the model itself.
    json estimatorParams = json::object();
    if (const auto it = step.find("estimator_params"); it != step.end())
        estimatorParams = it->is_string() ? parseJsonText(it->get<std::string>(), type + " estimator_params") : *it;
    std::string args;
    for (auto it = step.begin(); it != step.end(); ++it) {
        const std::string& key = it.key();
        if (key == "type" || key == "name" || key == "estimator_params")
            continue;
        if (type == "LogisticRegression" && key == "solver" && (*it == "gd" || *it == "sgd"))
            continue;  // the engine's teaching solvers; lbfgs reaches the same optimum of the same loss
        std::string value;
        if (key == "estimator" && it->is_string()) {
            json estimator = estimatorParams;
            estimator["type"] = *it;
            value = component(estimator, depth);
        } else {
            value = literal(type, key, *it, depth);
        }
        args += (args.empty() ? "" : ", ") + key + "=" + value;
    }
    return "make(" + type + (args.empty() ? "" : ", " + args) + ")";
}

std::string ScriptWriter::pipeline(const json& steps, int depth)
{
    if (!steps.is_array() || steps.empty())
        throw ParamError("a Pipeline needs a non-empty \"steps\" list");
    std::map<std::string, int> used;
    std::string out = "Pipeline([\n";
    for (const auto& step : steps) {
        std::string name = step.value("name", std::string());
        if (name.empty()) {
            name = step.at("type").get<std::string>();
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        }
        if (const int n = ++used[name]; n > 1) {
            name += '-';
            name += std::to_string(n);
        }
        out += indent(depth + 1) + "(" + json(name).dump() + ", " + component(step, depth + 1) + "),\n";
    }
    return out + indent(depth) + "])";
}

std::string ScriptWriter::columnTransformer(const json& step, int depth)
{
    imports.insert("from sklearn.compose import ColumnTransformer");
    std::string out = "ColumnTransformer([\n";
    for (const auto& t : step.at("transformers")) {
        const std::string name = t.at(0).get<std::string>();
        const json& spec = t.at(1);
        const json& columns = t.at(2);
        std::string specText = spec.is_string() ? spec.dump() : component(spec, depth + 1);
        std::string columnsText;
        if (columns.is_object() || (columns.is_array() && !columns.empty() && columns.at(0).is_object())) {
            // Selection by type. pandas reads categories and free text alike as
            // object columns, so only these two kinds translate.
            const json selectors = columns.is_array() ? columns : json::array({columns});
            std::string kinds;
            for (const auto& s : selectors) {
                const std::string dtype = s.value("dtype", std::string());
                if (dtype == "numeric")
                    kinds += std::string(kinds.empty() ? "" : ", ") + "\"number\"";
                else if (dtype == "categorical")
                    kinds += std::string(kinds.empty() ? "" : ", ") + "object";
                else
                    throw ParamError("ColumnTransformer: transformer '" + name + "' selects the " + dtype +
                                     " columns, which pandas cannot tell apart from categories; list them by name");
            }
            imports.insert("from sklearn.compose import make_column_selector");
            columnsText = "make_column_selector(dtype_include=[" + kinds + "])";
        } else {
            columnsText = literal("ColumnTransformer", "columns", columns, depth);
        }
        out += indent(depth + 1) + "(" + json(name).dump() + ", " + specText + ", " + columnsText + "),\n";
    }
    out += indent(depth) + "]";
    for (auto it = step.begin(); it != step.end(); ++it)
        if (it.key() != "type" && it.key() != "name" && it.key() != "transformers")
            out += ", " + it.key() + "=" + literal("ColumnTransformer", it.key(), *it, depth);
    return out + ")";
}

const char* kScriptHead = R"PY(#!/usr/bin/env python3
# Exported by DS Interview Lab from %SOURCE%.
# The same pipeline in scikit-learn: it trains on one CSV and scores on another.
#
#     python3 %SCRIPT% --train TRAIN.csv --test TEST.csv --target COLUMN
#
# It prints "%METRIC%: X" for the test rows. Parameters that scikit-learn does
# not have are left out with a note on stderr.
import argparse
import inspect
import sys

import numpy as np
import pandas as pd
)PY";

const char* kScriptBody = R"PY(

def make(cls, **params):
    """cls(**params), leaving out (with a note) what this scikit-learn lacks."""
    accepted = inspect.signature(cls.__init__).parameters
    for name in sorted(set(params) - set(accepted)):
        print(f"note: {cls.__name__} has no parameter '{name}' here; it is left out", file=sys.stderr)
        params.pop(name)
    return cls(**params)


def build_pipeline():
    return %PIPELINE%


def main():
    parser = argparse.ArgumentParser(description="Train the exported pipeline and score it on test data.")
    parser.add_argument("--train", required=True, help="CSV file of training rows")
    parser.add_argument("--test", required=True, help="CSV file of test rows")
    parser.add_argument("--target", required=True, help="the column to predict")
    args = parser.parse_args()

    train = pd.read_csv(args.train)
    test = pd.read_csv(args.test)
    for name, frame in (("training", train), ("test", test)):
        if args.target not in frame.columns:
            sys.exit(f"the {name} data has no column '{args.target}'; its columns are: {', '.join(frame.columns)}")
    y_train = train.pop(args.target)
    y_test = test.pop(args.target)

    model = build_pipeline().fit(train, y_train)
    predictions = model.predict(test)
%SCORE%


if __name__ == "__main__":
    main()
)PY";

void replaceAll(std::string& text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

std::string exportPythonScript(const nlohmann::json& pipelineSpec, const std::string& source,
                               const std::string& scriptName)
{
    // The same checks as training it: a spec the engine refuses is not exported.
    const Pipeline checked = pipelineFromJson(pipelineSpec);
    const Estimator* model = checked.finalEstimator();
    if (!model)
        throw ParamError("the pipeline's last step must be a model (a classifier or a regressor) to export it");
    const CatalogEntry* entry = Catalog::builtin().find(model->typeName());
    if (entry && entry->kind != ComponentKind::Classifier && entry->kind != ComponentKind::Regressor)
        throw ParamError("the exported script scores a classifier or a regressor; " + model->typeName() +
                         " is neither");
    const bool classifier = model->isClassifier();

    ScriptWriter writer;
    const std::string pipelineText = writer.pipeline(pipelineSpec.at("steps"), 1);

    std::string script = kScriptHead;
    replaceAll(script, "%SOURCE%", source);
    replaceAll(script, "%SCRIPT%", scriptName);
    replaceAll(script, "%METRIC%", classifier ? "accuracy" : "r2");
    std::set<std::string> imports = writer.imports;
    imports.insert(classifier ? "from sklearn.metrics import accuracy_score" : "from sklearn.metrics import r2_score");
    if (!writer.classes.empty())
        imports.insert("from sklearn.base import BaseEstimator, TransformerMixin");
    // Samplers act at fit time only, which needs imbalanced-learn's Pipeline.
    imports.insert(writer.samplers ? "from imblearn.pipeline import Pipeline" : "from sklearn.pipeline import Pipeline");
    script += "\ntry:\n";
    for (const auto& line : imports)
        script += "    " + line + "\n";
    script += "except ImportError as error:\n"
              "    sys.exit(f\"cannot import what this pipeline needs ({error}). TargetEncoder needs scikit-learn 1.3 \"\n"
              "             f\"or newer; SMOTE and the other samplers need imbalanced-learn.\")\n";
    for (const auto& name : writer.classes)
        script += "\n" + pythonClasses().at(name);

    std::string body = kScriptBody;
    replaceAll(body, "%PIPELINE%", pipelineText);
    replaceAll(body, "%SCORE%",
               classifier ? "    print(f\"accuracy: {accuracy_score(y_test, predictions):.6f}\")"
                          : "    print(f\"r2: {r2_score(y_test, predictions):.6f}\")");
    return script + body;
}

}  // namespace dslab
