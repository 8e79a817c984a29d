#include "engine/core/catalog.h"
#include "engine/text/count_vectorizer.h"
#include "engine/text/multinomial_nb.h"
#include "engine/text/tfidf_vectorizer.h"

#include <memory>

namespace dslab {

void registerText(Catalog& catalog)
{
    const std::string category = "Text";
    catalog.add({"CountVectorizer", category, ComponentKind::Transformer,
                 "Reads a text column: one column per word (or n-gram) of the training vocabulary, holding its "
                 "count in each document (sparse)",
                 [] { return std::make_unique<CountVectorizer>(); }});
    catalog.add({"TfidfVectorizer", category, ComponentKind::Transformer,
                 "Reads a text column: word counts weighed by inverse document frequency, each row scaled to "
                 "unit length (sparse)",
                 [] { return std::make_unique<TfidfVectorizer>(); }});
    catalog.add({"MultinomialNB", category, ComponentKind::Classifier,
                 "Naive Bayes for word counts: per-class word distributions with additive smoothing; takes "
                 "non-negative features",
                 [] { return std::make_unique<MultinomialNB>(); }});
}

}  // namespace dslab
