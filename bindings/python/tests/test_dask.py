# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""gist.dask on a local cluster of worker processes: the same tables as gist.lines, gist.audit and
the command line."""

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import gist
import gist.dask

from conftest import REPO

LOT = REPO / "tests" / "data" / "lot"
EXAMPLE = REPO / "examples" / "cohort.csv"


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as c:
        yield c


def test_fixture_on_a_cluster_gives_its_expected_csv(client):
    ddf = dd.from_pandas(pd.read_csv(LOT / "cohort.csv"), npartitions=3)
    lines = gist.dask.lines(ddf).compute()
    findings = gist.dask.audit(ddf).compute()
    assert gist.to_csv(lines.reset_index(drop=True)) == (LOT / "cohort.lines.csv").read_text()
    assert gist.to_csv(findings.reset_index(drop=True)) == (LOT / "cohort.audit.csv").read_text()


@pytest.mark.parametrize("command", ["lines", "audit"])
def test_example_cohort_on_a_cluster_equals_gist_lines_and_the_file_path(client, command):
    df = pd.read_csv(EXAMPLE)
    ddf = dd.from_pandas(df, npartitions=4)
    run = gist.dask.lines if command == "lines" else gist.dask.audit
    result = run(ddf)
    reference = (gist.lines if command == "lines" else gist.audit)(df)
    got = result.compute().reset_index(drop=True)
    assert list(got.columns) == list(reference.columns)
    assert dict(got.dtypes.drop("agents", errors="ignore")) == dict(reference.dtypes.drop("agents", errors="ignore"))
    assert gist.to_csv(got) == gist.to_csv(reference)
    # the file path reads with the library's own reader, as `gist lines` does
    assert gist.to_csv(got) == gist.to_csv((gist.lines if command == "lines" else gist.audit)(EXAMPLE))


def test_partitions_known_by_patient_are_not_shuffled(client):
    df = pd.read_csv(EXAMPLE)
    df["row"] = np.arange(len(df)) + 2
    ddf = dd.from_pandas(df.set_index("patient"), npartitions=4)
    assert ddf.known_divisions
    result = gist.dask.lines(ddf, order=False)
    assert "shuffle" not in " ".join(str(k) for k in result.dask.layers)
    got = result.compute().sort_values(["patient", "setting", "line"], kind="stable").reset_index(drop=True)
    ref = gist.lines(df).sort_values(["patient", "setting", "line"], kind="stable").reset_index(drop=True)
    assert gist.to_csv(got) == gist.to_csv(ref)


def test_text_events_from_dask_read_csv_with_options(client):
    ddf = dd.read_csv(str(EXAMPLE), dtype=str, keep_default_na=False, blocksize=20000)
    assert ddf.npartitions > 1
    got = gist.dask.lines(ddf, interruption_days=60).compute().reset_index(drop=True)
    ref = gist.lines(EXAMPLE, interruption_days=60)
    assert gist.to_csv(got) == gist.to_csv(ref)


def test_bad_input_fails_before_or_at_compute(client):
    ddf = dd.from_pandas(pd.read_csv(EXAMPLE), npartitions=2)
    with pytest.raises(TypeError, match="unknown lines option"):
        gist.dask.lines(ddf, interuption_days=3)
    bad = pd.read_csv(EXAMPLE)
    bad.loc[10, "agent"] = "aspirinib"
    with pytest.raises(gist.NotFoundError, match="row 12"):
        gist.dask.lines(dd.from_pandas(bad, npartitions=2)).compute()
    with pytest.raises(TypeError):
        gist.dask.lines(bad)
