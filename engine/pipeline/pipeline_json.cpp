#include "engine/pipeline/pipeline_json.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dslab {

using nlohmann::json;

namespace {

std::string utcNow()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
#ifdef _WIN32
    gmtime_s(&tm, &t);
#else
    gmtime_r(&t, &tm);
#endif
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string stepLabel(std::size_t index, const std::string& type)
{
    return "step " + std::to_string(index + 1) + (type.empty() ? "" : " (" + type + ")");
}

// Line and column of a byte offset, as an editor counts them.
std::pair<std::size_t, std::size_t> lineColumn(const std::string& text, std::size_t offset)
{
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
}

json schemaToJson(const InputSchema& schema)
{
    json cols = json::array();
    for (const auto& c : schema.columns)
        cols.push_back({{"name", c.name}, {"type", columnTypeName(c.type)}});
    return {{"columns", cols}, {"target", schema.target}, {"class_labels", schema.classLabels}};
}

ColumnType columnTypeFromName(const std::string& name)
{
    for (ColumnType t : {ColumnType::Numeric, ColumnType::Categorical, ColumnType::Text, ColumnType::Datetime})
        if (columnTypeName(t) == name)
            return t;
    throw FormatError("unknown column type '" + name + "' in the saved schema");
}

InputSchema schemaFromJson(const json& j)
{
    InputSchema schema;
    for (const auto& c : j.at("columns"))
        schema.columns.push_back({c.at("name").get<std::string>(), columnTypeFromName(c.at("type").get<std::string>())});
    schema.target = j.value("target", std::string());
    schema.classLabels = j.value("class_labels", StringList{});
    return schema;
}

}  // namespace

ParamValue paramFromJson(const json& value)
{
    switch (value.type()) {
    case json::value_t::null: return std::monostate{};
    case json::value_t::boolean: return value.get<bool>();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return value.get<long long>();
    case json::value_t::number_float: return value.get<double>();
    case json::value_t::string: return value.get<std::string>();
    case json::value_t::array: {
        std::vector<long long> list;
        for (const auto& v : value) {
            if (!v.is_number_integer())
                throw ParamError("a list parameter must hold integers, got " + v.dump());
            list.push_back(v.get<long long>());
        }
        return list;
    }
    default: throw ParamError("unsupported parameter value " + value.dump());
    }
}

json paramToJson(const ParamValue& value)
{
    struct Visitor {
        json operator()(std::monostate) const { return nullptr; }
        json operator()(bool b) const { return b; }
        json operator()(long long i) const { return i; }
        json operator()(double d) const { return d; }
        json operator()(const std::string& s) const { return s; }
        json operator()(const std::vector<long long>& v) const { return v; }
    };
    return std::visit(Visitor{}, value);
}

std::unique_ptr<Component> componentFromJson(const json& s, std::string* name)
{
    if (!s.is_object() || !s.contains("type") || !s.at("type").is_string())
        throw ParamError("a step must be an object with a \"type\" such as \"LogisticRegression\", got " + s.dump());
    const std::string type = s.at("type").get<std::string>();
    std::unique_ptr<Component> component = Catalog::builtin().create(type);
    for (const auto& [key, value] : s.items()) {
        if (key == "type")
            continue;
        if (key == "name") {
            if (!value.is_string())
                throw ParamError("\"name\" must be a string");
            if (name)
                *name = value.get<std::string>();
            continue;
        }
        if (component->setConfig(key, value))
            continue;
        // A selector's model written as an object, scikit-learn's
        // estimator=LogisticRegression(C=0.1): its type and its parameters.
        if (key == "estimator" && value.is_object()) {
            if (!value.contains("type") || !value.at("type").is_string())
                throw ParamError("\"estimator\" needs a \"type\" such as \"LogisticRegression\"");
            json params = value;
            params.erase("type");
            component->setParam("estimator", value.at("type").get<std::string>());
            component->setParam("estimator_params", params.dump());
            continue;
        }
        component->setParam(key, paramFromJson(value));
    }
    return component;
}

json componentToJson(const Component& component)
{
    json step = {{"type", component.typeName()}};
    for (const auto& [key, value] : component.params())
        step[key] = paramToJson(value);
    component.writeConfig(step);
    return step;
}

Pipeline pipelineFromJson(const json& spec)
{
    if (!spec.is_object() || !spec.contains("steps") || !spec.at("steps").is_array())
        throw ParamError("a pipeline must be an object with a \"steps\" list, e.g. "
                         "{\"steps\": [{\"type\": \"StandardScaler\"}, {\"type\": \"LogisticRegression\"}]}");
    const json& steps = spec.at("steps");
    if (steps.empty())
        throw ParamError("the pipeline's \"steps\" list is empty: add at least a model");
    Pipeline pipeline;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const json& s = steps[i];
        if (!s.is_object() || !s.contains("type") || !s.at("type").is_string())
            throw ParamError(stepLabel(i, "") + " must be an object with a \"type\" such as \"LogisticRegression\"");
        const std::string type = s.at("type").get<std::string>();
        if (!Catalog::builtin().find(type)) {
            try {
                Catalog::builtin().create(type);
            } catch (const ParamError& e) {
                throw ParamError(stepLabel(i, "") + ": " + e.what());
            }
        }
        std::unique_ptr<Component> component;
        std::string name;
        try {
            component = componentFromJson(s, &name);
            pipeline.addStep(std::move(component), name);
        } catch (const ParamError& e) {
            throw ParamError(stepLabel(i, type) + ": " + e.what());
        }
    }
    return pipeline;
}

json pipelineSpecToJson(const Pipeline& pipeline)
{
    json steps = json::array();
    for (std::size_t i = 0; i < pipeline.stepCount(); ++i) {
        const auto& s = pipeline.step(i);
        json step = componentToJson(*s.component);
        if (s.name != s.component->typeName())
            step["name"] = s.name;
        steps.push_back(step);
    }
    return {{"steps", steps}};
}

json parseJsonText(const std::string& text, const std::string& what)
{
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        const auto [line, col] = lineColumn(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string reason = e.what();
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line..."; keep its last part.
        const auto colon = reason.rfind(": ");
        if (colon != std::string::npos)
            reason = reason.substr(colon + 2);
        throw FormatError(what + " is not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col)
                          + ": " + reason);
    }
}

json readJsonFile(const std::string& path, const std::string& what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError("cannot open " + what + " '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parseJsonText(buffer.str(), what + " '" + path + "'");
}

Pipeline readPipelineSpec(const std::string& path)
{
    const json spec = readJsonFile(path, "pipeline file");
    return pipelineFromJson(spec);
}

void writeFileAtomically(const std::string& path, const std::string& text)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    fs::path tmp = target;
    tmp += ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw IoError("cannot write '" + tmp.string() + "': check that the folder exists and is writable");
        out << text;
        out.flush();
        if (!out) {
            out.close();
            std::error_code ec;
            fs::remove(tmp, ec);
            throw IoError("writing '" + path + "' failed (disk full?)");
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw IoError("cannot replace '" + path + "': " + ec.message());
    }
}

json savedPipelineToJson(const Pipeline& pipeline, const json& trainingMetrics)
{
    if (!pipeline.isFitted())
        throw NotFittedError("the pipeline is not fitted: train it before saving");
    json steps = json::array();
    for (std::size_t i = 0; i < pipeline.stepCount(); ++i) {
        const auto& s = pipeline.step(i);
        json params = json::object();
        for (const auto& [key, value] : s.component->params())
            params[key] = paramToJson(value);
        json state = json::object();
        s.component->saveState(state);
        json step = {{"type", s.component->typeName()}, {"name", s.name}, {"params", params}, {"state", state}};
        json config = json::object();
        s.component->writeConfig(config);
        if (!config.empty())
            step["config"] = config;
        steps.push_back(step);
    }
    return {{"format", "dslab-pipeline"},
            {"format_version", kPipelineFormatVersion},
            {"engine_version", DSLAB_VERSION},
            {"created", utcNow()},
            {"schema", schemaToJson(pipeline.schema())},
            {"feature_names", pipeline.featureNames()},
            {"training", {{"metrics", trainingMetrics}}},
            {"steps", steps}};
}

void saveFittedPipeline(const Pipeline& pipeline, const std::string& path, const json& trainingMetrics)
{
    writeFileAtomically(path, savedPipelineToJson(pipeline, trainingMetrics).dump(1));
}

Pipeline savedPipelineFromJson(const json& doc)
{
    if (!doc.is_object() || doc.value("format", std::string()) != "dslab-pipeline")
        throw FormatError("this is not a saved DS Interview Lab model (no \"format\": \"dslab-pipeline\")");
    const json& version = doc.contains("format_version") ? doc.at("format_version") : json();
    if (!version.is_number_integer())
        throw FormatError("the saved model has no valid \"format_version\"");
    const int v = version.get<int>();
    if (v > kPipelineFormatVersion)
        throw FormatError("the model was saved by a newer DS Interview Lab (format version " + std::to_string(v)
                          + "; this version reads up to " + std::to_string(kPipelineFormatVersion)
                          + "): update the app to open it");
    if (v < 1)
        throw FormatError("the saved model has an invalid format version " + std::to_string(v));
    try {
        Pipeline pipeline;
        const json& steps = doc.at("steps");
        if (!steps.is_array() || steps.empty())
            throw FormatError("the saved model has no steps");
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const json& s = steps[i];
            const std::string type = s.at("type").get<std::string>();
            auto component = Catalog::builtin().create(type);
            if (s.contains("config"))
                for (const auto& [key, value] : s.at("config").items())
                    if (!component->setConfig(key, value))
                        throw FormatError(stepLabel(i, type) + ": unknown setting '" + key + "'");
            for (const auto& [key, value] : s.at("params").items())
                component->setParam(key, paramFromJson(value));
            try {
                component->loadState(s.at("state"));
            } catch (const FormatError& e) {
                throw FormatError(stepLabel(i, type) + ": " + e.what());
            }
            pipeline.addStep(std::move(component), s.value("name", std::string()));
        }
        if (doc.contains("schema"))
            pipeline.setSchema(schemaFromJson(doc.at("schema")));
        pipeline.setFeatureNames(doc.value("feature_names", StringList{}));
        return pipeline;
    } catch (const json::exception& e) {
        throw FormatError(std::string("the saved model is damaged: ") + e.what());
    } catch (const ParamError& e) {
        throw FormatError(std::string("the saved model is damaged: ") + e.what());
    }
}

Pipeline loadFittedPipeline(const std::string& path)
{
    return savedPipelineFromJson(readJsonFile(path, "model file"));
}

}  // namespace dslab
