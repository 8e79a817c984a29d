#include "engine/compose/column_transformer.h"
#include "engine/core/catalog.h"

#include <memory>

namespace dslab {

void registerCompose(Catalog& catalog)
{
    catalog.add({"ColumnTransformer", "Preprocessing", ComponentKind::Transformer,
                 "Applies its own transformers to chosen columns (by name or type) and puts their outputs side by side",
                 [] { return std::make_unique<ColumnTransformer>(); }});
}

}  // namespace dslab
