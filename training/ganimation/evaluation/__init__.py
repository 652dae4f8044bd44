"""Evaluation of trained models and their labels: own and outside readers, reference outputs, benchmarks."""
