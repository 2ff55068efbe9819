"""Rendering for the terminal: Rich tables and views, and the plain tab-separated rows of a pipe."""
