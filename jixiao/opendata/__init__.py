"""Open data: the downloadable files.

Takes packages and the site index and gives bytes to write: each package's CSV,
descriptor, README and zip (``downloads``), the combined tables (``combined``) in CSV,
JSON, XLSX (``xlsx``) and SQLite (``datasets``), the JSON API (``api``), and sitemap,
feed and DCAT catalog (``metadata``).
"""
