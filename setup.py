"""Compiled parts, built when a C compiler is at hand; without one newsarc installs as plain
Python (and numpy) and behaves the same, only slower:
- the normalizer and the date parser, compiled with mypyc (a worker reads a benchmark article
  in ~4/5 of the time);
- newsarc/_minhash.c, the near-duplicate fingerprints that similarity.py otherwise computes with
  numpy (a benchmark body in ~8 us against ~23 us).
An editable install keeps them plain: a compiled module in the source folder would shadow later
edits of its source."""

import sys

from mypyc.build import mypycify
from setuptools import Extension, setup

extensions = []
if "editable_wheel" not in sys.argv:
    extensions = mypycify(["newsarc/normalize.py", "newsarc/dates.py"], group_name="newsarc")
    extensions.append(Extension("newsarc._minhash", ["newsarc/_minhash.c"]))
    for extension in extensions:
        extension.optional = True  # a failed compilation leaves the module in plain Python
setup(ext_modules=extensions)
