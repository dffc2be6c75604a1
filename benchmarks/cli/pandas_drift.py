#!/usr/bin/python3
"""The peer of `retrain-triggers drift`: what a pandas user writes by hand for the same check.

Reads both CSVs with pandas, then per numeric column scipy's ks_2samp and a PSI on 10 reference-quantile bins (numpy),
per categorical column a chi-square homogeneity test; prints one line per column and the share of drifted columns.
Usage: /usr/bin/python3 benchmarks/cli/pandas_drift.py reference.csv current.csv
"""
import sys

import numpy as np
import pandas as pd
from scipy import stats


def psi(reference, current, bins=10, eps=1e-4):
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1]))
    r = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=len(edges) + 1) / len(reference)
    c = np.bincount(np.searchsorted(edges, current, side="right"), minlength=len(edges) + 1) / len(current)
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def main():
    ref = pd.read_csv(sys.argv[1])
    cur = pd.read_csv(sys.argv[2])
    drifted = 0
    for name in ref.columns:
        if pd.api.types.is_numeric_dtype(ref[name]):
            r = ref[name].dropna().to_numpy()
            c = cur[name].dropna().to_numpy()
            ks = stats.ks_2samp(r, c)
            p = psi(r, c)
            drift = p >= 0.2 or ks.pvalue < 0.05
            print(f"{name}: psi {p:.4f} ks {ks.statistic:.4f} p {ks.pvalue:.3g} {'DRIFT' if drift else ''}")
        else:
            table = pd.crosstab(pd.concat([ref[name], cur[name]]), np.repeat([0, 1], [len(ref), len(cur)]))
            chi2, pvalue, _, _ = stats.chi2_contingency(table.to_numpy().T, correction=False)
            drift = pvalue < 0.05
            print(f"{name}: chi2 {chi2:.2f} p {pvalue:.3g} {'DRIFT' if drift else ''}")
        drifted += drift
    print(f"{drifted} of {len(ref.columns)} columns drifted")


if __name__ == "__main__":
    main()
