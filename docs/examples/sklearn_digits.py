# %% [markdown]
# # From a trained scikit-learn classifier to a verified proof and an EVM verifier
#
# A notebook as a plain script (`# %%` cells: Jupyter, VS Code and jupytext open it as a
# notebook; `python docs/examples/sklearn_digits.py` runs it, and the tests do). It needs
# `pip install "./python[sklearn]"`.

# %%
import sys
import tempfile
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

import zkml

# %% [markdown]
# Train a small classifier on scikit-learn's 8×8 digits (bundled with scikit-learn, no download).

# %%
warnings.filterwarnings("ignore", category=ConvergenceWarning)  # a quick fit, not a tuned one
X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
classifier = MLPClassifier(hidden_layer_sizes=(32,), max_iter=400, random_state=0).fit(X_train, y_train)
print(f"float accuracy on the test split: {classifier.score(X_test, y_test):.4f}")

# %% [markdown]
# The five calls: export and compile (the training rows calibrate the fixed-point scales), set up
# keys, prove one inference, verify it, and write the Solidity verifier.

# %%
model = zkml.from_sklearn(classifier, X_train)
keys = model.setup()
proof = model.prove(X_test[0], keys)
assert proof.verify(keys)
solidity = keys.solidity_verifier()

# %%
label, probabilities = proof.outputs
print(model)
print(f"proved label {int(label.ravel()[0])} (scikit-learn: {classifier.predict(X_test[:1])[0]}, truth: {y_test[0]})")
print("probabilities:", np.round(probabilities.ravel(), 4))
print("scikit-learn: ", np.round(classifier.predict_proba(X_test[:1]).ravel(), 4))
print(f"verifier: {len(solidity)} characters of Solidity; calldata {len(proof.calldata()) // 2 - 1} bytes")
print(model.inspect())

# %% [markdown]
# Everything is a file the command line and snarkjs read: save them to ship the verifying key and
# the proof (`zkml verify --vk keys/verification_key.json --proof proof/proof.json --public proof/public.json`).

# %%
out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="zkml-digits-")
model.save(f"{out}/model")
keys.save(f"{out}/keys")
proof.save(f"{out}/proof")
with open(f"{out}/Verifier.sol", "w") as file:
    file.write(solidity)
print("saved to", out)
