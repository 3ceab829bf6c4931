"""Builds the Swift library (libZKMLC) and bundles it into the package.

`pip install ./python` runs this in-tree: `swift build -c release --product ZKMLC` in the
repository root (the parent of this directory, or ZKML_SOURCE_ROOT), then copies the library and
its C header next to the Python sources. ZKML_SWIFT_BUILD_FLAGS replaces `-c release` (the test
script passes the test build's flags so its products are reused, not rebuilt).
"""
import os
import pathlib
import shlex
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = pathlib.Path(__file__).resolve().parent


def _library_name() -> str:
    return "libZKMLC.dylib" if sys.platform == "darwin" else "libZKMLC.so"


class BuildSwiftLibrary(build_py):
    """build_py that first builds libZKMLC with SwiftPM and copies it into the package."""

    def run(self) -> None:
        root = pathlib.Path(os.environ.get("ZKML_SOURCE_ROOT", HERE.parent)).resolve()
        if not (root / "Package.swift").exists():
            raise SystemExit(f"zkml: {root}/Package.swift not found: build from the zkml repository "
                             "(pip install ./python) or set ZKML_SOURCE_ROOT")
        flags = shlex.split(os.environ.get("ZKML_SWIFT_BUILD_FLAGS", "-c release"))
        command = ["swift", "build", "--package-path", str(root), *flags, "--product", "ZKMLC"]
        print("zkml: " + " ".join(command), flush=True)
        subprocess.run(command, check=True)
        binaries = subprocess.run(["swift", "build", "--package-path", str(root), *flags, "--show-bin-path"],
                                  check=True, capture_output=True, text=True).stdout.strip()
        library = pathlib.Path(binaries) / _library_name()
        if not library.exists():
            raise SystemExit(f"zkml: {library} was not built")
        super().run()
        target = pathlib.Path(self.build_lib) / "zkml"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(library, target / _library_name())
        shutil.copy2(root / "Sources" / "ZKCAPI" / "include" / "zkml.h", target / "zkml.h")


class BinaryDistribution(Distribution):
    """A platform wheel: the package carries a native library."""

    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildSwiftLibrary}, distclass=BinaryDistribution)
