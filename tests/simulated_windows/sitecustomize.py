"""Linux made to lack what Windows lacks, for tests/test_windows.py (put on PYTHONPATH; Python imports it at start).

- ``os.O_NOFOLLOW`` and ``os.O_NONBLOCK`` are removed, ``import fcntl`` fails: code that
  needs them without a fallback stops here as it would on Windows.
- ``EncodingWarning`` (run with ``PYTHONWARNDEFAULTENCODING=1``) raised from the project's
  own code is an error: a text file opened without an explicit encoding reads UTF-8 data as
  cp936 on a Chinese Windows.  The warning is charged to the first caller outside the
  standard library (``Path.read_text()`` warns inside pathlib), and only when that caller
  is under ``SIMULATED_WINDOWS_OWN`` and not an installed library.  Each one is printed as
  ``OWN-ENCODING-WARNING file:line`` and raised.
"""

import os
import sys
import sysconfig
import warnings

for _name in ("O_NOFOLLOW", "O_NONBLOCK"):
    if hasattr(os, _name):
        delattr(os, _name)


class _NoFcntl:
    """An import hook that finds no ``fcntl``, as on Windows."""

    def find_spec(self, name, path=None, target=None):
        if name == "fcntl":
            raise ModuleNotFoundError("No module named 'fcntl' (simulated Windows)", name="fcntl")
        return None


sys.modules.pop("fcntl", None)
sys.meta_path.insert(0, _NoFcntl())

_STDLIB = sysconfig.get_paths()["stdlib"]
_OWN = os.environ.get("SIMULATED_WINDOWS_OWN", "\0")
_show = warnings.showwarning


def _caller_outside_stdlib():
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if not (name.startswith(_STDLIB) or name.startswith("<") or name == __file__):
            return frame
        frame = frame.f_back
    return None


def _showwarning(message, category, filename, lineno, file=None, line=None):
    if issubclass(category, EncodingWarning):
        frame = _caller_outside_stdlib()
        name = frame.f_code.co_filename if frame is not None else ""
        if name.startswith(_OWN) and "site-packages" not in name:
            where = f"{name}:{frame.f_lineno}"
            sys.stderr.write(f"OWN-ENCODING-WARNING {where}: {message}\n")
            raise category(f"{where}: {message}")
        return
    _show(message, category, filename, lineno, file, line)


warnings.simplefilter("always", EncodingWarning)
warnings.showwarning = _showwarning
