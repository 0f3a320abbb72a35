"""Benchmarks of journeys: a synthetic project generator and scripts that time the tool.

Run the scripts from the repository root (``python benchmarks/bench_validate.py``);
see benchmarks/README.md. This file makes ``benchmarks`` importable so other scripts
and tests can ``from benchmarks.generate import generate_project``.
"""
