"""The C ABI from C: zkml.h compiles, responses are owned by the caller and freed with zkml_free,
errors come back as codes and [module] messages."""
from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest

import zkml
from conftest import ROOT

PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include "zkml.h"

static int phases = 0;
static void progress(void *context, const char *phase, double fraction) { (void)phase; (void)fraction; ++*(int *)context; }

int main(int argc, char **argv) {
    char *response = NULL;
    char request[4096];
    printf("version %s\n", zkml_version());
    int code = zkml_compile("{\"model\": \"/nonexistent.onnx\", \"out\": \"x\"}", NULL, NULL, &response);
    printf("missing %d %s\n", code, response);
    zkml_free(response);
    code = zkml_compile("{\"model\": 3}", NULL, NULL, &response);
    printf("mistyped %d %s\n", code, response);
    zkml_free(response);
    code = zkml_compile("not json", NULL, NULL, NULL);  /* response discarded */
    printf("invalid %d\n", code);
    snprintf(request, sizeof request, "{\"model\": \"%s\", \"out\": \"%s\"}", argv[1], argv[2]);
    code = zkml_compile(request, progress, &phases, &response);
    printf("compiled %d phases %d %.20s\n", code, phases, response);
    zkml_free(response);
    zkml_free(NULL);
    return 0;
}
"""


def test_c_program_calls_the_library(tmp_path: pathlib.Path) -> None:
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        pytest.skip("no C compiler")
    library = pathlib.Path(zkml.library_path())
    header = library.parent / "zkml.h"
    include = header.parent if header.exists() else ROOT / "Sources" / "ZKCAPI" / "include"
    source = tmp_path / "main.c"
    source.write_text(PROGRAM)
    binary = tmp_path / "main"
    subprocess.run([compiler, "-std=c11", "-Wall", "-Werror", "-I", str(include), str(source), str(library),
                    f"-Wl,-rpath,{library.parent}", "-o", str(binary)], check=True)
    result = subprocess.run([str(binary), str(ROOT / "Circuits" / "mlp_digits" / "network.onnx"), str(tmp_path / "out")],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0] == f"version {zkml.version()}"
    assert lines[1].startswith("missing 2 ") and "[zkml] /nonexistent.onnx: cannot read" in lines[1]
    assert lines[2].startswith("mistyped 2 ") and "request field 'model': expected a string" in lines[2]
    assert lines[3] == "invalid 2"
    assert lines[4].startswith("compiled 0 phases 2 {")
    assert (tmp_path / "out" / "model.zkml").exists()
