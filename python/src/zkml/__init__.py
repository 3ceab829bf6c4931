"""zkml: zero-knowledge proofs of ML inference (Groth16 over BN254), from Python.

    import zkml
    model = zkml.from_sklearn(classifier, X_train)      # or zkml.compile("model.onnx"), zkml.from_torch(...)
    keys = model.setup()
    proof = model.prove(X_test[:1], keys)
    assert proof.verify(keys)
    solidity = keys.solidity_verifier()

The package calls zkml's Swift library (libZKMLC) through its C ABI: the same operations, files
and messages as the `zkml` command line. See docs/python.md.
"""
from ._api import Keys, Model, Proof, Table, compile, inspect, load, load_keys, load_proof
from ._errors import EVMError, InternalError, ModelError, ProofError, UsageError, ZKMLError
from ._interop import from_lightgbm, from_sklearn, from_torch, from_xgboost
from ._native import library_path


def version() -> str:
    """The version of the zkml library loaded (libZKMLC)."""
    from ._native import library

    return library().version


__all__ = [
    "compile", "load", "load_keys", "load_proof", "inspect", "from_sklearn", "from_xgboost", "from_lightgbm", "from_torch", "version", "library_path",
    "Model", "Keys", "Proof", "Table",
    "ZKMLError", "UsageError", "ModelError", "ProofError", "EVMError", "InternalError",
]
__version__ = "0.1.0"
