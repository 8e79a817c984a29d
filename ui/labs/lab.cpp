#include "ui/labs/lab.h"

namespace dslab {

QJsonObject mergePreset(const QJsonObject& base, const QJsonObject& overrides)
{
    QJsonObject out = base;
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.key() == "pipeline_params") {
            QJsonObject params = out.value("pipeline_params").toObject();
            const QJsonObject extra = it.value().toObject();
            for (auto p = extra.begin(); p != extra.end(); ++p)
                params.insert(p.key(), p.value());
            out.insert("pipeline_params", params);
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

}  // namespace dslab
