// Knobs generated from a component's ParamSpec table: a spin box for numbers,
// a combo box for choices, a check box for flags, each with the spec's doc as
// tooltip. A lesson's preset picks which parameters appear.
#pragma once

#include "engine/core/param.h"

#include <QMap>
#include <QStringList>
#include <QWidget>
#include <vector>

class QFormLayout;

namespace dslab {

class ParamForm : public QWidget {
    Q_OBJECT
public:
    explicit ParamForm(QWidget* parent = nullptr);

    // Builds one knob per spec named in `visible` (all when empty), in that order.
    void build(const std::vector<ParamSpec>& specs, const ParamMap& values, const QStringList& visible = {});
    ParamMap values() const;
    void setValue(const QString& name, const ParamValue& value);
    QStringList names() const { return m_order; }
    QWidget* editor(const QString& name) const { return m_editors.value(name); }

signals:
    void valueChanged(const QString& name);

private:
    QWidget* makeEditor(const ParamSpec& spec, const ParamValue& value);
    QFormLayout* m_layout = nullptr;
    QMap<QString, QWidget*> m_editors;
    QMap<QString, ParamSpec> m_specs;
    QStringList m_order;
};

}  // namespace dslab
