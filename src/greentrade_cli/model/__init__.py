"""The model: commitments, targets, deadlines, statuses, agencies and sources as values.

Pure: nothing here reads a file, a clock or the environment.
"""
