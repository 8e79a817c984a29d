#include "ui/workbench/step_preview_panel.h"

#include "engine/core/train_context.h"
#include "engine/data/dataset.h"
#include "engine/data/split.h"
#include "engine/pipeline/pipeline_preview.h"
#include "ui/workbench/data_preview_view.h"

#include <QLabel>
#include <QThread>
#include <QVBoxLayout>

namespace dslab {

namespace {

constexpr std::size_t kPreviewRows = 200;
constexpr double kPreviewTestShare = 0.25;

}  // namespace

struct StepPreviewPanel::Job {
    int generation = 0;
    nlohmann::json spec;
    QString title;
    std::shared_ptr<const Dataset> data;
    std::shared_ptr<StopToken> stop;
    // Results, written by the worker:
    PipelinePreview preview;
    QString error;
};

StepPreviewPanel::StepPreviewPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_message = new QLabel(tr("Select a node to see the data after it."), this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("preview message"));
    m_view = new DataPreviewView(this);
    m_view->setMaxRows(static_cast<int>(kPreviewRows));
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
}

StepPreviewPanel::~StepPreviewPanel()
{
    stopWorker();
}

void StepPreviewPanel::stopWorker()
{
    if (!m_worker)
        return;
    if (m_stop)
        m_stop->requestCancel();
    m_worker->wait();
    delete m_worker;
    m_worker = nullptr;
}

void StepPreviewPanel::setDataset(std::shared_ptr<const Dataset> data)
{
    m_data = std::move(data);
    ++m_generation;  // a preview of the old table is no longer wanted
    showRawData();
}

void StepPreviewPanel::showRawData()
{
    ++m_generation;
    m_pending.reset();
    if (!m_data) {
        m_view->clear();
        showMessage(tr("No data yet: open a dataset in the Data tab or pick one in the toolbar."));
        return;
    }
    m_view->setCaption(tr("The table as it enters the pipeline"));
    m_view->setDataset(m_data);
    showMessage(tr("All %1 rows, before the split. Select a step to see its output.").arg(m_data->rowCount()));
    emit previewShown();
}

void StepPreviewPanel::showMessage(const QString& text)
{
    m_message->setText(text);
}

QString StepPreviewPanel::messageText() const
{
    return m_message->text();
}

void StepPreviewPanel::showPipelineOutput(const nlohmann::json& spec, const QString& title)
{
    if (!m_data) {
        showRawData();
        return;
    }
    auto job = std::make_shared<Job>();
    job->generation = ++m_generation;
    job->spec = spec;
    job->title = title;
    job->data = m_data;
    job->stop = std::make_shared<StopToken>();
    if (m_worker) {
        // One fit at a time: the newest request waits, older waiting ones are dropped.
        m_pending = job;
        if (m_stop)
            m_stop->requestCancel();
        return;
    }
    start(job);
}

void StepPreviewPanel::start(std::shared_ptr<Job> job)
{
    m_stop = job->stop;
    showMessage(tr("Fitting the steps up to %1 on the training rows\u2026").arg(job->title));
    m_worker = QThread::create([job] {
        try {
            const Dataset& all = *job->data;
            Vector codes;
            const bool classes = all.hasTarget() && all.column(all.targetName()).type != ColumnType::Numeric;
            if (classes)
                codes = all.targetCodes();
            const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(all.rowCount()), kPreviewTestShare, 0,
                                                      classes ? &codes : nullptr);
            const Dataset train = all.selectRows(split.train);
            TrainContext ctx;
            ctx.stop = job->stop;
            job->preview = previewPipeline(job->spec, train, kPreviewRows, ctx);
        } catch (const std::exception& e) {
            job->error = QString::fromUtf8(e.what());
        }
    });
    connect(m_worker, &QThread::finished, this, [this, job] { finish(job); });
    m_worker->start();
}

void StepPreviewPanel::finish(const std::shared_ptr<Job>& job)
{
    m_worker->deleteLater();
    m_worker = nullptr;
    m_stop.reset();
    if (job->generation == m_generation) {
        if (!job->error.isEmpty()) {
            showMessage(tr("Cannot preview %1: %2").arg(job->title, job->error));
            m_view->clear();
        } else {
            QStringList names;
            for (const auto& n : job->preview.columns)
                names << QString::fromStdString(n);
            m_view->setCaption(tr("After %1").arg(job->title));
            m_view->setMatrix(job->preview.values, names);
            showMessage(tr("Output of the steps up to %1, fitted on the %2 training rows of a 75/25 split "
                           "(first %3 of them shown).")
                            .arg(job->title)
                            .arg(job->preview.fittedRows)
                            .arg(job->preview.values.rows()));
        }
        emit previewShown();
    }
    if (m_pending) {
        auto next = std::move(m_pending);
        m_pending.reset();
        start(next);
    }
}

}  // namespace dslab
