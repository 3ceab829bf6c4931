#!/usr/bin/env python3
"""A tree model on raw features of very different magnitudes, with a 24-bit and a 32-bit input.

scikit-learn's breast-cancer data (569 rows, 30 features from 0.02 to 4,254), a 12-tree
`XGBClassifier`, exported by `zkml.from_xgboost` and calibrated on every row: once with
`input_bits=24` (the activation width, what an input got before) and once with the default (an
input only tree ensembles read is 32-bit). For every third row `Model.mock` gives the circuit's
probabilities, compared with `predict_proba`. Prints one JSON object per setting.

    pip install -r python/requirements-tests.txt   # xgboost-cpu, onnxmltools, scikit-learn
    PYTHONPATH=python/src ZKML_LIBRARY=.build/release/libZKMLC.so python3 Benchmarks/python/tree_input_width.py
"""
from __future__ import annotations

import json
import warnings

import numpy as np
import xgboost
from sklearn.datasets import load_breast_cancer

import zkml


def main() -> None:
    warnings.filterwarnings("ignore")
    X, y = load_breast_cancer(return_X_y=True)
    X = X.astype(np.float32)
    classifier = xgboost.XGBClassifier(n_estimators=12, max_depth=3, random_state=0, n_jobs=1).fit(X, y)
    expected = classifier.predict_proba(X)
    rows = range(0, len(X), 3)
    for name, settings in [("24-bit input", {"input_bits": 24}), ("default (32-bit input)", {})]:
        model = zkml.from_xgboost(classifier, X, **settings)
        errors = []
        for row in rows:
            outputs = model.mock(X[row])["outputs"]
            probabilities = np.asarray(outputs[1]["data"] if isinstance(outputs[1], dict) else outputs[1]).ravel()
            errors.append(float(np.abs(probabilities - expected[row]).max()))
        print(json.dumps({"setting": name, "constraints": model.constraints, "rows": len(errors),
                          "rows_off_by_more_than_0.01": sum(e > 0.01 for e in errors), "largest_error": max(errors)}))


if __name__ == "__main__":
    main()
