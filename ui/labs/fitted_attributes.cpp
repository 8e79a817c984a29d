#include "ui/labs/fitted_attributes.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"
#include "engine/models/trees/tree_model.h"

#include <QObject>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

// A saved matrix as rows of numbers, whichever JSON form the model used:
// {"rows", "cols", "data" (row-major)}, a list of lists, or a flat list.
QList<QList<double>> jsonRows(const nlohmann::json& v)
{
    QList<QList<double>> rows;
    if (v.is_object() && v.contains("rows") && v.contains("cols") && v.contains("data")) {
        const auto r = v["rows"].get<long long>(), c = v["cols"].get<long long>();
        const auto& data = v["data"];
        for (long long i = 0; i < r; ++i) {
            QList<double> row;
            for (long long j = 0; j < c && static_cast<std::size_t>(i * c + j) < data.size(); ++j)
                row << data[static_cast<std::size_t>(i * c + j)].get<double>();
            rows << row;
        }
    } else if (v.is_array() && !v.empty() && v[0].is_array()) {
        for (const auto& r : v) {
            QList<double> row;
            for (const auto& x : r)
                row << (x.is_number() ? x.get<double>() : 0.0);
            rows << row;
        }
    } else if (v.is_array()) {
        QList<double> row;
        for (const auto& x : v)
            row << (x.is_number() ? x.get<double>() : 0.0);
        rows << row;
    } else if (v.is_number()) {
        rows << QList<double>{v.get<double>()};
    }
    return rows;
}

}  // namespace

FittedAttributes readFittedAttributes(const Predictor& model, const QStringList& features)
{
    FittedAttributes out;
    const Component* component = model.component();
    if (!component)
        return out;
    auto featureName = [&](int j) { return j < features.size() ? features[j] : QStringLiteral("x%1").arg(j); };
    try {
        if (const auto* trees = dynamic_cast<const TreeModel*>(component)) {
            if (trees->trees().empty())
                return out;
            out.kind = QObject::tr("importance");
            const std::vector<double> importances = trees->featureImportances();
            for (std::size_t j = 0; j < importances.size(); ++j)
                out.values << qMakePair(featureName(static_cast<int>(j)), importances[j]);
            return out;
        }
        nlohmann::json state = nlohmann::json::object();
        component->saveState(state);
        if (state.contains("coef")) {
            out.kind = QObject::tr("coefficient");
            const auto coef = jsonRows(state["coef"]);
            QList<double> intercepts;
            if (state.contains("intercept"))
                for (const auto& row : jsonRows(state["intercept"]))
                    intercepts += row;
            for (int r = 0; r < coef.size(); ++r) {
                const QString prefix = coef.size() > 1 ? QObject::tr("class %1: ").arg(r) : QString();
                for (int j = 0; j < coef[r].size(); ++j)
                    out.values << qMakePair(prefix + featureName(j), coef[r][j]);
                if (r < intercepts.size())
                    out.values << qMakePair(prefix + QObject::tr("intercept"), intercepts[r]);
            }
        } else if (state.contains("feature_importances")) {
            out.kind = QObject::tr("importance");
            const auto rows = jsonRows(state["feature_importances"]);
            if (!rows.isEmpty())
                for (int j = 0; j < rows[0].size(); ++j)
                    out.values << qMakePair(featureName(j), rows[0][j]);
        }
    } catch (const NotFittedError&) {
        // Some models save their state only once fitted; mid-training the table waits.
        out = FittedAttributes{};
    }
    return out;
}

}  // namespace dslab
