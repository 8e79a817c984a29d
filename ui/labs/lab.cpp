#include "ui/labs/lab.h"

#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <nlohmann/json.hpp>

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

ParamValue paramFromPreset(const QJsonValue& value)
{
    // Through a one-element list, so a bare string or number is valid JSON text.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return paramFromJson(nlohmann::json::parse(text.toStdString())[0]);
}

Pipeline pipelineFromPreset(const QJsonObject& spec, const QJsonObject& overrides)
{
    Pipeline pipeline = pipelineFromJson(nlohmann::json::parse(QJsonDocument(spec).toJson().toStdString()));
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        const std::string address = it.key().toStdString();
        const auto split = address.find("__");
        if (split != std::string::npos && !pipeline.findStep(address.substr(0, split)))
            continue;
        pipeline.setParam(address, paramFromPreset(it.value()));
    }
    return pipeline;
}

}  // namespace dslab
