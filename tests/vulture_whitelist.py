"""Names vulture cannot see used (tests/test_lint.py adds the templates' words and the schema's columns).

Each line says who uses the name.  Dead code does not belong here: delete it instead.
"""

_.log_message  # http.server calls it (commands/serve.py: a quiet preview server)
_.do_POST  # http.server calls it (commands/serve.py: the review page's confirm-a-table form)
_.daemon_threads  # socketserver reads it (commands/serve.py: request threads do not keep the preview alive)
_.handle_error  # socketserver calls it (commands/serve.py: a client that resets costs no traceback)
_.confirmable  # read by the review page's template, a string in commands/review_page.py
_.validateLink  # markdown-it-py calls it (site/render.py: which links narrative may hold)
_.compress_type  # zipfile reads these from a ZipInfo (opendata/xlsx.py: reproducible workbooks)
_.external_attr
_.explanation  # findings.Code: CONTRIBUTING.md's table of codes is generated from it (cog)
_.remedy
_.reference  # settings.reference(): the jixiao.toml keys in README.md and CONTRIBUTING.md (cog)
_.left_out_reason  # structure/totals.py, new with issue 24: to be shown or removed there
_.write_stored_specs  # run by hand after a chart template or Altair changes (tests/test_chart_specs.py says so)
_.restore  # spreadsheet.py: neutralise's documented inverse, for readers (all-years files no longer parse CSV)
_.index_site  # tests/test_search.py: the whole index in one call; the build uses search.Indexing (overlap)
_.vega_spec  # tests/test_chart_specs.py: the Vega site_src/charts.js draws from a payload, checked against Vega-Lite
