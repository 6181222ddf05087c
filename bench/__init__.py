"""Benchmarks: a synthetic corpus of any size and the scripts that time Briefings on it."""
