"""Ingest: data in.

Takes the folders under ``data/`` and gives checked, typed packages: ``tables`` (the
canonical Table Schemas), ``load`` (strict reading), ``checks/`` and ``validate``
(findings with stable codes, ``findings``; ``conformance`` asks frictionless only when it
has something to report), ``model`` (frozen dataclasses, Decimals).
"""
