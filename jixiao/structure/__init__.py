"""Structure: what is published and where.

Takes model objects and gives paths and links (``routes``), the packages grouped by
unit, region and year (``index``), the words and figures printed the same way
everywhere (``labels``), and the one rule for adding up money across evaluations
(``totals``).  Shared by the open-data files and the pages.
"""
