"""Export jobs in worker processes give the same results, in job order, as in-process."""

from pipeline.exports import parallel


def test_worker_processes_return_results_in_job_order(monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_EXPORT_PROCESSEN", "2")
    seen = []
    jobs = [("b",), ("a",), ("c",)]
    assert parallel.run_jobs(str.upper, jobs, rows=10**9, done=seen.append) == ["B", "A", "C"]
    assert seen == [1, 2, 3]
    assert parallel.run_jobs(str.upper, jobs, rows=0) == ["B", "A", "C"]


def test_werkvoorraad_in_worker_processes_gives_the_same_bytes(tmp_path, monkeypatch):
    from tests.exports.helpers import standard_frame

    from pipeline.exports.werkvoorraad import write_werkvoorraad

    frame = standard_frame()
    serial = write_werkvoorraad(frame, tmp_path / "serieel")
    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    monkeypatch.setenv("VROEGSIGNAAL_EXPORT_PROCESSEN", "2")
    parallel_paths = write_werkvoorraad(frame, tmp_path / "parallel")
    assert len(serial) == len(parallel_paths) >= 4
    assert [p.read_bytes() for p in serial] == [p.read_bytes() for p in parallel_paths]
