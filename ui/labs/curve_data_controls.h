// The "Data" box of the complexity and bias-variance labs: the generator
// (sine for regression, 2-D generators for classification), the number of
// training points, the noise and the seed. Like DatasetControls, but with the
// sine generator and small samples (5 points and up), which these lessons need.
#pragma once

#include <QGroupBox>
#include <QJsonObject>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace dslab {

class CurveDataControls : public QGroupBox {
    Q_OBJECT
public:
    explicit CurveDataControls(QWidget* parent = nullptr);

    // Shows the preset's dataset, n_samples, noise and seed without emitting changed().
    void applyPreset(const QJsonObject& preset);
    // The preset with the controls' current dataset, n_samples, noise and seed.
    QJsonObject dataPreset(const QJsonObject& base) const;
    int seed() const;

    QComboBox* datasetCombo() const { return m_dataset; }
    QSpinBox* samplesBox() const { return m_samples; }
    QDoubleSpinBox* noiseBox() const { return m_noise; }

signals:
    // The learner changed the data (not emitted by applyPreset).
    void changed();

private:
    bool m_updating = false;
    QComboBox* m_dataset = nullptr;
    QSpinBox* m_samples = nullptr;
    QDoubleSpinBox* m_noise = nullptr;
    QSpinBox* m_seed = nullptr;
};

}  // namespace dslab
