"""The domain checks, in the order they run.  Each is a small generator of findings."""

from jixiao.ingest.checks.budget import (
    check_ambiguous,
    check_budget_parents,
    check_budget_sums,
    check_derived,
    check_execution_rates,
    check_over_budget,
)
from jixiao.ingest.checks.markdown import check_narrative_markdown
from jixiao.ingest.checks.report import check_report_totals
from jixiao.ingest.checks.scores import (
    check_full_marks_for_missed_target,
    check_grade,
    check_indicator_cells,
    check_level_weights,
    check_score_within_weight,
    check_stated_scores,
    check_totals,
)
from jixiao.ingest.checks.structure import (
    check_descriptor_matches,
    check_foreign_keys,
    check_headers,
    check_ids_match_folder,
    check_narrative_files,
    check_number_cells,
    check_portable_names,
    check_resource_paths,
    check_row_counts,
)
from jixiao.ingest.checks.text import check_narrative_text, check_text_cells

DESCRIPTOR_CHECKS = (check_resource_paths, check_descriptor_matches)
"""Run first; frictionless only reads a package these pass."""

FORMAT_CHECKS = (
    check_headers,
    check_text_cells,
    check_narrative_text,
    check_narrative_markdown,
    check_number_cells,
    check_row_counts,
    check_foreign_keys,
)
"""Run before the domain checks, which assume bare numbers and the right columns."""

DOMAIN_CHECKS = (
    check_ids_match_folder,
    check_portable_names,
    check_narrative_files,
    check_budget_parents,
    check_budget_sums,
    check_execution_rates,
    check_over_budget,
    check_derived,
    check_ambiguous,
    check_report_totals,
    check_indicator_cells,
    check_score_within_weight,
    check_level_weights,
    check_totals,
    check_grade,
    check_stated_scores,
    check_full_marks_for_missed_target,
)
