"""The production settings with one change: static files are collected into a scratch directory.

`make bench` serves exactly what production serves (DEBUG off, WhiteNoise) without touching the
checkout's `staticfiles/`; the runner sets BENCH_STATIC_ROOT to a temporary directory.
"""

import os

from dajiwei.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
