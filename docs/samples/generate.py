#!/usr/bin/env python3
"""Writes the sample CSVs (seeded, so the files are reproducible): reference.csv and a drifted current.csv.

Run from anywhere: python3 docs/samples/generate.py
"""
import csv
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
PLANS = ["basic", "pro", "enterprise"]
COUNTRIES = ["DE", "FR", "US", "GB", "ES"]
DEVICES = ["desktop", "phone", "tablet, large"]


def rows(seed, n, age_shift, income_scale, plan_weights, missing_income):
    rng = random.Random(seed)
    for _ in range(n):
        age = round(rng.gauss(40 + age_shift, 10), 1)
        income = "" if rng.random() < missing_income else round(math.exp(rng.gauss(10.5, 0.4)) * income_scale, 2)
        tenure = int(rng.expovariate(1 / 24))
        plan = rng.choices(PLANS, plan_weights)[0]
        country = rng.choices(COUNTRIES, [30, 20, 30, 15, 5])[0]
        device = rng.choices(DEVICES, [50, 40, 10])[0]
        yield [age, income, tenure, plan, country, device]


def write(name, data):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["age", "income", "tenure_months", "plan", "country", "device"])
        w.writerows(data)


write("reference.csv", rows(seed=1, n=2000, age_shift=0, income_scale=1.0, plan_weights=[60, 30, 10], missing_income=0.01))
# Production a few months later: older customers, higher incomes (more often unreported), more enterprise plans.
write("current.csv", rows(seed=2, n=1500, age_shift=6, income_scale=1.25, plan_weights=[40, 30, 30], missing_income=0.08))
