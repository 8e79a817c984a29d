"""scikit-learn 1.2.1 references for text pipelines (tests/engine/text/test_text_pipeline.cpp).

Run with /usr/bin/python3 from anywhere; writes data/text_pipeline_expected.json beside this script.
  - tfidf_logreg: TfidfVectorizer() -> LogisticRegression(C=10, tol=1e-10, max_iter=10000) fitted on
    sms_spam messages 0..999, predict_proba[:, 1] and accuracy on messages 1000..1299.
  - count_nb: CountVectorizer() -> MultinomialNB() fitted on the first 4180 messages (file order),
    accuracy (and the count of correct predictions) on the remaining 1394.
  - column_transformer: ColumnTransformer([("txt", TfidfVectorizer(), "text")]) -> the same
    LogisticRegression as tfidf_logreg: scikit-learn passes the single column name, so the vectorizer
    sees a 1-D column of documents.
"""
import csv
import json
import os

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

with open(os.path.join(ROOT, "resources", "datasets", "sms_spam.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
docs = [r[0] for r in rows]
labels = [r[1] for r in rows]
y = [1 if l == "spam" else 0 for l in labels]

out = {}

def logreg():
    return LogisticRegression(C=10, tol=1e-10, max_iter=10000)

p = make_pipeline(TfidfVectorizer(), logreg())
p.fit(docs[:1000], y[:1000])
proba = p.predict_proba(docs[1000:1300])[:, 1]
out["tfidf_logreg"] = {
    "train": [0, 1000], "test": [1000, 1300],
    "vocabulary_size": len(p[0].vocabulary_),
    "proba_spam": [float(v) for v in proba],
    "accuracy": float(p.score(docs[1000:1300], y[1000:1300])),
}

p = make_pipeline(CountVectorizer(), MultinomialNB())
p.fit(docs[:4180], y[:4180])
pred = p.predict(docs[4180:])
correct = int(sum(int(a == b) for a, b in zip(pred, y[4180:])))
out["count_nb"] = {
    "train": [0, 4180], "test": [4180, len(docs)],
    "correct": correct,
    "accuracy": correct / (len(docs) - 4180),
    "vocabulary_size": len(p[0].vocabulary_),
}

frame = pd.DataFrame({"text": docs, "label": labels})
ct = ColumnTransformer([("txt", TfidfVectorizer(), "text")])
p = make_pipeline(ct, logreg())
p.fit(frame.iloc[:1000], y[:1000])
out["column_transformer"] = {
    "proba_spam": [float(v) for v in p.predict_proba(frame.iloc[1000:1300])[:, 1]],
    "feature_names_head": [str(s) for s in ct.get_feature_names_out()[:3]],
}

with open(os.path.join(HERE, "data", "text_pipeline_expected.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
print({k: {kk: vv for kk, vv in v.items() if not isinstance(vv, list) or len(vv) < 5} for k, v in out.items()})
