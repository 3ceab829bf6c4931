"""The C ABI (libZKMLC, Sources/ZKCAPI/include/zkml.h) through ctypes.

Each call sends a JSON request and receives a JSON response that is freed with zkml_free. ctypes
releases the GIL for the length of a foreign call, so other Python threads run while zkml
proves; the progress callback takes the GIL back only for the moment it runs.
"""
from __future__ import annotations

import ctypes
import json
import os
import pathlib
import sys
import threading
from typing import Any, Callable, Dict, Optional, Tuple

from ._errors import ZKMLError, error_from_response

Progress = Callable[[str, float], None]

_PROGRESS = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_double)
_OPERATIONS = ("compile", "setup", "prove", "verify", "mock", "inspect", "export_verifier", "calldata")

OK, NEGATIVE, ERROR, INTERNAL = 0, 1, 2, 3


def library_path() -> str:
    """Where libZKMLC is loaded from: $ZKML_LIBRARY, else the copy bundled with the package."""
    override = os.environ.get("ZKML_LIBRARY")
    if override:
        return override
    here = pathlib.Path(__file__).resolve().parent
    name = "libZKMLC.dylib" if sys.platform == "darwin" else "libZKMLC.so"
    bundled = here / name
    if bundled.exists():
        return str(bundled)
    raise ImportError(f"zkml: {bundled} is missing: install the package with `pip install ./python` from the zkml "
                      "repository (it builds the Swift library), or set ZKML_LIBRARY to a built libZKMLC")


class _Library:
    def __init__(self, path: str) -> None:
        self.path = path
        self.handle = ctypes.CDLL(path)  # CDLL: the GIL is released during every call
        self.handle.zkml_version.restype = ctypes.c_char_p
        self.handle.zkml_version.argtypes = []
        self.handle.zkml_free.restype = None
        self.handle.zkml_free.argtypes = [ctypes.c_void_p]
        self.functions = {}
        for name in _OPERATIONS:
            function = getattr(self.handle, "zkml_" + name)
            function.restype = ctypes.c_int
            function.argtypes = [ctypes.c_char_p, _PROGRESS, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
            self.functions[name] = function

    @property
    def version(self) -> str:
        return self.handle.zkml_version().decode()


_library: Optional[_Library] = None
_lock = threading.Lock()


def library() -> _Library:
    global _library
    with _lock:
        if _library is None:
            _library = _Library(library_path())
        return _library


def call(operation: str, request: Dict[str, Any], progress: Optional[Progress] = None) -> Tuple[int, Dict[str, Any]]:
    """Runs one C call; returns (code, response) for OK and NEGATIVE, raises a ZKMLError otherwise."""
    lib = library()
    body = json.dumps({k: v for k, v in request.items() if v is not None}, allow_nan=False).encode()
    failures: list = []

    def report(_context: Any, phase: bytes, fraction: float) -> None:
        if progress is None or failures:
            return
        try:
            progress(phase.decode(), float(fraction))
        except BaseException as error:  # re-raised once the call returns
            failures.append(error)

    callback = _PROGRESS(report) if progress is not None else _PROGRESS()
    out = ctypes.c_void_p()
    code = lib.functions[operation](body, callback, None, ctypes.byref(out))
    try:
        text = ctypes.string_at(out.value).decode() if out.value else "{}"
    finally:
        lib.handle.zkml_free(out)
    response = json.loads(text)
    if failures:
        raise failures[0]
    if code in (OK, NEGATIVE):
        return code, response
    error = response.get("error")
    if not isinstance(error, dict):
        raise ZKMLError(f"[zkml] zkml_{operation} returned {code} without an error object", code=code)
    raise error_from_response(code, error)
