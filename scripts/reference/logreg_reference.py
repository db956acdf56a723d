#!/usr/bin/env python3
"""Independent reference for sparksim's logistic regression on a real CSV data set.

Minimises exactly the objective of sparksim's LogisticRegressionTrainer (and of the
`logistic-regression` workload in docs/scenario.md):

    f(w, c) = mean_i log(1 + exp(-s_i (x_i . w + c))) + reg/2 * |w|^2,   s_i = 2 y_i - 1

(intercept c not penalised, features used as given, no standardisation) with SciPy's
L-BFGS-B at very tight tolerances, and prints JSON that the Swift tests compare against
without running Python (Tests/WorkloadsTests/Fixtures/logreg-reference.json).

Usage (from the repository root):
    python3 scripts/reference/logreg_reference.py scenarios/data/banknote.csv class \
        > Tests/WorkloadsTests/Fixtures/logreg-reference.json
"""
import csv
import json
import sys

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import expit

REG_PARAMS = [0.01, 0.0]  # banknote is not separable: reg 0 has a finite optimum


def load(path, label):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    j = header.index(label)
    names = [name for k, name in enumerate(header) if k != j]
    x = np.array([[float(v) for k, v in enumerate(r) if k != j] for r in body])
    y = np.array([float(r[j]) for r in body])
    return names, x, y


def objective(theta, x, y, reg):
    """Value and gradient; log1p(exp(-|z|)) form, as the Swift code."""
    w, c = theta[:-1], theta[-1]
    z = x @ w + c
    margin = (2 * y - 1) * z
    loss = np.maximum(-margin, 0) + np.log1p(np.exp(-np.abs(margin)))
    n = len(y)
    value = loss.mean() + 0.5 * reg * w @ w
    residual = expit(z) - y
    grad = np.empty_like(theta)
    grad[:-1] = x.T @ residual / n + reg * w
    grad[-1] = residual.mean()
    return value, grad


def fit(x, y, reg):
    theta0 = np.zeros(x.shape[1] + 1)
    result = minimize(objective, theta0, args=(x, y, reg), jac=True, method="L-BFGS-B",
                      options={"maxiter": 100000, "maxfun": 100000, "ftol": 1e-15,
                               "gtol": 1e-12, "maxcor": 30})
    value, grad = objective(result.x, x, y, reg)
    accuracy = float(np.mean((x @ result.x[:-1] + result.x[-1] > 0) == (y == 1)))
    return {"reg_param": reg, "objective": float(value), "weights": [float(v) for v in result.x[:-1]],
            "intercept": float(result.x[-1]), "gradient_norm": float(np.linalg.norm(grad)),
            "accuracy": accuracy, "iterations": int(result.nit), "message": str(result.message)}


def main():
    path, label = sys.argv[1], sys.argv[2]
    names, x, y = load(path, label)
    out = {
        "command": "python3 scripts/reference/logreg_reference.py " + " ".join(sys.argv[1:]),
        "data": path, "label": label, "features": names, "rows": int(len(y)),
        "scipy_version": scipy.__version__, "numpy_version": np.__version__,
        "method": "scipy.optimize.minimize L-BFGS-B, ftol 1e-15, gtol 1e-12, maxcor 30",
        "objective_definition": "mean log-loss + reg_param/2 * |w|^2, intercept not penalised",
        "fits": [fit(x, y, reg) for reg in REG_PARAMS],
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
