#include "engine/text/text_vectorizer.h"

#include "engine/core/errors.h"

namespace dslab {

namespace {

std::string textColumnsOf(const Dataset& data)
{
    std::string names;
    for (const std::string& name : data.featureNames()) {
        const ColumnType type = data.column(name).type;
        if (type == ColumnType::Text || type == ColumnType::Categorical)
            names += (names.empty() ? "'" : ", '") + name + "'";
    }
    return names.empty() ? std::string("none") : names;
}

}  // namespace

StringList TextVectorizer::documentsOf(const Dataset& data) const
{
    std::string name = m_column;
    if (name.empty()) {
        if (!paramIsNone("column")) {
            name = paramString("column");
        } else {
            const StringList features = data.featureNames();
            if (features.size() != 1)
                throw DataError(typeName() + " reads one text column, but the table has "
                                + std::to_string(features.size()) + " feature columns: set \"column\" to one of the "
                                + "text columns (" + textColumnsOf(data) + ")");
            name = features.front();
        }
    }
    const int index = data.columnIndex(name);
    if (index < 0)
        throw DataError(typeName() + ": the table has no column '" + name + "'; its text columns are "
                        + textColumnsOf(data));
    const Column& column = data.column(static_cast<std::size_t>(index));
    if (column.type == ColumnType::Numeric || column.type == ColumnType::Datetime)
        throw DataError(typeName() + ": column '" + name + "' is " + columnTypeName(column.type)
                        + ", not text; the table's text columns are " + textColumnsOf(data));
    const std::size_t missing = column.missingCount();
    if (missing > 0)
        throw DataError(typeName() + ": column '" + name + "' has " + std::to_string(missing)
                        + " missing cell(s); fill them (with \"\") or drop those rows first");
    return column.strings;
}

void TextVectorizer::fit(const Dataset& data, const Vector*, TrainContext&)
{
    m_column.clear();
    StringList documents = documentsOf(data);
    const std::string column = paramIsNone("column") ? data.featureNames().front() : paramString("column");
    fit(documents);
    m_column = column;
}

SparseMatrix TextVectorizer::fitTransformSparse(const Dataset& data, const Vector*, TrainContext&)
{
    m_column.clear();
    StringList documents = documentsOf(data);
    const std::string column = paramIsNone("column") ? data.featureNames().front() : paramString("column");
    SparseMatrix out = fitTransform(documents);
    m_column = column;
    return out;
}

SparseMatrix TextVectorizer::transformSparse(const Dataset& data) const
{
    if (!isFitted())
        throwNotFitted();
    return transform(documentsOf(data));
}

Matrix TextVectorizer::transform(const Dataset& data) const
{
    return Matrix(transformSparse(data));
}

StringList TextVectorizer::inputColumns() const
{
    if (!isFitted())
        throwNotFitted();
    return m_column.empty() ? StringList{} : StringList{m_column};
}

}  // namespace dslab
