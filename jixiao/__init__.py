"""jixiao: budget-performance self-evaluations as open data packages and a static site.

The stages, each a subpackage, import only from the stages before them:

    files → config → settings → ingest → stored → structure → opendata → site → assemble → commands → cli

``files`` is the file-system layer below them all (atomic writes; it imports nothing
from jixiao), ``config`` and ``settings`` make the one frozen Config, ``ingest`` reads
and checks data/, ``stored`` reads and writes the build's own stored state (caches,
records) as checked data, ``structure`` says where everything is published,
``opendata`` makes the downloadable files, ``site`` makes the pages, ``assemble`` runs a
build, ``commands`` are the other command-line tools.  ``tests/test_layout.py`` holds
the order.
"""
