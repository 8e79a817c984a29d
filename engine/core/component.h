// The estimator API, in scikit-learn's vocabulary. A Component only stores
// its parameters when constructed; fit() validates them and learns state;
// clone (see catalog.h) gives an unfitted copy with the same parameters.
#pragma once

#include "engine/core/param.h"
#include "engine/core/train_context.h"
#include "engine/core/types.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dslab {

class Component {
public:
    virtual ~Component() = default;

    // scikit-learn's class name, e.g. "LogisticRegression".
    virtual std::string typeName() const = 0;
    virtual const std::vector<ParamSpec>& paramSpecs() const = 0;

    const ParamMap& params() const;
    const ParamValue& param(const std::string& name) const;
    // Validates against the spec; throws ParamError for an unknown name or a bad value.
    void setParam(const std::string& name, const ParamValue& value);
    void setParams(const ParamMap& values);
    const ParamSpec* findSpec(const std::string& name) const;

    virtual bool isFitted() const = 0;
    // Learned state as JSON (fitted attributes such as coef, intercept).
    virtual void saveState(nlohmann::json& out) const = 0;
    // Restores what saveState wrote; throws FormatError if it is damaged.
    virtual void loadState(const nlohmann::json& in) = 0;

    // Settings too structured for a ParamValue (a ColumnTransformer's list of
    // transformers, OrdinalEncoder's explicit categories), read from and written
    // to the step's JSON object beside the parameters. setConfig returns false
    // for a key that is not such a setting; it throws ParamError for a bad value.
    virtual bool setConfig(const std::string& key, const nlohmann::json& value);
    virtual void writeConfig(nlohmann::json& step) const;

protected:
    double paramDouble(const std::string& name) const;
    long long paramInt(const std::string& name) const;
    bool paramBool(const std::string& name) const;
    std::string paramString(const std::string& name) const;
    std::vector<long long> paramIntList(const std::string& name) const;
    bool paramIsNone(const std::string& name) const;
    [[noreturn]] void throwNotFitted() const;

private:
    void ensureDefaults() const;
    mutable ParamMap m_params;
    mutable bool m_defaultsSet = false;
};

// What an observer or a chart may call on a model, fitted or mid-training.
class Predictor {
public:
    virtual ~Predictor() = default;
    virtual bool isClassifier() const = 0;
    // Class labels (as numbers) for classifiers; predictions use them.
    virtual Vector predict(const Matrix& X) const = 0;
    // One column per class, rows sum to 1. Classifiers only.
    virtual Matrix predictProba(const Matrix& X) const = 0;
    // The model behind the predictions, to read fitted attributes (coef,
    // importances) through saveState; null when there is none.
    virtual const Component* component() const { return nullptr; }
};

class Transformer : public Component {
public:
    // y may be null for unsupervised transformers.
    virtual void fit(const Matrix& X, const Vector* y, TrainContext& ctx) = 0;
    virtual Matrix transform(const Matrix& X) const = 0;
    Matrix fitTransform(const Matrix& X, const Vector* y, TrainContext& ctx);
    // Names of the output columns given the input ones (identity by default).
    virtual StringList featureNamesOut(const StringList& namesIn) const;
};

class Estimator : public Component, public Predictor {
public:
    // Classifiers take labels as numbers (the Dataset encodes strings as
    // 0..K-1); classes() gives the sorted distinct labels seen in fit.
    virtual void fit(const Matrix& X, const Vector& y, TrainContext& ctx) = 0;
    virtual const std::vector<double>& classes() const;
    Matrix predictProba(const Matrix& X) const override;
    const Component* component() const override { return this; }
    // Mean loss on (X, y): log loss for classifiers, mean squared error otherwise.
    virtual double loss(const Matrix& X, const Vector& y) const;
};

}  // namespace dslab
