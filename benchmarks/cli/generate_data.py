#!/usr/bin/python3
"""Writes the end-to-end benchmark's input: two CSVs of 1 000 000 rows x 20 columns (15 numeric, 5 categorical).

The current file drifts in a third of its columns. Seeded, so every run writes the same files.
Usage: /usr/bin/python3 benchmarks/cli/generate_data.py OUT_FOLDER [ROWS]
"""
import os
import sys

import numpy as np
import pandas as pd

CATEGORIES = [["a", "b", "c", "d"], ["web", "store", "phone"], ["DE", "FR", "US", "GB", "ES", "IT"],
              ["basic", "pro", "enterprise"], [f"s{i}" for i in range(12)]]


def frame(seed, rows, drift):
    rng = np.random.default_rng(seed)
    data = {}
    for i in range(15):
        shift = 0.3 if drift and i % 3 == 0 else 0.0
        data[f"x{i:02d}"] = np.round(rng.normal(10.0 * i + shift * (1 + i), 1.0 + i, size=rows), 4)
    for i, values in enumerate(CATEGORIES):
        p = np.full(len(values), 1.0 / len(values))
        if drift and i % 3 == 0:
            p = np.linspace(1.0, 2.0, len(values))
            p /= p.sum()
        data[f"c{i}"] = rng.choice(values, size=rows, p=p)
    return pd.DataFrame(data)


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out, exist_ok=True)
    frame(11, rows, drift=False).to_csv(os.path.join(out, "reference.csv"), index=False)
    frame(12, rows, drift=True).to_csv(os.path.join(out, "current.csv"), index=False)


if __name__ == "__main__":
    main()
