"""pytest configuration for the EVM tests: prints the measured gas and bytecode table."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_terminal_summary(terminalreporter):
    import test_verifier
    from evm_support import solc_path

    if test_verifier.GAS_REPORT:
        terminalreporter.section("EVM verifier gas (transaction total: 21000 + calldata + execution)")
        for line in test_verifier.pytest_terminal_summary_rows():
            terminalreporter.write_line(line)
    import test_commitment
    if test_commitment.GAS_REPORT:
        terminalreporter.section("EVM verifier gas with a commitment round (transaction total)")
        for line in test_commitment.pytest_terminal_summary_rows():
            terminalreporter.write_line(line)
    if not solc_path():
        terminalreporter.write_line("Solidity SKIPPED: no `solc` on PATH or at ../shared/tools/solc; only the Vyper twin ran.")
