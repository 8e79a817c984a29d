// The "Data" box of a lab: which dataset, and for the synthetic generators
// the number of samples, the noise and the seed. Shared by every lab so a
// learner meets the same controls everywhere; it only edits the data part of
// a preset, the lab builds the data from it.
#pragma once

#include <QGroupBox>
#include <QJsonObject>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

namespace dslab {

class DatasetControls : public QGroupBox {
    Q_OBJECT
public:
    enum class Kind {
        Plane,    // 2-D generators and two columns of real datasets (planeDatasetChoices)
        Tabular,  // every numeric column of a real classification dataset (tabularDatasetChoices)
        Curve,    // the sine wave (regression) and the 2-D generators, from 5 points (curveDatasetKeys)
    };

    explicit DatasetControls(QWidget* parent = nullptr);

    // Switches the dataset list; keeps the choice if the new list has it.
    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    // Shows the preset's dataset, n_samples, noise and seed without emitting changed().
    void applyPreset(const QJsonObject& preset);
    // The preset with the controls' current dataset, n_samples, noise and seed.
    QJsonObject dataPreset(const QJsonObject& base) const;
    QString datasetKey() const;
    bool isSynthetic() const;
    int seed() const;

    QComboBox* datasetCombo() const { return m_dataset; }
    QSpinBox* samplesBox() const { return m_samples; }
    QDoubleSpinBox* noiseBox() const { return m_noise; }
    QSpinBox* seedBox() const { return m_seed; }

signals:
    // The learner changed the data (not emitted by applyPreset or setKind).
    void changed();

private:
    void fillChoices();
    void updateEnabled();

    Kind m_kind = Kind::Plane;
    bool m_updating = false;
    QFormLayout* m_form = nullptr;
    QComboBox* m_dataset = nullptr;
    QSpinBox* m_samples = nullptr;
    QDoubleSpinBox* m_noise = nullptr;
    QSpinBox* m_seed = nullptr;
};

}  // namespace dslab
