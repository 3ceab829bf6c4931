"""Exceptions: every library error arrives as one of these, carrying zkml's `[module] message`."""
from __future__ import annotations


class ZKMLError(Exception):
    """An error reported by zkml. `str(error)` is the `[module] message` line the command line
    prints; `module` is the module that raised it (`quant`, `groth16`…) and `code` the command
    line's exit code (2 usage/file/model/input error, 3 internal inconsistency)."""

    def __init__(self, message: str, module: str = "zkml", code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.module = module
        self.code = code


class UsageError(ZKMLError):
    """A file, argument or input zkml cannot use (`[zkml] …`): a missing file, an input of the
    wrong size, an unknown setting."""


class ModelError(ZKMLError):
    """A model zkml cannot import, quantize or compile (`[onnx]`, `[quant]`, `[compiler]`), or an
    activation that leaves its range at prove time; the message names the ONNX node."""


class ProofError(ZKMLError):
    """A key, proof or circuit file that is malformed or belongs to another circuit (`[groth16]`,
    `[constraints]`, `[pipeline]`…)."""


class EVMError(ZKMLError):
    """A verifying key the EVM verifier cannot take, or calldata that cannot be encoded (`[solidity]`)."""


class InternalError(ZKMLError):
    """An internal inconsistency (a circuit that disagrees with the inference): a zkml bug, please report it."""


_BY_MODULE = {
    "zkml": UsageError,
    "onnx": ModelError,
    "quant": ModelError,
    "compiler": ModelError,
    "circuits": ProofError,
    "constraints": ProofError,
    "groth16": ProofError,
    "curves": ProofError,
    "pipeline": ProofError,
    "solidity": EVMError,
}


def error_from_response(code: int, error: dict) -> ZKMLError:
    """The exception for an error response `{"module", "message", "code"}`."""
    module = str(error.get("module", "zkml"))
    message = str(error.get("message", "[zkml] unknown error"))
    kind = InternalError if code == 3 else _BY_MODULE.get(module, ZKMLError)
    return kind(message, module=module, code=code)
