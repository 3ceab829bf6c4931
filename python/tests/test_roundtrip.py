"""compile → setup → prove → verify from Python on the bundled models, against the command line."""
from __future__ import annotations

import json
import os
import pathlib

import numpy as np
import pytest

import zkml
from conftest import ROOT, run_cli

FULL = os.environ.get("ZKML_TEST_LEVEL") == "full"
BUNDLED = ["mlp_digits", "mlp_norm_digits", "cnn_digits", "fraud_gbt"] + (["mlp784", "lenet_digits28", "every_op", "gpt_tiny"] if FULL else [])


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_model_round_trip_equals_zkml_infer(name: str, tmp_path: pathlib.Path, cli: pathlib.Path) -> None:
    directory = ROOT / "Circuits" / name
    rows = json.loads((directory / "input.json").read_text())["input_data"]
    model = zkml.compile(directory / "network.onnx", out=tmp_path / "model")
    keys = model.setup(out=tmp_path / "keys")
    proof = model.prove([np.asarray(row) for row in rows], keys)
    assert proof.verify(keys), proof.last_verification

    # The outputs are zkml infer's, bit for bit (integers and de-quantized values).
    infer = run_cli(cli, "infer", str(directory / "network.onnx"), "--input", str(directory / "input.json"))
    assert infer.returncode == 0, infer.stderr
    document = json.loads(infer.stdout)
    assert [a.ravel().tolist() for a in proof.output_integers] == document["output_integers"]
    assert [a.ravel().tolist() for a in proof.outputs] == document["output_data"]
    assert proof.output_scales == document["output_scales"]
    assert [list(a.shape) for a in proof.outputs] == document["output_shapes"]

    # And the command line accepts the Python proof.
    checked = run_cli(cli, "verify", "--vk", str(keys.vk), "--proof", str(proof.proof_path), "--public", str(proof.public_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_files_are_the_command_lines(digits, tmp_path: pathlib.Path, cli: pathlib.Path) -> None:
    model, keys, proof, rows = digits
    assert model.path.name == "model.zkml" and (model.directory / "settings.json").exists()
    assert {p.name for p in keys.directory.iterdir()} >= {"pk.bin", "vk.bin", "verification_key.json"}
    assert json.loads(proof.to_json())["protocol"].startswith("groth16")  # groth16_commit with lookups
    assert proof.public_signals == json.loads(proof.public_path.read_text())

    # calldata and the Solidity verifier are the command line's, byte for byte.
    calldata = run_cli(cli, "calldata", "--proof", str(proof.proof_path), "--public", str(proof.public_path))
    assert calldata.returncode == 0, calldata.stderr
    assert proof.calldata() == calldata.stdout.strip()
    arguments = run_cli(cli, "calldata", "--proof", str(proof.proof_path), "--public", str(proof.public_path), "--json")
    assert proof.calldata_arguments() == json.loads(arguments.stdout)
    exported = tmp_path / "Verifier.sol"
    result = run_cli(cli, "export-verifier", "--vk", str(keys.vk), "--out", str(exported))
    assert result.returncode == 0, result.stderr
    assert keys.solidity_verifier() == exported.read_text()
    vyper = keys.solidity_verifier(tmp_path / "Verifier.vy", lang="vyper")
    assert "def verifyProof" in vyper and (tmp_path / "Verifier.vy").read_text() == vyper


def test_verify_checks_input_and_output_files(digits, tmp_path: pathlib.Path) -> None:
    model, keys, proof, rows = digits
    assert proof.verify(keys, input=ROOT / "Circuits" / "mlp_digits" / "input.json", output=proof.directory / "output.json")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"input_data": [[v + 1 for v in rows[0]]]}))
    assert not proof.verify(keys, input=other)
    assert "input" in proof.last_verification["reason"]


def test_workspace_defaults_and_reload(tmp_path: pathlib.Path) -> None:
    model = zkml.compile((ROOT / "Circuits" / "mlp_digits" / "network.onnx").read_bytes(), name="digits.onnx")
    assert model.name == "mlp_digits" and model.constraints > 0
    keys = model.setup()
    rows = json.loads((ROOT / "Circuits" / "mlp_digits" / "input.json").read_text())["input_data"]
    first, second = model.prove(rows[0], keys), model.prove(ROOT / "Circuits" / "mlp_digits" / "input.json", keys)
    assert first.directory != second.directory
    assert [a.tolist() for a in first.output_integers] == [a.tolist() for a in second.output_integers]
    # Saved copies outlive the temporary workspace and load back.
    saved_model, saved_keys, saved_proof = model.save(tmp_path / "m"), keys.save(tmp_path / "k"), first.save(tmp_path / "p")
    workspace = model.directory
    del model, keys, first, second
    import gc

    gc.collect()
    assert not workspace.exists(), "the temporary workspace outlived its objects"
    assert zkml.load_proof(tmp_path / "p").verify(zkml.load_keys(tmp_path / "k"))
    reloaded = zkml.load(tmp_path / "m")
    assert reloaded.mock(rows[0])["satisfied"]
    assert saved_model.name == reloaded.name and saved_keys.pk.exists() and saved_proof.proof_path.exists()


def test_mock_and_inspect(digits) -> None:
    model, keys, proof, rows = digits
    report = model.mock(np.asarray(rows[0]))
    assert report["satisfied"] and report["constraints"] == model.constraints
    table = model.inspect()
    rows_of = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    assert sum(row["constraints"] for row in rows_of) == model.constraints
    assert {"fc0", "relu0", "fc1"} <= {row["name"] for row in rows_of}
    onnx_table = zkml.inspect(ROOT / "Circuits" / "mlp_digits" / "network.onnx")
    report_of = onnx_table.attrs["report"] if hasattr(onnx_table, "attrs") else onnx_table.report
    assert report_of["supported"] and report_of["circuit"]["constraints"] == model.constraints
    assert "fc0" in str(table)


def test_settings_reach_the_compiler(tmp_path: pathlib.Path) -> None:
    onnx = ROOT / "Circuits" / "mlp_digits" / "network.onnx"
    plain = zkml.compile(onnx, out=tmp_path / "a", range_checks="bits", public_layout="plain", input_visibility="private")
    settings = plain.settings
    assert settings["input_visibility"] == "private"
    assert plain.summary["range_checks"] == "bits" and plain.summary["public_layout"] == "plain"
    samples = json.loads((ROOT / "Circuits" / "mlp_digits" / "samples.json").read_text())["inputs"][:50]
    calibrated = zkml.compile(onnx, np.asarray(samples), out=tmp_path / "b", bits=16)
    assert calibrated.settings["calibration"]["rows"] == len(samples)
    assert calibrated.settings["quantization"]["activation_bits"] == 16


def test_several_inputs_by_list_or_name(tmp_path: pathlib.Path) -> None:
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    graph = helper.make_graph([helper.make_node("Mul", ["a", "b"], ["y"], name="product")], "two_inputs",
                              [helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 3]),
                               helper.make_tensor_value_info("b", TensorProto.FLOAT, [3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])])
    data = onnx.helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()
    model = zkml.compile(data, out=tmp_path / "m")
    assert model.input_names == ["a", "b"]
    keys = model.setup()
    a, b = np.array([[0.5, -1.0, 1.5], [2.0, 0.25, -0.75]]), np.array([1.0, -2.0, 0.5])
    by_list = model.prove([a, b], keys)
    by_name = model.prove({"b": b, "a": a}, keys)
    assert by_list.verify(keys) and by_name.verify(keys)
    assert np.array_equal(by_list.outputs[0], a * b) and np.array_equal(by_name.outputs[0], a * b)
    with pytest.raises(zkml.UsageError, match="2 inputs"):
        model.prove(a, keys)
    with pytest.raises(zkml.UsageError, match="missing \\['b'\\]"):
        model.prove({"a": a}, keys)
