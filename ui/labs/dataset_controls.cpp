#include "ui/labs/dataset_controls.h"

#include "ui/labs/curve_data.h"
#include "ui/labs/plane_dataset.h"
#include "ui/labs/tabular_dataset.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace dslab {

DatasetControls::DatasetControls(QWidget* parent) : QGroupBox(tr("Data"), parent)
{
    auto* form = new QFormLayout(this);
    m_form = form;
    m_dataset = new QComboBox(this);
    m_dataset->setAccessibleName(tr("dataset"));
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dataset->setMinimumContentsLength(14);
    m_samples = new QSpinBox(this);
    m_samples->setRange(20, 5000);
    m_samples->setSingleStep(50);
    m_samples->setAccessibleName(tr("number of samples"));
    m_noise = new QDoubleSpinBox(this);
    m_noise->setRange(0, 3);
    m_noise->setSingleStep(0.05);
    m_noise->setAccessibleName(tr("noise"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 99999);
    m_seed->setAccessibleName(tr("random seed"));
    m_seed->setToolTip(tr("Draws other data (generators) or another training/validation split"));
    form->addRow(tr("dataset"), m_dataset);
    form->addRow(tr("samples"), m_samples);
    form->addRow(tr("noise"), m_noise);
    form->addRow(tr("seed"), m_seed);
    fillChoices();

    auto emitChanged = [this] {
        updateEnabled();
        if (!m_updating)
            emit changed();
    };
    connect(m_dataset, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_samples, &QSpinBox::valueChanged, this, emitChanged);
    connect(m_noise, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(m_seed, &QSpinBox::valueChanged, this, emitChanged);
}

void DatasetControls::fillChoices()
{
    const QString current = datasetKey();
    m_updating = true;
    m_dataset->clear();
    if (m_kind == Kind::Plane) {
        for (const auto& c : planeDatasetChoices())
            m_dataset->addItem(c.label, c.key);
    } else if (m_kind == Kind::Curve) {
        for (const QString& key : curveDatasetKeys())
            m_dataset->addItem(key == "sine" ? tr("sine wave (regression)") : tr("%1 (classification)").arg(key), key);
    } else {
        for (const auto& c : tabularDatasetChoices())
            m_dataset->addItem(c.label, c.key);
    }
    const int idx = m_dataset->findData(current);
    m_dataset->setCurrentIndex(idx >= 0 ? idx : 0);
    m_updating = false;
    updateEnabled();
}

void DatasetControls::setKind(Kind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    // The overfitting lessons need tiny samples (a degree-15 fit on 20 points).
    const bool curve = kind == Kind::Curve;
    m_samples->setRange(curve ? 5 : 20, 5000);
    m_samples->setSingleStep(curve ? 10 : 50);
    m_samples->setToolTip(curve ? tr("Training points; the test points are a separate, larger draw from the same generator")
                                : QString());
    fillChoices();
}

void DatasetControls::applyPreset(const QJsonObject& preset)
{
    m_updating = true;
    const int idx = m_dataset->findData(preset.value("dataset").toString());
    m_dataset->setCurrentIndex(idx >= 0 ? idx : 0);
    const bool curve = m_kind == Kind::Curve;
    m_samples->setValue(preset.value("n_samples").toInt(curve ? 20 : 300));
    m_noise->setValue(preset.value("noise").toDouble(curve ? 0.3 : 0.2));
    m_seed->setValue(preset.value("seed").toInt(0));
    m_updating = false;
    updateEnabled();
}

QJsonObject DatasetControls::dataPreset(const QJsonObject& base) const
{
    QJsonObject data = base;
    // A different dataset than the preset's makes its column choice meaningless.
    if (data.value("dataset").toString() != datasetKey())
        data.remove("features");
    data.insert("dataset", datasetKey());
    data.insert("n_samples", m_samples->value());
    data.insert("noise", m_noise->value());
    data.insert("seed", m_seed->value());
    return data;
}

QString DatasetControls::datasetKey() const
{
    return m_dataset->currentData().toString();
}

int DatasetControls::seed() const
{
    return m_seed->value();
}

bool DatasetControls::isSynthetic() const
{
    if (m_kind == Kind::Tabular)
        return false;
    if (m_kind == Kind::Curve)
        return true;
    const auto& choices = planeDatasetChoices();
    for (const auto& c : choices)
        if (c.key == datasetKey())
            return c.synthetic;
    return false;
}

void DatasetControls::updateEnabled()
{
    const bool synthetic = isSynthetic();
    m_samples->setEnabled(synthetic);
    m_noise->setEnabled(synthetic);
    // A real table has no sample count or noise to set: hide them rather than grey them out.
    m_form->setRowVisible(m_samples, m_kind != Kind::Tabular);
    m_form->setRowVisible(m_noise, m_kind != Kind::Tabular);
}

}  // namespace dslab
