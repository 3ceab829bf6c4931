"""Export helpers: a trained scikit-learn estimator, XGBoost or LightGBM model, or PyTorch module to
ONNX, then `zkml.compile`.

Each needs its optional packages (`pip install "./python[sklearn]"`, `"./python[xgboost]"`,
`"./python[lightgbm]"` or `"./python[torch]"`); zkml itself never does.
"""
from __future__ import annotations

import io
from typing import Any, Optional

from ._api import Model, PathLike, compile
from ._native import Progress


def from_sklearn(estimator: Any, X: Any, *, calibrate: bool = True, out: Optional[PathLike] = None,
                 progress: Optional[Progress] = None, **settings: Any) -> Model:
    """Exports a fitted scikit-learn estimator (or pipeline) with skl2onnx and compiles it.

    `X` is sample data (n_samples × n_features): its first row fixes the input type and, with
    `calibrate` (default), all rows calibrate the activation scales. Classifiers are exported
    without ZipMap (the label and the probability tensor as plain outputs). `settings` are those
    of `zkml.compile`.
    """
    try:
        from skl2onnx import to_onnx
    except ImportError as error:
        raise ImportError("zkml.from_sklearn needs scikit-learn and skl2onnx: pip install \"./python[sklearn]\"") from error
    samples = _samples(X)
    options = {id(estimator): {"zipmap": False}} if hasattr(estimator, "predict_proba") else None
    onnx_model = to_onnx(estimator, samples[:1], options=options, target_opset=None)
    name = type(estimator).__name__ + ".onnx"
    return compile(onnx_model.SerializeToString(), samples if calibrate else None, out=out, name=name,
                   progress=progress, **settings)


def _samples(X: Any) -> Any:
    import numpy as np
    samples = np.asarray(X, dtype=np.float32)
    return samples.reshape(1, -1) if samples.ndim == 1 else samples


def _from_gradient_boosting(kind: str, model: Any, X: Any, calibrate: bool, out: Optional[PathLike],
                            progress: Optional[Progress], settings: Any) -> Model:
    """onnxmltools' `convert_xgboost` or `convert_lightgbm` (ai.onnx.ml TreeEnsemble*), then compile."""
    try:
        import onnxmltools
        from onnxmltools.convert.common.data_types import FloatTensorType
    except ImportError as error:
        raise ImportError(f"zkml.from_{kind} needs {kind} and onnxmltools: pip install \"./python[{kind}]\"") from error
    samples = _samples(X)
    initial_types = [("input", FloatTensorType([None, samples.shape[1]]))]
    # onnxmltools converts to opset 15 at most; classifiers without ZipMap (plain tensors).
    if kind == "xgboost":
        onnx_model = onnxmltools.convert_xgboost(model, initial_types=initial_types, target_opset=15)
    else:
        options = {"zipmap": False} if hasattr(model, "predict_proba") else {}
        onnx_model = onnxmltools.convert_lightgbm(model, initial_types=initial_types, target_opset=15, **options)
    name = type(model).__name__ + ".onnx"
    return compile(onnx_model.SerializeToString(), samples if calibrate else None, out=out, name=name,
                   progress=progress, **settings)


def from_xgboost(model: Any, X: Any, *, calibrate: bool = True, out: Optional[PathLike] = None,
                 progress: Optional[Progress] = None, **settings: Any) -> Model:
    """Exports a trained XGBoost model (`XGBClassifier`, `XGBRegressor`: the scikit-learn API, what
    the tests cover) with onnxmltools and compiles it.

    `X` is sample data (n_samples × n_features): its width fixes the input and, with `calibrate`
    (default), its rows calibrate the scales; the input then keeps a resolution finer than the gaps
    between split thresholds and data. A classifier's outputs are the label and the probability
    tensor. `settings` are those of `zkml.compile`.
    """
    return _from_gradient_boosting("xgboost", model, X, calibrate, out, progress, settings)


def from_lightgbm(model: Any, X: Any, *, calibrate: bool = True, out: Optional[PathLike] = None,
                  progress: Optional[Progress] = None, **settings: Any) -> Model:
    """Exports a trained LightGBM model (`LGBMClassifier`, `LGBMRegressor`) with onnxmltools
    (classifiers without ZipMap) and compiles it; `X` as in `from_xgboost`."""
    return _from_gradient_boosting("lightgbm", model, X, calibrate, out, progress, settings)


def from_torch(module: Any, example_input: Any, *, calibration: Any = None, out: Optional[PathLike] = None,
               opset: int = 17, progress: Optional[Progress] = None, **settings: Any) -> Model:
    """Exports a PyTorch module with `torch.onnx.export` (evaluation mode, `example_input` fixing
    the input shape, opset 17 by default) and compiles it. `calibration` (samples, one per row)
    calibrates the activation scales; `settings` are those of `zkml.compile`."""
    try:
        import torch
    except ImportError as error:
        raise ImportError("zkml.from_torch needs PyTorch: pip install \"./python[torch]\"") from error
    module = module.eval()
    buffer = io.BytesIO()
    arguments = dict(opset_version=opset, input_names=["input"], output_names=["output"])
    with torch.no_grad():
        try:
            # The TorchScript exporter: a plain graph of ONNX operators at `opset`. torch ≥ 2.9
            # defaults to the dynamo exporter (it needs onnxscript); before 2.5 there is no choice.
            torch.onnx.export(module, (example_input,), buffer, dynamo=False, **arguments)
        except TypeError as error:
            if "dynamo" not in str(error):
                raise
            buffer = io.BytesIO()
            torch.onnx.export(module, (example_input,), buffer, **arguments)
    name = type(module).__name__ + ".onnx"
    return compile(buffer.getvalue(), calibration, out=out, name=name, progress=progress, **settings)
