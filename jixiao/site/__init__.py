"""Site: the pages.

Takes packages and the site index and gives pages, rendered by ``render.render_page``:
typed template contexts (``views``; the evaluation page's ``evaluation_view``), one unit's
pages (``unit_pages``), the pages that span units (``shared_plan`` lists them:
``shared_pages``, ``listing_pages``, ``data_page``, ``query``, ``compare``), the charts
and headline figures of each page (``figures``: execution rates, per-year totals,
trends), Vega-Lite specs drawn as Vega (``charts``), the Jinja environment and number filters
(``render``), static assets (``assets``) and the search index (``search``).
"""
