#!/usr/bin/python3
"""Reference numbers of test_feature_hasher.cpp (scikit-learn 1.2.1)."""
import pandas as pd
from sklearn.feature_extraction import FeatureHasher
from sklearn.utils import murmurhash3_32

for s in ["", "a", "ab", "abc", "abcd", "sex=male", "embarked=S", "age", "héllo"]:
    print(repr(s), murmurhash3_32(s, 0))
df = pd.DataFrame({"sex": ["male", "female", "female", "male"], "embarked": ["S", "C", "Q", "S"],
                   "age": [22.0, 38.0, 26.0, 35.0]})
print(FeatureHasher(n_features=8).transform(df.to_dict("records")).toarray().tolist())
print(FeatureHasher(n_features=5, alternate_sign=False).transform(df.to_dict("records")).toarray().tolist())
print(FeatureHasher(n_features=8).transform([{"sex": "unknown", "embarked": "S", "age": 1.0}]).toarray().tolist())
