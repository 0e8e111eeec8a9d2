"""The normalizer and the date parser are compiled to C with mypyc when a C compiler is at hand
(a worker then reads a benchmark article in ~4/5 of the time); without one they are installed
as the plain Python they are written in, and behave the same. An editable install keeps them
plain: a compiled module in the source folder would shadow later edits of its source."""

import sys

from mypyc.build import mypycify
from setuptools import setup

extensions = []
if "editable_wheel" not in sys.argv:
    extensions = mypycify(["newsarc/normalize.py", "newsarc/dates.py"], group_name="newsarc")
    for extension in extensions:
        extension.optional = True  # a failed compilation leaves the module in plain Python
setup(ext_modules=extensions)
