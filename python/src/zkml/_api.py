"""Models, keys and proofs: the Python face of zkml's workflow (compile → setup → prove → verify).

Every object is backed by the files the command line reads and writes (model.zkml,
settings.json, pk.bin, vk.bin, verification_key.json, proof.json, public.json), so anything done
here can be checked with `zkml verify` or snarkjs, and keys and proofs can be shipped as they are.
Without `out=`, the files go to a temporary workspace that is deleted when the last object using
it is garbage-collected; `save()` copies them somewhere permanent.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import tempfile
import weakref
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _native
from ._errors import UsageError
from ._native import Progress

if TYPE_CHECKING:
    import numpy

PathLike = Union[str, "os.PathLike[str]"]
Inputs = Union[PathLike, Sequence[Any], Mapping[str, Any], Any]

#: Settings `compile` accepts (the flags of `zkml compile`, with underscores).
COMPILE_SETTINGS = frozenset({
    "bits", "scale", "input_bits", "input_scale", "input_visibility", "output_visibility", "param_visibility",
    "input_range_check", "salt", "range_checks", "public_layout",
})


class _Workspace:
    """A directory for files the caller did not place; removed with the last object that uses it."""

    def __init__(self, out: Optional[PathLike], prefix: str) -> None:
        if out is None:
            self.path = pathlib.Path(tempfile.mkdtemp(prefix=prefix))
            self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.path), True)
        else:
            self.path = pathlib.Path(out)
            self.path.mkdir(parents=True, exist_ok=True)

    def fresh(self, stem: str) -> pathlib.Path:
        """A new subdirectory `stem`, `stem-2`, … (one per proof)."""
        for index in range(1, 1_000_000):
            candidate = self.path / (stem if index == 1 else f"{stem}-{index}")
            try:
                candidate.mkdir(parents=True)
                return candidate
            except FileExistsError:
                continue
        raise UsageError(f"[zkml] {self.path}: no free directory name for {stem}")


def _rows(inputs: Inputs, names: Sequence[str]) -> Dict[str, Any]:
    """The request fields for model inputs: a path to an input.json, or values for the graph
    inputs `names`: anything array-like for a one-input model (nested lists and `[x]` flatten to
    the same row), else a sequence in the graph's order or a dict by input name."""
    if isinstance(inputs, (str, os.PathLike)):
        return {"input": os.fspath(inputs)}
    if isinstance(inputs, Mapping):
        missing = [n for n in names if n not in inputs]
        extra = [n for n in inputs if n not in names]
        if missing or extra:
            raise UsageError(f"[zkml] inputs: the model's inputs are {list(names)}; "
                             + (f"missing {missing}" if missing else f"unknown {extra}"))
        values = [inputs[n] for n in names]
    elif len(names) <= 1:
        values = [inputs]
    else:
        if _is_array(inputs) or not isinstance(inputs, Sequence) or len(inputs) != len(names):
            raise UsageError(f"[zkml] inputs: the model has {len(names)} inputs {list(names)}: "
                             "give a list or a dict with one array per input")
        values = list(inputs)
    return {"input_data": [_flat(v) for v in values], "input_name": "inputs"}


def _is_array(value: Any) -> bool:
    return hasattr(value, "__array__") and hasattr(value, "shape")


def _flat(value: Any) -> List[float]:
    """One graph input as a flat, row-major list of floats (numpy arrays, tensors, nested lists)."""
    if hasattr(value, "detach"):  # a torch tensor
        value = value.detach().cpu().numpy()
    if _is_array(value):
        import numpy as np

        return np.asarray(value, dtype=np.float64).ravel(order="C").tolist()
    flat: List[float] = []

    def walk(item: Any) -> None:
        if isinstance(item, (list, tuple)):
            for element in item:
                walk(element)
        elif _is_array(item) or hasattr(item, "detach"):
            flat.extend(_flat(item))
        else:
            flat.append(float(item))

    walk(value)
    return flat


def _calibration(calibration: Any) -> Dict[str, Any]:
    if calibration is None:
        return {}
    if isinstance(calibration, (str, os.PathLike)):
        return {"calibrate": os.fspath(calibration)}
    rows = calibration.detach().cpu().numpy() if hasattr(calibration, "detach") else calibration
    if _is_array(rows):
        import numpy as np

        array = np.asarray(rows, dtype=np.float64)
        samples = array.reshape(1, -1) if array.ndim <= 1 else array.reshape(array.shape[0], -1)
        return {"calibration_data": samples.tolist()}
    return {"calibration_data": [_flat(row) for row in rows]}


class Table(list):
    """Rows (dicts) with a plain-text rendering; `Model.inspect()` returns this when pandas is absent."""

    def __str__(self) -> str:
        if not self:
            return "(empty)"
        columns = list(self[0].keys())
        cells = [[str(row.get(c, "")) for c in columns] for row in self]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
        return "\n".join(lines)

    __repr__ = __str__


def _table(rows: List[Dict[str, Any]]) -> Any:
    """Constraints per node with the columns of `zkml inspect`: node, operator, constraints,
    lookups, integer steps."""
    shaped = [{"kind": row.get("kind", ""), "name": row.get("name", ""), "op_type": row.get("op_type") or "",
               "constraints": row.get("constraints", 0), "lookups": row.get("lookups", 0),
               "steps": " + ".join(row.get("steps", []))} for row in rows]
    try:
        import pandas
    except ImportError:
        return Table(shaped)
    return pandas.DataFrame(shaped, columns=["kind", "name", "op_type", "constraints", "lookups", "steps"])


def compile(model: Union[PathLike, bytes], calibration: Any = None, *, out: Optional[PathLike] = None,
            name: Optional[str] = None, progress: Optional[Progress] = None, **settings: Any) -> "Model":
    """Quantizes an ONNX model and compiles it to a circuit (`zkml compile`).

    `model` is a path to an .onnx file or its bytes. `calibration` (an array of samples, one per
    row, or a path to an EZKL-layout JSON file) sets the activation scales from data instead of
    the defaults. `settings` are `zkml compile`'s flags with underscores: bits, scale, input_bits,
    input_scale, input_visibility ("public", "private", "hashed"), output_visibility,
    param_visibility, input_range_check, salt, range_checks ("auto", "bits", "lookup:W"),
    public_layout ("auto", "packed", "plain"). Files go to `out` (model.zkml, settings.json), or
    to a temporary workspace.
    """
    unknown = sorted(set(settings) - COMPILE_SETTINGS)
    if unknown:
        raise TypeError(f"compile() got an unexpected keyword argument '{unknown[0]}' "
                        f"(settings: {', '.join(sorted(COMPILE_SETTINGS))})")
    workspace = _Workspace(out, "zkml-")
    request = {"out": str(workspace.path), "name": name, **settings, **_calibration(calibration)}
    if isinstance(model, (bytes, bytearray, memoryview)):
        # The bytes go through a private temporary file: model.zkml keeps them, and a failed
        # compile leaves nothing in `out`.
        with tempfile.TemporaryDirectory(prefix="zkml-onnx-") as scratch:
            source = pathlib.Path(scratch) / "model.onnx"
            source.write_bytes(bytes(model))
            _, response = _native.call("compile", {**request, "model": str(source), "name": name or "model.onnx"}, progress)
    else:
        _, response = _native.call("compile", {**request, "model": os.fspath(model)}, progress)
    return Model(response["model"], _workspace=workspace, _summary=response)


def load(path: PathLike) -> "Model":
    """A compiled model from its model.zkml (or the directory holding it)."""
    location = pathlib.Path(path)
    if location.is_dir():
        location = location / "model.zkml"
    if not location.exists():
        raise UsageError(f"[zkml] {location}: no such file (expected a model.zkml from zkml compile)")
    return Model(str(location), _workspace=_Workspace(location.parent, "zkml-"))


def inspect(model: PathLike, **settings: Any) -> Any:
    """Every node of an ONNX model (operator, support, shapes) and the constraints its circuit
    costs under `settings` (those of `compile`), as a table: a pandas DataFrame when pandas is
    installed. The full report is in the table's `attrs["report"]` (DataFrame) or `.report`."""
    _, response = _native.call("inspect", {"model": os.fspath(model), **settings})
    table = _table(response.get("constraints_per_node", []))
    _attach(table, response)
    return table


def _attach(table: Any, report: Dict[str, Any]) -> None:
    if hasattr(table, "attrs"):
        table.attrs["report"] = report
    else:
        table.report = report


class Model:
    """A compiled model: model.zkml (the ONNX bytes, quantization settings and circuit) and
    settings.json. Make one with `zkml.compile`, `zkml.from_sklearn`, `zkml.from_torch` or `zkml.load`."""

    def __init__(self, path: PathLike, *, _workspace: _Workspace, _summary: Optional[Dict[str, Any]] = None) -> None:
        self.path = pathlib.Path(path)
        self._workspace = _workspace
        self.summary: Dict[str, Any] = dict(_summary or {})

    @property
    def directory(self) -> pathlib.Path:
        return self.path.parent

    @property
    def settings(self) -> Dict[str, Any]:
        """settings.json: scales, public signal layout, constraints per node, hashes."""
        return json.loads((self.directory / "settings.json").read_text())

    @property
    def name(self) -> str:
        return str(self.settings["model"]["name"])

    @property
    def constraints(self) -> int:
        return int(self.settings["circuit"]["constraints"])

    @property
    def input_names(self) -> List[str]:
        """The graph's inputs, in order."""
        return [row["name"] for row in self.settings.get("constraints_per_node", []) if row.get("kind") == "input"]

    def __repr__(self) -> str:
        return f"<zkml.Model {self.name!r}: {self.constraints} constraints, {self.path}>"

    def setup(self, *, out: Optional[PathLike] = None, progress: Optional[Progress] = None) -> "Keys":
        """Development Groth16 keys (`zkml setup`): pk.bin, vk.bin and verification_key.json in
        `out` (default: `keys/` in the model's workspace). Whoever runs a setup can forge proofs
        for the circuit; a deployed verifier needs a ceremony (`zkml ceremony`, docs/setup.md)."""
        directory = pathlib.Path(out) if out is not None else self._workspace.path / "keys"
        _, response = _native.call("setup", {"model": str(self.path), "out": str(directory)}, progress)
        return Keys(directory, _workspace=self._workspace, _summary=response)

    def prove(self, inputs: Inputs, keys: "Keys", *, out: Optional[PathLike] = None, salt: Optional[PathLike] = None,
              progress: Optional[Progress] = None) -> "Proof":
        """Runs the model on `inputs` in exact fixed point and proves the result (`zkml prove`).

        `inputs`: a numpy array (or nested list, or torch tensor) for a one-input model, a list
        (graph order) or dict (by name, `input_names`) of them for several, or a path to an EZKL
        input.json; each is flattened row-major. Writes proof.json,
        public.json, output.json (and salt.json for salted digests) to `out`, default a new
        `proof/` directory in the model's workspace. `salt` reuses an earlier salt.json.
        """
        directory = pathlib.Path(out) if out is not None else self._workspace.fresh("proof")
        directory.mkdir(parents=True, exist_ok=True)
        request = {"model": str(self.path), "pk": str(keys.pk), "proof": str(directory / "proof.json"),
                   "public": str(directory / "public.json"), "output": str(directory / "output.json"),
                   "salt": os.fspath(salt) if salt is not None else None, **_rows(inputs, self.input_names)}
        _, response = _native.call("prove", request, progress)
        return Proof(directory, _workspace=self._workspace, _summary=response)

    def mock(self, inputs: Inputs) -> Dict[str, Any]:
        """Checks the witness for `inputs` against the circuit without proving (`zkml mock`):
        `{"satisfied": bool, "constraints": n, "failure": "…", "outputs": [...]}`."""
        _, response = _native.call("mock", {"model": str(self.path), **_rows(inputs, self.input_names)})
        return response

    def inspect(self) -> Any:
        """Constraints per node (a pandas DataFrame when pandas is installed, else a `Table`)."""
        _, response = _native.call("inspect", {"model": str(self.path)})
        table = _table(response.get("constraints_per_node", []))
        _attach(table, response)
        return table

    def save(self, directory: PathLike) -> "Model":
        """Copies model.zkml and settings.json to `directory`; returns the model there."""
        target = pathlib.Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        for file in ("model.zkml", "settings.json"):
            shutil.copy2(self.directory / file, target / file)
        return Model(target / "model.zkml", _workspace=_Workspace(target, "zkml-"), _summary=self.summary)


def load_keys(directory: PathLike) -> "Keys":
    """Keys written by `zkml setup` (or `Keys.save`): a directory with pk.bin, vk.bin and verification_key.json."""
    location = pathlib.Path(directory)
    if not (location / "verification_key.json").exists() and not (location / "vk.bin").exists():
        raise UsageError(f"[zkml] {location}: no verification_key.json or vk.bin (expected the directory zkml setup wrote)")
    return Keys(location, _workspace=_Workspace(location, "zkml-"))


class Keys:
    """Groth16 keys: pk.bin (proving), vk.bin and verification_key.json (verifying, snarkjs layout)."""

    def __init__(self, directory: PathLike, *, _workspace: _Workspace, _summary: Optional[Dict[str, Any]] = None) -> None:
        self.directory = pathlib.Path(directory)
        self._workspace = _workspace
        self.summary: Dict[str, Any] = dict(_summary or {})

    @property
    def pk(self) -> pathlib.Path:
        return self.directory / "pk.bin"

    @property
    def vk(self) -> pathlib.Path:
        """The verifying key to hand out: verification_key.json (snarkjs layout plus the model's identity)."""
        json_key = self.directory / "verification_key.json"
        return json_key if json_key.exists() else self.directory / "vk.bin"

    @property
    def verification_key(self) -> Dict[str, Any]:
        return json.loads((self.directory / "verification_key.json").read_text())

    def __repr__(self) -> str:
        return f"<zkml.Keys {self.directory}>"

    def solidity_verifier(self, path: Optional[PathLike] = None, *, lang: str = "solidity", with_oracle: bool = False,
                          size_check: bool = True) -> str:
        """The EVM verifier contract for these keys (`zkml export-verifier`), as source text;
        also written to `path` when given. `lang="vyper"` for Vyper."""
        target = pathlib.Path(path) if path is not None else self._workspace.fresh("verifier") / (
            "Verifier.vy" if lang == "vyper" else "Verifier.sol")
        _native.call("export_verifier", {"vk": str(self.vk), "out": str(target), "lang": lang,
                                         "with_oracle": with_oracle, "no_size_check": not size_check})
        return target.read_text()

    def save(self, directory: PathLike) -> "Keys":
        target = pathlib.Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        for file in ("pk.bin", "vk.bin", "verification_key.json"):
            if (self.directory / file).exists():
                shutil.copy2(self.directory / file, target / file)
        return Keys(target, _workspace=_Workspace(target, "zkml-"), _summary=self.summary)


def load_proof(proof: PathLike, public: Optional[PathLike] = None) -> "Proof":
    """A proof from its proof.json (public.json beside it unless given), or the directory holding both."""
    location = pathlib.Path(proof)
    directory = location if location.is_dir() else location.parent
    proof_path = location / "proof.json" if location.is_dir() else location
    public_path = pathlib.Path(public) if public is not None else directory / "public.json"
    for file in (proof_path, public_path):
        if not file.exists():
            raise UsageError(f"[zkml] {file}: no such file")
    return Proof(directory, _workspace=_Workspace(directory, "zkml-"), _proof=proof_path, _public=public_path)


class Proof:
    """A proof and its public signals (snarkjs's proof.json and public.json), with the model's
    outputs when it was just proved."""

    def __init__(self, directory: PathLike, *, _workspace: _Workspace, _summary: Optional[Dict[str, Any]] = None,
                 _proof: Optional[PathLike] = None, _public: Optional[PathLike] = None) -> None:
        self.directory = pathlib.Path(directory)
        self._workspace = _workspace
        self.summary: Dict[str, Any] = dict(_summary or {})
        self.proof_path = pathlib.Path(_proof) if _proof is not None else self.directory / "proof.json"
        self.public_path = pathlib.Path(_public) if _public is not None else self.directory / "public.json"

    def __repr__(self) -> str:
        return f"<zkml.Proof {self.proof_path}>"

    @property
    def output_names(self) -> List[str]:
        return list(self.summary.get("output_names", []))

    @property
    def outputs(self) -> List["numpy.ndarray"]:
        """The model's outputs, de-quantized (float64), in their ONNX shapes."""
        import numpy as np

        return [np.asarray(values, dtype=np.float64).reshape(shape)
                for values, shape in zip(self.summary.get("outputs", []), self.summary.get("output_shapes", []))]

    @property
    def output_integers(self) -> List["numpy.ndarray"]:
        """The outputs as the circuit computed them: exact integers at `output_scales` (value = integer · 2^-scale)."""
        import numpy as np

        return [np.asarray(values, dtype=np.int64).reshape(shape)
                for values, shape in zip(self.summary.get("output_integers", []), self.summary.get("output_shapes", []))]

    @property
    def output_scales(self) -> List[int]:
        return list(self.summary.get("output_scales", []))

    @property
    def public_signals(self) -> List[str]:
        """public.json: the statement's signals as decimal strings."""
        return list(json.loads(self.public_path.read_text()))

    def to_json(self) -> str:
        """proof.json (snarkjs layout)."""
        return self.proof_path.read_text()

    def verify(self, keys: Union[Keys, PathLike], *, input: Optional[PathLike] = None, output: Optional[PathLike] = None,
               salt: Optional[PathLike] = None) -> bool:
        """Whether the proof is valid for `keys` (Keys, or a verification_key.json / vk.bin path).
        `input`/`output` also check an input.json / output.json against the proof. The full
        report (reason, model, decoded outputs, bindings) is `last_verification`."""
        vk = keys.vk if isinstance(keys, Keys) else pathlib.Path(keys)
        request = {"vk": str(vk), "proof": str(self.proof_path), "public": str(self.public_path),
                   "input": os.fspath(input) if input is not None else None,
                   "output": os.fspath(output) if output is not None else None,
                   "salt": os.fspath(salt) if salt is not None else None}
        code, response = _native.call("verify", request)
        self.last_verification = response
        return code == _native.OK and bool(response.get("valid"))

    def calldata(self, *, packed: bool = False, keys: Optional[Keys] = None) -> str:
        """The verifier's verifyProof call data as 0x hex (`zkml calldata`); `packed=True` with
        `keys` for verifyPackedProof (the signals packed with the key's layout)."""
        request = {"proof": str(self.proof_path), "public": str(self.public_path), "packed": packed,
                   "vk": str(keys.vk) if keys is not None else None}
        _, response = _native.call("calldata", request)
        return str(response["hex"])

    def calldata_arguments(self) -> List[Any]:
        """[a, b, c, (commitment,) signals] as decimal strings, in the order verifyProof takes them."""
        _, response = _native.call("calldata", {"proof": str(self.proof_path), "public": str(self.public_path)})
        return list(response["arguments"])

    def save(self, directory: PathLike) -> "Proof":
        target = pathlib.Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        for file in (self.proof_path, self.public_path, self.directory / "output.json", self.directory / "salt.json"):
            if file.exists():
                shutil.copy2(file, target / file.name)
        return Proof(target, _workspace=_Workspace(target, "zkml-"), _summary=self.summary)
