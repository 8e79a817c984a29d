#include "ui/widgets/param_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

namespace {

double asDouble(const ParamValue& v, double fallback)
{
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* i = std::get_if<long long>(&v))
        return static_cast<double>(*i);
    return fallback;
}

}  // namespace

ParamForm::ParamForm(QWidget* parent) : QWidget(parent)
{
    m_layout = new QFormLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void ParamForm::build(const std::vector<ParamSpec>& specs, const ParamMap& values, const QStringList& visible)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_specs.clear();
    m_order.clear();
    QStringList names = visible;
    if (names.isEmpty())
        for (const auto& s : specs)
            names << QString::fromStdString(s.name);
    for (const QString& name : names) {
        auto it = std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == name.toStdString(); });
        if (it == specs.end())
            continue;
        const auto v = values.find(it->name);
        QWidget* editor = makeEditor(*it, v != values.end() ? v->second : it->defaultValue);
        editor->setToolTip(QString::fromStdString(it->doc));
        editor->setAccessibleName(name);
        editor->setAccessibleDescription(QString::fromStdString(it->doc));
        auto* label = new QLabel(name, this);
        label->setToolTip(QString::fromStdString(it->doc));
        label->setBuddy(editor);
        m_layout->addRow(label, editor);
        m_editors.insert(name, editor);
        m_specs.insert(name, *it);
        m_order << name;
    }
}

QWidget* ParamForm::makeEditor(const ParamSpec& spec, const ParamValue& value)
{
    const QString name = QString::fromStdString(spec.name);
    switch (spec.type) {
    case ParamType::Bool: {
        auto* box = new QCheckBox(this);
        box->setChecked(std::holds_alternative<bool>(value) && std::get<bool>(value));
        connect(box, &QCheckBox::toggled, this, [this, name] { emit valueChanged(name); });
        return box;
    }
    case ParamType::Int: {
        auto* spin = new QSpinBox(this);
        spin->setRange(std::isfinite(spec.minValue) ? static_cast<int>(std::max(spec.minValue, -1e9)) : -1000000000,
                       std::isfinite(spec.maxValue) ? static_cast<int>(std::min(spec.maxValue, 1e9)) : 1000000000);
        // A parameter that accepts None (max_depth=None) shows "None" one below its minimum.
        if (spec.nullable) {
            spin->setMinimum(spin->minimum() - 1);
            spin->setSpecialValueText(QStringLiteral("None"));
        }
        spin->setValue(std::holds_alternative<std::monostate>(value) ? spin->minimum() : static_cast<int>(asDouble(value, 0)));
        spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        connect(spin, &QSpinBox::valueChanged, this, [this, name] { emit valueChanged(name); });
        return spin;
    }
    case ParamType::Float: {
        auto* spin = new QDoubleSpinBox(this);
        spin->setDecimals(spec.logScale ? 5 : 4);
        double lo = std::isfinite(spec.minValue) ? spec.minValue : -1e9;
        if (spec.minExclusive)
            lo += spec.logScale ? 1e-5 : 1e-4;
        spin->setRange(lo, std::isfinite(spec.maxValue) ? spec.maxValue : 1e9);
        spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        if (spec.nullable) {
            spin->setMinimum(spin->minimum() - spin->singleStep());
            spin->setSpecialValueText(QStringLiteral("None"));
        }
        spin->setValue(std::holds_alternative<std::monostate>(value) ? spin->minimum() : asDouble(value, 0));
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, name] { emit valueChanged(name); });
        return spin;
    }
    case ParamType::Choice: {
        auto* combo = new QComboBox(this);
        for (const auto& c : spec.choices)
            combo->addItem(QString::fromStdString(c));
        if (const auto* s = std::get_if<std::string>(&value))
            combo->setCurrentText(QString::fromStdString(*s));
        connect(combo, &QComboBox::currentTextChanged, this, [this, name] { emit valueChanged(name); });
        return combo;
    }
    case ParamType::String:
    case ParamType::IntList: {
        auto* edit = new QLineEdit(this);
        if (const auto* s = std::get_if<std::string>(&value))
            edit->setText(QString::fromStdString(*s));
        else if (const auto* l = std::get_if<std::vector<long long>>(&value)) {
            QStringList parts;
            for (long long x : *l)
                parts << QString::number(x);
            edit->setText(parts.join(", "));
        }
        connect(edit, &QLineEdit::editingFinished, this, [this, name] { emit valueChanged(name); });
        return edit;
    }
    }
    return new QWidget(this);
}

ParamMap ParamForm::values() const
{
    ParamMap out;
    for (const QString& name : m_order) {
        const ParamSpec& spec = m_specs[name];
        QWidget* w = m_editors.value(name);
        const std::string key = name.toStdString();
        if (auto* box = qobject_cast<QCheckBox*>(w))
            out[key] = box->isChecked();
        else if (auto* spin = qobject_cast<QSpinBox*>(w))
            out[key] = spec.nullable && spin->value() == spin->minimum() ? ParamValue(std::monostate{})
                                                                          : ParamValue(static_cast<long long>(spin->value()));
        else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(w))
            out[key] = spec.nullable && dspin->value() == dspin->minimum() ? ParamValue(std::monostate{})
                                                                            : ParamValue(dspin->value());
        else if (auto* combo = qobject_cast<QComboBox*>(w))
            out[key] = combo->currentText().toStdString();
        else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
            if (spec.type == ParamType::IntList) {
                std::vector<long long> list;
                for (const auto& part : edit->text().split(',', Qt::SkipEmptyParts))
                    list.push_back(part.trimmed().toLongLong());
                out[key] = list;
            } else {
                out[key] = edit->text().toStdString();
            }
        }
    }
    return out;
}

void ParamForm::setValue(const QString& name, const ParamValue& value)
{
    QWidget* w = m_editors.value(name);
    if (!w)
        return;
    if (auto* box = qobject_cast<QCheckBox*>(w); box && std::holds_alternative<bool>(value))
        box->setChecked(std::get<bool>(value));
    else if (auto* spin = qobject_cast<QSpinBox*>(w))
        spin->setValue(std::holds_alternative<std::monostate>(value) ? spin->minimum() : static_cast<int>(asDouble(value, spin->value())));
    else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(w))
        dspin->setValue(std::holds_alternative<std::monostate>(value) ? dspin->minimum() : asDouble(value, dspin->value()));
    else if (auto* combo = qobject_cast<QComboBox*>(w); combo && std::holds_alternative<std::string>(value))
        combo->setCurrentText(QString::fromStdString(std::get<std::string>(value)));
}

}  // namespace dslab
