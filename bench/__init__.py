"""Benchmarks: scripts that print figures (tests never assert timings)."""
