// The Workbench's "data after this node": the selected node's pipeline
// prefix is fitted on the training rows of a 75/25 split on a worker thread
// (never the GUI thread, never all rows) and the first rows of its output are
// shown with their column names. A newer request supersedes an older one.
#pragma once

#include <QWidget>
#include <memory>
#include <nlohmann/json.hpp>

class QLabel;
class QThread;

namespace dslab {

class DataPreviewView;
class Dataset;
class StopToken;

class StepPreviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit StepPreviewPanel(QWidget* parent = nullptr);
    ~StepPreviewPanel() override;

    void setDataset(std::shared_ptr<const Dataset> data);
    // The table as it enters the pipeline.
    void showRawData();
    // The output of spec's transformers (a final model left out) fitted on the
    // training rows; title names the node, e.g. "StandardScaler".
    void showPipelineOutput(const nlohmann::json& spec, const QString& title);
    void showMessage(const QString& text);

    bool isBusy() const { return m_worker != nullptr; }
    QString messageText() const;
    DataPreviewView* view() const { return m_view; }

signals:
    // A requested preview is on screen (or its error is).
    void previewShown();

private:
    struct Job;
    void start(std::shared_ptr<Job> job);
    void finish(const std::shared_ptr<Job>& job);
    void stopWorker();

    std::shared_ptr<const Dataset> m_data;
    DataPreviewView* m_view = nullptr;
    QLabel* m_message = nullptr;
    QThread* m_worker = nullptr;
    std::shared_ptr<Job> m_pending;  // asked for while the worker was busy
    std::shared_ptr<StopToken> m_stop;
    int m_generation = 0;
};

}  // namespace dslab
