#!/usr/bin/env python3
"""unfoldlab export: for every network kind the exported NumPy module's forward(X) equals
`unfoldlab eval --codes` to 1e-10; the torch module too (and its learned weights are trainable
parameters) where PyTorch is installed, skipped with a message otherwise."""
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np

binary = sys.argv[1]


def run(*args):
    subprocess.run([binary, *args], check=True, stdout=subprocess.DEVNULL)


def load(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


try:
    import torch  # noqa: F401
    formats = ["numpy", "torch"]
except ImportError:
    formats = ["numpy"]
    print("torch export: skipped, PyTorch is not installed (python3-torch)")

with tempfile.TemporaryDirectory() as d:
    D, X_train, X_test = f"{d}/D.csv", f"{d}/X.csv", f"{d}/X_test.csv"
    run("generate", "-n", "8", "-m", "16", "--signals", "60", "--test", "20", "--seed", "3", "--out", d)
    X = np.loadtxt(X_test, delimiter=",", ndmin=2)
    for kind in ["lista", "lista-cp", "alista", "slista"]:
        net, codes = f"{d}/{kind}.json", f"{d}/{kind}-codes.csv"
        run("train", "--dict", D, "--train", X_train, "--test", X_test, "--lambda", "0.2", "--net", kind,
            "--layers", "4", "--max-iter", "20", "--out", net)
        run("eval", "--net", net, "--dict", D, "--signals", X_test, "--lambda", "0.2", "--codes", codes)
        expected = np.loadtxt(codes, delimiter=",", ndmin=2)
        assert expected.shape == (20, 16) and np.count_nonzero(expected) > 0, (kind, expected.shape)
        for fmt in formats:
            folder = f"{d}/{fmt}/{kind}"  # missing: export makes it
            run("export", "--net", net, "--format", fmt, "--out", folder)  # the network file holds D
            module = load(f"{folder}/{kind.replace('-', '_')}.py")
            assert "lambda = 0.2." in module.__doc__, module.__doc__  # as the user gave it, not 0.20000000000000001
            error = np.max(np.abs(module.forward(X) - expected))
            assert error <= 1e-10, f"{kind} {fmt}: max |forward - eval --codes| = {error:.3g}"
            if fmt == "torch":  # trainable further: the Lasso cost back-propagates to every learned weight
                network = module.load()
                signals = torch.from_numpy(X)
                Z = network(signals)
                cost = 0.5 * ((Z @ network.D.T - signals) ** 2).sum() + 0.2 * Z.abs().sum()
                cost.backward()
                parameters = list(network.parameters())
                assert parameters and all(p.grad is not None and torch.isfinite(p.grad).all() for p in parameters), kind
            print(f"{kind} {fmt}: forward equals eval --codes (max difference {error:.1e})")
