"""Screening of message tables: every row's free text read and triaged, at the scale of a health system.

``backcheck screen INPUT OUTPUT`` streams a CSV, JSONL or Parquet table in fixed-size chunks,
runs one pure function (:func:`backcheck.screening.row.screen_chunk`) over each chunk in worker
processes or on a Dask cluster, and writes every input row once, in order, with its triage level,
red flags, top causes and language (or an error). Finished chunks are kept in a work folder next to
the output, so an interrupted run resumes where it stopped. See docs/screening.md.
"""

from __future__ import annotations
