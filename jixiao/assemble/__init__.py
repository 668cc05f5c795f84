"""Assemble: running a build.

Named ``assemble`` rather than ``build`` because tools treat a folder called ``build/``
as generated output and hide it (.gitignore templates, editors, linters).

Takes a Config and gives a finished site folder: ``plan`` (content keys, shards),
``units`` (worker processes rendering one unit each), ``pipeline`` (load → validate →
model → render → write, in that order), ``write`` (a fresh staging folder swapped in)
and ``progress`` (what the terminal shows).
"""
