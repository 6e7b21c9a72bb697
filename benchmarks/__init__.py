"""Benchmarks for citeqa: run ``python -m benchmarks``."""
