// One registry maps scikit-learn type names to factories. The pipeline
// builder's palette, the JSON loader and the CLI all read it, so a component
// registered once is available everywhere.
#pragma once

#include "engine/core/component.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dslab {

// Sampler: a step that resamples the training rows (SMOTE), applied by a
// Pipeline only when fitting.
enum class ComponentKind { Transformer, Classifier, Regressor, Clusterer, Sampler };

struct CatalogEntry {
    std::string typeName;   // "LogisticRegression"
    std::string category;   // "Linear models", "Preprocessing", "Trees and ensembles", ...
    ComponentKind kind = ComponentKind::Transformer;
    std::string summary;    // one line for palettes and tooltips
    std::function<std::unique_ptr<Component>()> create;
};

class Catalog {
public:
    // The catalog with every built-in component registered.
    static const Catalog& builtin();

    void add(CatalogEntry entry);
    const CatalogEntry* find(const std::string& typeName) const;
    const std::vector<CatalogEntry>& entries() const { return m_entries; }
    // Throws ParamError listing the known names when typeName is unknown.
    std::unique_ptr<Component> create(const std::string& typeName) const;
    std::unique_ptr<Estimator> createEstimator(const std::string& typeName) const;
    std::unique_ptr<Transformer> createTransformer(const std::string& typeName) const;

private:
    std::vector<CatalogEntry> m_entries;
};

// An unfitted copy with the same parameters (scikit-learn's clone()).
std::unique_ptr<Component> clone(const Component& component);
std::unique_ptr<Estimator> cloneEstimator(const Estimator& estimator);

// Registers the engine's components; each subsystem has its own function so
// that this list stays explicit (static-initialization registries break in
// static libraries).
void registerLinearModels(Catalog& catalog);
void registerPreprocessing(Catalog& catalog);
void registerTreeModels(Catalog& catalog);
void registerOtherModels(Catalog& catalog);
void registerImbalance(Catalog& catalog);
void registerFeatureSelection(Catalog& catalog);
void registerCompose(Catalog& catalog);
void registerText(Catalog& catalog);

}  // namespace dslab
