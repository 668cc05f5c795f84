"""Structure: what is published and where.

Takes model objects and gives paths and links (``routes``), the packages grouped by
unit, region and year (``index``), and the words and figures printed the same way
everywhere (``labels``).  Shared by the open-data files and the pages.
"""
