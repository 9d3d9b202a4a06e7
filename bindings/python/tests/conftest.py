# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures. The tests import `gist` from wherever the interpreter finds
it: the build tree (CTest sets PYTHONPATH), a `cmake --install` prefix, or a
venv made with pip."""

import csv
import pathlib
import tempfile

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

import gist

REPO = pathlib.Path(__file__).resolve().parents[3]
PATIENTS = REPO / "examples" / "patients"

# Deterministic, database-free property tests that fit in the default test run;
# hypothesis's caches go to a temporary directory, not the working directory.
_HYPOTHESIS_HOME = tempfile.TemporaryDirectory(prefix="gist-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME.name)
settings.register_profile("gist", max_examples=300, deadline=None, database=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("gist")


def expected_examples():
    """(file, outcome, rule or None) for every shipped example patient."""
    rows = []
    with open(PATIENTS / "expected.tsv", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            rows.append((row[0], row[1], None if row[2] == "-" else row[2]))
    return rows


@pytest.fixture(scope="session")
def pathway():
    return gist.Pathway.builtin("gist-2016")


@pytest.fixture
def advise(pathway):
    """advise(**facts): advice for a patient in the advanced setting with these facts."""
    def run(**facts):
        facts.setdefault("setting", "advanced")
        return pathway.advise(gist.Patient(**facts))
    return run
