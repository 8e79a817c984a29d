#include "ui/labs/curve_data_controls.h"

#include "ui/labs/curve_data.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace dslab {

CurveDataControls::CurveDataControls(QWidget* parent) : QGroupBox(tr("Data"), parent)
{
    auto* form = new QFormLayout(this);
    m_dataset = new QComboBox(this);
    m_dataset->setAccessibleName(tr("dataset"));
    for (const QString& key : curveDatasetKeys())
        m_dataset->addItem(key == "sine" ? tr("sine wave (regression)") : tr("%1 (classification)").arg(key), key);
    m_samples = new QSpinBox(this);
    m_samples->setRange(5, 5000);
    m_samples->setSingleStep(10);
    m_samples->setAccessibleName(tr("number of training points"));
    m_samples->setToolTip(tr("Training points; the test points are a separate, larger draw from the same generator"));
    m_noise = new QDoubleSpinBox(this);
    m_noise->setRange(0, 3);
    m_noise->setSingleStep(0.05);
    m_noise->setAccessibleName(tr("noise"));
    m_noise->setToolTip(tr("Standard deviation of the noise added to the targets (sine) or the coordinates"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 99999);
    m_seed->setAccessibleName(tr("random seed"));
    m_seed->setToolTip(tr("Draws another training sample"));
    form->addRow(tr("dataset"), m_dataset);
    form->addRow(tr("n_samples"), m_samples);
    form->addRow(tr("noise"), m_noise);
    form->addRow(tr("seed"), m_seed);
    auto emitChanged = [this] {
        if (!m_updating)
            emit changed();
    };
    connect(m_dataset, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_samples, &QSpinBox::valueChanged, this, emitChanged);
    connect(m_noise, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(m_seed, &QSpinBox::valueChanged, this, emitChanged);
}

void CurveDataControls::applyPreset(const QJsonObject& preset)
{
    m_updating = true;
    const int idx = m_dataset->findData(preset.value("dataset").toString("sine"));
    m_dataset->setCurrentIndex(idx >= 0 ? idx : 0);
    m_samples->setValue(preset.value("n_samples").toInt(20));
    m_noise->setValue(preset.value("noise").toDouble(0.3));
    m_seed->setValue(preset.value("seed").toInt(0));
    m_updating = false;
}

QJsonObject CurveDataControls::dataPreset(const QJsonObject& base) const
{
    QJsonObject out = base;
    out.insert("dataset", m_dataset->currentData().toString());
    out.insert("n_samples", m_samples->value());
    out.insert("noise", m_noise->value());
    out.insert("seed", m_seed->value());
    return out;
}

int CurveDataControls::seed() const
{
    return m_seed->value();
}

}  // namespace dslab
