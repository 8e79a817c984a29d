// Lab "tuning" (lesson 12): grid, random and Bayesian search over two
// hyperparameters of a pipeline, each candidate cross-validated on the
// worker. The heatmap's background is the true cross-validated score surface
// (a denser grid computed once per data and setting, then cached), and the
// points each method tried appear on it, numbered, as each candidate
// finishes; beside it the best score so far against the trial number, one
// line per method, so the three methods can be compared on the same budget.
// Cancel stops the search and keeps the finished trials.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/plane_dataset.h"

#include <Eigen/Core>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QVector>
#include <array>
#include <string>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dslab {

class DatasetControls;
class LearningCurveView;
class ScoreHeatmapView;
struct TrainStep;

class TuningLab : public Lab {
    Q_OBJECT
public:
    enum Method { Grid = 0, Random = 1, Bayesian = 2 };
    static constexpr int kMethodCount = 3;

    // One searched hyperparameter: "Step__param" with its range.
    struct Axis {
        std::string address;
        QString name;  // the parameter's own name ("learning_rate")
        bool isInteger = false;
        bool log = false;
        double low = 0, high = 1;
    };
    struct Trial {
        double x = 0, y = 0;
        double score = 0, stdScore = 0;
        int index = 0;  // order of proposal (0-based)
    };

    explicit TuningLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~TuningLab() override;

    // Preset keys: dataset (+ n_samples, noise, seed), test_size (rows held
    // out from the search, default 0.25), pipeline, pipeline_params,
    // search {method, n_iter, cv, scoring, space {"Step__param": {type:
    // float|int, low, high, log}}} with exactly two parameters; top-level
    // method, n_iter and cv override the search's (try-this steps use them);
    // knobs (method, n_iter, cv).
    void applyPreset(const QJsonObject& preset) override;
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override { search(); }
    // Of the method shown: best_score, best_<param> (one per axis), n_trials,
    // best_trial (1-based), distinct_<param>, ties_with_best (trials whose
    // mean is within the best's fold standard deviation), held_out_score;
    // surface_best (best cell of the true surface) and gap_to_surface;
    // for every method that ran: best_score_<method>, best_trial_<method>,
    // n_trials_<method>.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests and the buttons.
    void setMethod(Method method);
    Method method() const;
    void setBudget(int nIter);
    void search();            // the chosen method
    void compareAllMethods(); // grid, random and Bayesian in turn, same budget
    bool compareBlocking(int timeoutMs);
    const QVector<Trial>& trials(Method method) const { return m_runs[static_cast<std::size_t>(method)].trials; }
    // Values per axis a grid search uses for a budget (about sqrt(budget) each).
    static QList<Eigen::VectorXd> gridValues(const QList<Axis>& axes, int budget);
    bool hasSurface() const;
    const Eigen::MatrixXd& surface() const { return m_surface.scores; }
    ScoreHeatmapView* heatmap() const { return m_heatmap; }
    LearningCurveView* bestCurve() const { return m_bestCurve; }
    QPushButton* searchButton() const { return m_searchButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }

private:
    struct Surface {
        Eigen::VectorXd x, y;
        Eigen::MatrixXd scores;  // y rows x x columns, NaN until computed
        int done = 0;
    };
    struct MethodRun {
        QVector<Trial> trials;
        double heldOut = qQNaN();
        bool complete = false;
    };

    void buildUi();
    void reset();         // data or setting changed: results and surface go
    void clearResults();
    void start(const QList<int>& methods);
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void errorShown() override;
    void showMethod();    // heatmap trials, top list and measurements of the chosen method
    void redrawCurves();
    void updateMeasurements();
    QString surfaceKey() const;
    // Surfaces computed so far, shared by every tuning lab of the process (GUI thread only).
    static QHash<QString, Surface>& surfaceCache();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipelineSpec;
    QString m_scoring;
    QList<Axis> m_axes;
    PlaneDataset m_data;
    Surface m_surface;
    std::array<MethodRun, kMethodCount> m_runs;
    QMap<QString, double> m_measurements;

    DatasetControls* m_dataControls = nullptr;
    QComboBox* m_method = nullptr;
    QSpinBox* m_budget = nullptr;
    QSpinBox* m_folds = nullptr;
    QLabel* m_spaceLabel = nullptr;
    QPushButton* m_searchButton = nullptr;
    QPushButton* m_compareButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_top = nullptr;
    ScoreHeatmapView* m_heatmap = nullptr;
    LearningCurveView* m_bestCurve = nullptr;
};

}  // namespace dslab
