"""Benchmark and its test data, outside the library: `python -m optimizer.bench` times the
shipped and generated scenarios (`benchmark`); `python -m optimizer.bench.catalog` writes a
generated free-exercise-db file (`catalog`, also used by the tests)."""
