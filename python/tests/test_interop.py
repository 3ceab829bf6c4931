"""A scikit-learn, XGBoost, LightGBM or PyTorch model exported and proved (skipped when the package
is not installed)."""
from __future__ import annotations

import numpy as np
import pytest

import zkml


def test_sklearn_classifier_proves_and_matches_predict_proba(tmp_path) -> None:
    pytest.importorskip("skl2onnx")
    datasets = pytest.importorskip("sklearn.datasets")
    linear = pytest.importorskip("sklearn.linear_model")
    X, y = datasets.load_iris(return_X_y=True)
    classifier = linear.LogisticRegression(max_iter=500).fit(X, y)
    model = zkml.from_sklearn(classifier, X, out=tmp_path / "model")
    keys = model.setup()
    proof = model.prove(X[7], keys)
    assert proof.verify(keys)
    outputs = dict(zip(proof.output_names, proof.outputs))
    label = next(v for n, v in outputs.items() if "label" in n)
    probabilities = next(v for n, v in outputs.items() if "prob" in n)
    assert int(label.ravel()[0]) == int(classifier.predict(X[7:8])[0])
    assert np.abs(probabilities.ravel() - classifier.predict_proba(X[7:8]).ravel()).max() < 0.01


def test_sklearn_tree_ensemble_proves(tmp_path) -> None:
    pytest.importorskip("skl2onnx")
    datasets = pytest.importorskip("sklearn.datasets")
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = datasets.load_breast_cancer(return_X_y=True)
    forest = ensemble.RandomForestClassifier(n_estimators=8, max_depth=4, random_state=0).fit(X, y)
    model = zkml.from_sklearn(forest, X)
    keys = model.setup()
    for row in (0, 100, 300):
        proof = model.prove(X[row], keys)
        assert proof.verify(keys)
        label = next(v for n, v in zip(proof.output_names, proof.outputs) if "label" in n)
        assert int(label.ravel()[0]) == int(forest.predict(X[row:row + 1])[0])


@pytest.mark.parametrize("library", ["xgboost", "lightgbm"])
def test_gradient_boosting_proves_and_matches_predict(library, tmp_path) -> None:
    """XGBoost and LightGBM through onnxmltools: a binary classifier (labels and probabilities as
    the library's) and a regressor, proved and verified."""
    package = pytest.importorskip(library)
    pytest.importorskip("onnxmltools")
    datasets = pytest.importorskip("sklearn.datasets")
    X, y = datasets.load_breast_cancer(return_X_y=True)
    X = X.astype(np.float32)
    if library == "xgboost":
        classifier = package.XGBClassifier(n_estimators=12, max_depth=3, random_state=0, n_jobs=1).fit(X, y)
        regressor = package.XGBRegressor(n_estimators=8, max_depth=3, random_state=0, n_jobs=1).fit(X, X[:, 0] * 2 + X[:, 3] / 100)
        export = zkml.from_xgboost
    else:
        options = dict(num_leaves=8, random_state=0, n_jobs=1, verbose=-1, deterministic=True)
        classifier = package.LGBMClassifier(n_estimators=12, **options).fit(X, y)
        regressor = package.LGBMRegressor(n_estimators=8, **options).fit(X, X[:, 0] * 2 + X[:, 3] / 100)
        export = zkml.from_lightgbm
    model = export(classifier, X, out=tmp_path / "classifier")
    keys = model.setup()
    for row in (0, 40, 300):
        proof = model.prove(X[row], keys)
        assert proof.verify(keys)
        outputs = dict(zip(proof.output_names, proof.outputs))
        label = next(v for n, v in outputs.items() if "label" in n)
        probabilities = next(v for n, v in outputs.items() if "prob" in n)
        assert int(label.ravel()[0]) == int(classifier.predict(X[row:row + 1])[0])
        assert np.abs(probabilities.ravel() - classifier.predict_proba(X[row:row + 1]).ravel()).max() < 0.01
    model = export(regressor, X)
    keys = model.setup()
    proof = model.prove(X[5], keys)
    assert proof.verify(keys)
    expected = float(regressor.predict(X[5:6])[0])
    assert abs(float(proof.outputs[0].ravel()[0]) - expected) < 0.01 * max(1.0, abs(expected))


def test_gradient_boosting_without_onnxmltools_names_the_extra(monkeypatch) -> None:
    import builtins
    real = builtins.__import__

    def refuse(name, *arguments, **options):
        if name.startswith("onnxmltools"):
            raise ImportError("no onnxmltools")
        return real(name, *arguments, **options)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(ImportError, match=r"\./python\[lightgbm\]"):
        zkml.from_lightgbm(object(), np.zeros((2, 3)))
    with pytest.raises(ImportError, match=r"\./python\[xgboost\]"):
        zkml.from_xgboost(object(), np.zeros((2, 3)))


def test_torch_module_proves(tmp_path) -> None:
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    torch.manual_seed(0)
    module = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3), torch.nn.Sigmoid())
    example = torch.randn(1, 8)
    model = zkml.from_torch(module, example, calibration=torch.randn(32, 8))
    keys = model.setup()
    proof = model.prove(example, keys)
    assert proof.verify(keys)
    expected = module(example).detach().numpy()
    assert np.abs(proof.outputs[0] - expected).max() < 0.01


def test_from_torch_glue_with_a_stand_in_exporter(monkeypatch, tmp_path) -> None:
    """zkml.from_torch's own code (eval mode, the export call and its fallback for torch without
    `dynamo=`, tensors as calibration and inputs) against a stand-in `torch` whose exporter writes
    a bundled ONNX file. The real exporter is covered by test_torch_module_proves where torch is installed."""
    import contextlib
    import json
    import sys
    import types

    from conftest import ROOT

    onnx = (ROOT / "Circuits" / "mlp_digits" / "network.onnx").read_bytes()
    calls = []

    def export(module, arguments, buffer, **options):
        calls.append(options)
        if "dynamo" in options:
            raise TypeError("export() got an unexpected keyword argument 'dynamo'")  # torch < 2.5
        buffer.write(onnx)

    class Tensor:
        def __init__(self, values):
            self.values = np.asarray(values, dtype=np.float32)

        def detach(self):
            return self

        def cpu(self):
            return self

        def numpy(self):
            return self.values

    class Module:
        evaluated = False

        def eval(self):
            self.evaluated = True
            return self

    fake = types.ModuleType("torch")
    fake.onnx = types.SimpleNamespace(export=export)
    fake.no_grad = contextlib.nullcontext
    monkeypatch.setitem(sys.modules, "torch", fake)
    rows = json.loads((ROOT / "Circuits" / "mlp_digits" / "input.json").read_text())["input_data"]
    module = Module()
    model = zkml.from_torch(module, Tensor([rows[0]]), calibration=Tensor(np.tile(rows[0], (4, 1))), out=tmp_path / "m")
    assert module.evaluated and calls[0]["dynamo"] is False and "dynamo" not in calls[1] and calls[1]["opset_version"] == 17
    assert model.settings["calibration"]["rows"] == 4
    keys = model.setup()
    proof = model.prove(Tensor([rows[0]]), keys)
    assert proof.verify(keys)
