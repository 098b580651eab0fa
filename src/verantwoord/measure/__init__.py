"""Measure service indicators from raw data: ratings (kiosk, keypad, forms, website) and call logs.

The data owner declares in `metingen.yaml` how each indicator is measured (`definitions`); `inputs` reads
the raw files with DuckDB into one normalised relation per kind of data; `queries` holds the definitions as
portable SQL; `intervals` gives the Wilson interval; `run` puts it together and writes
`metingen/uitkomsten.csv`, which `load_project` merges with the export (`results`). `synthetic` makes
realistic raw data for the tests, the example and the benchmark.

Nothing is imported here, so that `verantwoord.project` can use `results` without loading DuckDB.
"""
