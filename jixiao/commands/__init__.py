"""Commands: the command-line tools besides build.

``serve`` (build, serve, rebuild on change), ``report`` (validate with messages and
annotations), ``diff`` (published figures changed since a git ref), ``scaffold``
(``build.py new``), ``init`` (``jixiao init``: a new portal repository), ``importing``
(``build.py import``: a draft package from a published form) and ``review_page`` (the
draft review page ``serve`` shows).
"""


class CommandRefused(Exception):
    """A command refused its input before writing anything (a folder not empty, a package that exists, a form
    it cannot read): ``jixiao`` prints the message after 错误： and exits 2, as for a wrong argument."""
