# Reference numbers for test_feature_steps.cpp, from pandas 1.5.3:
#   /usr/bin/python3 tests/engine/preprocessing/feature_steps_reference.py
import numpy as np
import pandas as pd

t = pd.read_csv("resources/datasets/titanic.csv")
title = t["name"].str.extract(r",\s*([^.]+)\.", expand=False)
counts = title.value_counts()
print("title counts:", dict(sorted(counts.items())))
grouped = title.where(title.map(counts) >= 8, "Rare")
print("grouped counts:", dict(sorted(grouped.value_counts().items())))
print("survival by grouped title:", dict(sorted(t.groupby(grouped)["survived"].mean().round(6).items())))
deck = t["cabin"].str.extract(r"^(.)", expand=False).fillna("U")
print("deck counts:", dict(sorted(deck.value_counts().items())))

fam = t["sibsp"] + t["parch"] + 1
print("family_size first 5:", fam.head(5).tolist(), "mean", round(fam.mean(), 9))
fpp = t["fare"] / fam
print("fare/family_size first 5:", fpp.head(5).round(9).tolist(), "sum", round(fpp.sum(), 6))
print("is_alone sum:", int((fam == 1).sum()))
print("female*pclass sum:", int(((t["sex"] == "female") * t["pclass"]).sum()))
print("log1p(fare) mean:", round(np.log1p(t["fare"]).mean(), 9))

d = pd.Series(pd.to_datetime(["2024-03-31 14:05", "2000-02-29", "1969-12-31 23:59:59", "2023-01-07T08:00:00", "1900-03-01"]))
print("year", d.dt.year.tolist())
print("month", d.dt.month.tolist())
print("day", d.dt.day.tolist())
print("weekday", d.dt.weekday.tolist())
print("hour", d.dt.hour.tolist())
print("is_weekend", (d.dt.weekday >= 5).astype(int).tolist())
