#include "ui/labs/lab.h"

#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"

#include "ui/session/training_session.h"

#include <QEventLoop>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
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

Lab::Lab(QWidget* parent) : QWidget(parent), m_session(new TrainingSession(this)) {}

void Lab::shutdown()
{
    m_session->stopAndJoin();
}

QLabel* Lab::createErrorLabel()
{
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet("QLabel { color: #b00020; font-weight: bold; }");
    m_error->setAccessibleName(tr("error message"));
    m_error->hide();
    return m_error;
}

QLabel* Lab::createStatusLabel()
{
    auto* status = new QLabel(this);
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status->setWordWrap(true);
    status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    status->setMinimumHeight(status->fontMetrics().height() * 2 + 4);
    return status;
}

void Lab::showError(const QString& message)
{
    if (m_error) {
        m_error->setText(message);
        m_error->show();
    }
    errorShown();
}

void Lab::clearError()
{
    if (m_error)
        m_error->hide();
    if (!m_presetError.isEmpty())
        showError(m_presetError);
}

void Lab::setPresetError(const QString& message)
{
    m_presetError = message;
    if (message.isEmpty())
        clearError();
    else
        showError(message);
}

bool Lab::hasError() const
{
    return m_error && !m_error->isHidden();
}

QString Lab::errorText() const
{
    return hasError() ? m_error->text() : QString();
}

Lab::RunRow Lab::createRunRow(const QString& runText, const QString& runTip)
{
    RunRow row;
    row.layout = new QHBoxLayout;
    row.run = new QPushButton(runText, this);
    row.run->setToolTip(runTip);
    row.cancel = new QPushButton(tr("Cancel"), this);
    row.cancel->setEnabled(false);
    row.status = createStatusLabel();
    row.layout->addWidget(row.run);
    row.layout->addWidget(row.cancel);
    row.layout->addWidget(row.status, 1);
    connect(row.cancel, &QPushButton::clicked, m_session, &TrainingSession::cancel);
    m_runRowButton = row.run;
    m_runRowCancel = row.cancel;
    return row;
}

QLabel* Lab::createSummaryLabel(const QString& accessibleName)
{
    auto* label = new QLabel(this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setAccessibleName(accessibleName);
    return label;
}

void Lab::errorShown()
{
    const bool running = m_session->isRunning();
    if (m_runRowButton)
        m_runRowButton->setEnabled(!running);
    if (m_runRowCancel)
        m_runRowCancel->setEnabled(running);
}

bool Lab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    trainToEnd();
    if (!m_session->isRunning())
        return false;
    return waitForSession(timeoutMs);
}

bool Lab::waitForSession(int timeoutMs)
{
    TrainingSession* s = session();
    if (!s || !s->isRunning())
        return errorText().isEmpty();
    QEventLoop loop;
    bool ok = true;
    auto done = connect(s, &TrainingSession::finished, &loop, [&] { QTimer::singleShot(0, &loop, &QEventLoop::quit); });
    auto failed = connect(s, &TrainingSession::failed, &loop, [&] {
        ok = false;
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, [&] {
        ok = false;
        loop.quit();
    });
    timeout.start(timeoutMs);
    loop.exec();
    disconnect(done);
    disconnect(failed);
    return ok && errorText().isEmpty();
}

}  // namespace dslab
