"""Site: the pages.

Takes packages and the site index and gives pages to render: typed template contexts
(``views``), one unit's pages (``unit_pages``), the pages that span units
(``shared_pages``, ``compare``), the charts and headline figures of each page
(``figures``: execution rates, per-year totals, trends), Vega-Lite specs (``charts``),
the Jinja environment and number filters (``render``), static assets (``assets``) and
the search index (``search``).
"""
