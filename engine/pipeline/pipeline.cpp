#include "engine/pipeline/pipeline.h"

#include "engine/compose/column_transformer.h"
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/core/sparse_estimator.h"
#include "engine/imbalance/sampler.h"
#include "engine/pipeline/table_transformer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dslab {

namespace {

// Shows an observer the whole pipeline (fitted transformers + the model as it
// is at this step), so a snapshot such as a decision-boundary grid can be
// computed on raw features while the final estimator trains.
class PipelineStepView : public Predictor {
public:
    PipelineStepView(const Pipeline& pipeline, const Predictor& model) : m_pipeline(pipeline), m_model(model) {}
    bool isClassifier() const override { return m_model.isClassifier(); }
    Vector predict(const Matrix& X) const override { return m_model.predict(m_pipeline.transform(X)); }
    Matrix predictProba(const Matrix& X) const override { return m_model.predictProba(m_pipeline.transform(X)); }
    const Component* component() const override { return m_model.component(); }

private:
    const Pipeline& m_pipeline;
    const Predictor& m_model;
};

class ForwardingObserver : public TrainObserver {
public:
    ForwardingObserver(const Pipeline& pipeline, TrainObserver* outer) : m_pipeline(pipeline), m_outer(outer) {}
    void onStep(const TrainStep& step, const Predictor& model) override
    {
        PipelineStepView view(m_pipeline, model);
        m_outer->onStep(step, view);
    }

private:
    const Pipeline& m_pipeline;
    TrainObserver* m_outer;
};

}  // namespace

void Pipeline::addStep(std::unique_ptr<Component> component, std::string name)
{
    if (!component)
        throw ParamError("a pipeline step cannot be empty");
    if (!m_steps.empty() && dynamic_cast<TableTransformer*>(component.get()))
        throw ParamError("'" + component->typeName() + "' reads a table, so it must be the first step of a pipeline "
                         "(several of them go side by side in a ColumnTransformer)");
    if (finalEstimator())
        throw ParamError("'" + component->typeName() + "' comes after the model '" + m_steps.back().component->typeName()
                         + "': the model must be the last step of a pipeline");
    if (name.empty())
        name = component->typeName();
    std::string unique = name;
    for (int n = 2; findStep(unique); ++n)
        unique = name + "_" + std::to_string(n);
    m_steps.push_back({unique, std::move(component)});
}

Component* Pipeline::findStep(const std::string& name) const
{
    for (const auto& s : m_steps)
        if (s.name == name)
            return s.component.get();
    return nullptr;
}

Estimator* Pipeline::finalEstimator() const
{
    if (m_steps.empty())
        return nullptr;
    return dynamic_cast<Estimator*>(m_steps.back().component.get());
}

TableTransformer* Pipeline::tableStep() const
{
    if (m_steps.empty())
        return nullptr;
    return dynamic_cast<TableTransformer*>(m_steps.front().component.get());
}

Component* Pipeline::stepForAddress(const std::string& address, std::string& paramName) const
{
    const auto sep = address.find("__");
    if (sep == std::string::npos) {
        // A bare name addresses the single step that has such a parameter.
        Component* found = nullptr;
        for (const auto& s : m_steps)
            if (s.component->findSpec(address)) {
                if (found)
                    throw ParamError("parameter '" + address + "' is ambiguous; write it as <step>__" + address);
                found = s.component.get();
            }
        if (!found)
            throw ParamError("no step of the pipeline has a parameter '" + address + "'");
        paramName = address;
        return found;
    }
    const std::string stepName = address.substr(0, sep);
    paramName = address.substr(sep + 2);
    Component* c = findStep(stepName);
    if (!c) {
        std::string names;
        for (const auto& s : m_steps)
            names += (names.empty() ? "" : ", ") + s.name;
        throw ParamError("the pipeline has no step named '" + stepName + "'; its steps are: " + names);
    }
    if (paramName.find("__") != std::string::npos) {
        std::string nestedName;
        // Only a ColumnTransformer holds other steps.
        if (const auto* columns = dynamic_cast<const ColumnTransformer*>(c)) {
            Component* nested = columns->nestedComponent(paramName, nestedName);
            paramName = nestedName;
            return nested;
        }
        throw ParamError("'" + stepName + "' (" + c->typeName() + ") holds no other steps, so '" + paramName
                         + "' is not one of its parameters");
    }
    return c;
}

void Pipeline::setParam(const std::string& address, const ParamValue& value)
{
    std::string name;
    stepForAddress(address, name)->setParam(name, value);
}

const ParamValue& Pipeline::param(const std::string& address) const
{
    std::string name;
    return stepForAddress(address, name)->param(name);
}

void Pipeline::fit(const Matrix& X, const Vector& y, TrainContext& ctx, const StringList& featureNames)
{
    if (const TableTransformer* table = tableStep())
        throw DataError("the first step '" + table->typeName()
                        + "' reads a table (column names and categories), not a numeric matrix: fit the pipeline on the data table");
    fitMatrix(X, y, ctx, featureNames);
}

void Pipeline::fitMatrix(const Matrix& X, const Vector& y, TrainContext& ctx, const StringList& featureNames)
{
    if (m_steps.empty())
        throw ParamError("the pipeline is empty: add at least a model");
    if (X.rows() == 0)
        throw DataError("there are no training rows");
    if (y.size() != X.rows())
        throw DataError("the target has " + std::to_string(y.size()) + " values but X has " + std::to_string(X.rows()) + " rows");
    m_featureNames = featureNames;
    Matrix current = X;
    // A sampler replaces the training rows (and their targets) for the steps
    // after it; transform() and predict() skip samplers, so new data is never resampled.
    const Vector* target = &y;
    Vector resampledY;
    StringList names = featureNames;
    for (auto& s : m_steps) {
        if (auto* tr = dynamic_cast<Transformer*>(s.component.get())) {
            tr->fit(current, target, ctx);
            current = tr->transform(current);
            if (!names.empty())
                names = tr->featureNamesOut(names);
        } else if (auto* sampler = dynamic_cast<Sampler*>(s.component.get())) {
            Matrix rows;
            Vector rowTargets;
            sampler->fitResample(current, *target, ctx, rows, rowTargets);
            current = std::move(rows);
            resampledY = std::move(rowTargets);
            target = &resampledY;
        }
    }
    Estimator* model = finalEstimator();
    if (!model)
        return;
    // The model sees the validation set through the fitted transformers, and
    // the observer sees the whole pipeline.
    TrainContext inner = ctx;
    Matrix validationTransformed;
    if (ctx.hasValidation()) {
        validationTransformed = transform(*ctx.validationX);
        inner.validationX = &validationTransformed;
    }
    ForwardingObserver forward(*this, ctx.observer);
    if (ctx.observer)
        inner.observer = &forward;
    try {
        model->fit(current, *target, inner);
    } catch (const DataError& e) {
        // Name columns instead of indices where the message refers to "column N".
        std::string msg = e.what();
        if (!names.empty()) {
            const std::string key = "column ";
            for (std::size_t pos = msg.find(key); pos != std::string::npos; pos = msg.find(key, pos + 1)) {
                std::size_t end = pos + key.size();
                std::size_t digits = end;
                while (digits < msg.size() && std::isdigit(static_cast<unsigned char>(msg[digits])))
                    ++digits;
                if (digits == end)
                    continue;
                const auto idx = std::stoul(msg.substr(end, digits - end));
                if (idx < names.size())
                    msg.replace(pos, digits - pos, "column " + std::to_string(idx) + " ('" + names[idx] + "')");
            }
        }
        throw DataError(msg);
    }
}

void Pipeline::fit(const Dataset& data, TrainContext& ctx)
{
    if (!data.hasTarget())
        throw DataError("the data has no target column: choose the column to predict");
    const StringList features = data.featureNames();
    Estimator* model = finalEstimator();
    // Without a model (a preview of the transformers) a text target is taken
    // as classes, so supervised steps (SelectKBest, TargetEncoder) still fit.
    const bool classify = model ? model->isClassifier()
                                : data.column(data.targetName()).type != ColumnType::Numeric;
    Vector y = classify ? data.targetCodes() : data.targetValues();

    if (TableTransformer* table = tableStep()) {
        if (data.rowCount() == 0)
            throw DataError("there are no training rows");
        if (table->sparseOutput()) {
            checkSparseChain();
            const SparseMatrix X = table->fitTransformSparse(data, &y, ctx);
            InputSchema schema;
            for (const auto& name : table->inputColumns())
                schema.columns.push_back({name, data.column(name).type});
            schema.target = data.targetName();
            if (classify)
                schema.classLabels = data.classLabels();
            fitSparse(X, y, ctx, table->featureNamesOut());
            m_schema = std::move(schema);
            return;
        }
        const Matrix X = table->fitTransform(data, &y, ctx);
        InputSchema schema;
        for (const auto& name : table->inputColumns())
            schema.columns.push_back({name, data.column(name).type});
        schema.target = data.targetName();
        if (classify)
            schema.classLabels = data.classLabels();
        fitMatrix(X, y, ctx, table->featureNamesOut());
        m_schema = std::move(schema);
        return;
    }

    Matrix X = data.featureMatrix(features);
    InputSchema schema;
    for (const auto& name : features)
        schema.columns.push_back({name, data.column(name).type});
    schema.target = data.targetName();
    if (classify)
        schema.classLabels = data.classLabels();
    fitMatrix(X, y, ctx, features);
    m_schema = std::move(schema);
}

void Pipeline::checkSparseChain() const
{
    const std::string source = m_steps.front().component->typeName();
    for (std::size_t i = 1; i < m_steps.size(); ++i) {
        const Component& c = *m_steps[i].component;
        if (dynamic_cast<const Transformer*>(&c) || dynamic_cast<const Sampler*>(&c))
            throw ParamError(c.typeName() + " cannot take the sparse output of " + source
                             + " (one column per word, mostly zeros): remove it and let the word columns go straight "
                               "into " + kSparseEstimatorNames);
        if (!dynamic_cast<const SparseEstimator*>(&c))
            throw ParamError(c.typeName() + " cannot take the sparse output of " + source
                             + " (one column per word, mostly zeros): use " + kSparseEstimatorNames);
    }
}

void Pipeline::fitSparse(const SparseMatrix& X, const Vector& y, TrainContext& ctx, const StringList& featureNames)
{
    if (y.size() != X.rows())
        throw DataError("the target has " + std::to_string(y.size()) + " values but X has " + std::to_string(X.rows()) + " rows");
    m_featureNames = featureNames;
    Estimator* model = finalEstimator();
    if (!model)
        return;
    // The observer sees the whole pipeline; checkSparseChain made sure the model takes sparse input.
    TrainContext inner = ctx;
    ForwardingObserver forward(*this, ctx.observer);
    if (ctx.observer)
        inner.observer = &forward;
    dynamic_cast<SparseEstimator&>(*model).fitSparse(X, y, inner);
}

bool Pipeline::sparseFeatures() const
{
    const TableTransformer* table = tableStep();
    return table && table->sparseOutput();
}

bool Pipeline::isFitted() const
{
    if (m_steps.empty())
        return false;
    for (const auto& s : m_steps)
        if (!s.component->isFitted())
            return false;
    return true;
}

bool Pipeline::isClassifier() const
{
    const Estimator* model = finalEstimator();
    return model && model->isClassifier();
}

Matrix Pipeline::transform(const Matrix& X) const
{
    Matrix current = X;
    for (const auto& s : m_steps)
        if (const auto* tr = dynamic_cast<const Transformer*>(s.component.get()))
            current = tr->transform(current);
    return current;
}

Vector Pipeline::predict(const Matrix& X) const
{
    const Estimator* model = finalEstimator();
    if (!model)
        throw ParamError("the pipeline has no model step, so it cannot predict");
    return model->predict(transform(X));
}

Matrix Pipeline::predictProba(const Matrix& X) const
{
    const Estimator* model = finalEstimator();
    if (!model)
        throw ParamError("the pipeline has no model step, so it cannot predict");
    return model->predictProba(transform(X));
}

void Pipeline::checkSchema(const Dataset& data) const
{
    std::string missing, mistyped;
    for (const auto& col : m_schema.columns) {
        const int idx = data.columnIndex(col.name);
        if (idx < 0) {
            missing += (missing.empty() ? "" : ", ") + ("'" + col.name + "'");
            continue;
        }
        const ColumnType have = data.column(static_cast<std::size_t>(idx)).type;
        if (have != col.type)
            mistyped += (mistyped.empty() ? "" : "; ") + ("'" + col.name + "' is " + columnTypeName(have)
                                                         + " but the model was trained on " + columnTypeName(col.type));
    }
    if (!missing.empty()) {
        // A column the model does not know is often the missing one renamed: say so.
        std::string unknown;
        for (const Column& c : data.columns()) {
            const bool known = std::any_of(m_schema.columns.begin(), m_schema.columns.end(),
                                           [&](const SchemaColumn& s) { return s.name == c.name; });
            if (!known && c.name != m_schema.target && c.name != data.targetName())
                unknown += (unknown.empty() ? "" : ", ") + ("'" + c.name + "'");
        }
        throw DataError("the data lacks column(s) the model was trained on: " + missing
                        + (unknown.empty() ? std::string()
                                           : " (it has " + unknown + ", which the model does not know: renamed?)"));
    }
    if (!mistyped.empty())
        throw DataError("column types differ from training: " + mistyped);
}

Matrix Pipeline::featuresFor(const Dataset& data) const
{
    const TableTransformer* table = tableStep();
    if (m_schema.columns.empty())
        return table ? table->transform(data) : data.featureMatrix();
    checkSchema(data);
    if (table)
        return table->transform(data);
    StringList names;
    for (const auto& col : m_schema.columns)
        names.push_back(col.name);
    return data.featureMatrix(names);
}

SparseMatrix Pipeline::sparseFeaturesFor(const Dataset& data) const
{
    const TableTransformer* table = tableStep();
    if (!table || !table->sparseOutput())
        return featuresFor(data).sparseView();
    if (!m_schema.columns.empty())
        checkSchema(data);
    return table->transformSparse(data);
}

const SparseEstimator& Pipeline::sparseModel() const
{
    const Estimator* model = finalEstimator();
    if (!model)
        throw ParamError("the pipeline has no model step, so it cannot predict");
    const auto* sparse = dynamic_cast<const SparseEstimator*>(model);
    if (!sparse)
        throw ParamError(model->typeName() + " cannot take the sparse output of " + m_steps.front().component->typeName()
                         + ": use " + kSparseEstimatorNames);
    return *sparse;
}


Vector Pipeline::predict(const Dataset& data) const
{
    if (sparseFeatures())
        return sparseModel().predictSparse(sparseFeaturesFor(data));
    return predict(featuresFor(data));
}

Matrix Pipeline::predictProba(const Dataset& data) const
{
    if (sparseFeatures())
        return sparseModel().predictProbaSparse(sparseFeaturesFor(data));
    return predictProba(featuresFor(data));
}

StringList Pipeline::predictLabels(const Dataset& data) const
{
    const Vector pred = predict(data);
    StringList out;
    out.reserve(static_cast<std::size_t>(pred.size()));
    for (Eigen::Index i = 0; i < pred.size(); ++i) {
        const double v = pred(i);
        const auto code = static_cast<long long>(std::llround(v));
        if (!m_schema.classLabels.empty() && code >= 0 && static_cast<std::size_t>(code) < m_schema.classLabels.size())
            out.push_back(m_schema.classLabels[static_cast<std::size_t>(code)]);
        else
            out.push_back(formatNumber(v));
    }
    return out;
}

Pipeline Pipeline::cloneUnfitted() const
{
    Pipeline copy;
    for (const auto& s : m_steps)
        copy.addStep(clone(*s.component), s.name);
    return copy;
}

}  // namespace dslab
