list(APPEND DSLAB_ENGINE_SOURCES
  text/utf8.cpp
  text/unicode_tables.cpp
  text/lowercase.cpp
  text/word_tokenizer.cpp
  text/english_stop_words.cpp
  text/porter_stemmer.cpp
  text/word_ngrams.cpp
  text/word_analyzer.cpp
  text/vocabulary.cpp
  text/text_vectorizer.cpp
  text/register_text.cpp
  text/count_vectorizer.cpp
  text/tfidf_vectorizer.cpp
  text/multinomial_nb.cpp
)
