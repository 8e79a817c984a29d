#include "engine/core/catalog.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace dslab {

const Catalog& Catalog::builtin()
{
    static const Catalog catalog = [] {
        Catalog c;
        registerPreprocessing(c);
        registerLinearModels(c);
        registerTreeModels(c);
        registerOtherModels(c);
        registerFeatureSelection(c);
        registerCompose(c);
        registerImbalance(c);
        registerText(c);
        return c;
    }();
    return catalog;
}

void Catalog::add(CatalogEntry entry)
{
    m_entries.push_back(std::move(entry));
}

const CatalogEntry* Catalog::find(const std::string& typeName) const
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const CatalogEntry& e) { return e.typeName == typeName; });
    return it == m_entries.end() ? nullptr : &*it;
}

std::unique_ptr<Component> Catalog::create(const std::string& typeName) const
{
    const CatalogEntry* entry = find(typeName);
    if (!entry) {
        std::string known;
        for (const auto& e : m_entries)
            known += (known.empty() ? "" : ", ") + e.typeName;
        throw ParamError("unknown step type '" + typeName + "'; known types are: " + known);
    }
    return entry->create();
}

std::unique_ptr<Estimator> Catalog::createEstimator(const std::string& typeName) const
{
    auto component = create(typeName);
    if (auto* est = dynamic_cast<Estimator*>(component.get())) {
        component.release();
        return std::unique_ptr<Estimator>(est);
    }
    throw ParamError("'" + typeName + "' is a transformer, not a model: it cannot be the last step of a pipeline");
}

std::unique_ptr<Transformer> Catalog::createTransformer(const std::string& typeName) const
{
    auto component = create(typeName);
    if (auto* tr = dynamic_cast<Transformer*>(component.get())) {
        component.release();
        return std::unique_ptr<Transformer>(tr);
    }
    throw ParamError("'" + typeName + "' is a model; only the last step of a pipeline can be a model");
}

std::unique_ptr<Component> clone(const Component& component)
{
    auto copy = Catalog::builtin().create(component.typeName());
    copy->setParams(component.params());
    nlohmann::json config = nlohmann::json::object();
    component.writeConfig(config);
    for (const auto& [key, value] : config.items())
        copy->setConfig(key, value);
    return copy;
}

std::unique_ptr<Estimator> cloneEstimator(const Estimator& estimator)
{
    auto copy = Catalog::builtin().createEstimator(estimator.typeName());
    copy->setParams(estimator.params());
    return copy;
}

}  // namespace dslab
