"""What a recogniser hands the draft writer: values that each remember their cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.commands.importing.grid import Cell

HIGH, MEDIUM, LOW, NONE = "高", "中", "低", "无"
"""How sure the recogniser is: 高 a cell under its own header; 中 a cell placed by order in text,
or a merged cell carried down; 低 carried down in text; 无 not in the form (a placeholder to fill in)."""
PLACEHOLDER = "待填"
"""Written where the form prints nothing a reader could place (a required text, a name cut off by a page
break); never a value a reader could take as real."""


@dataclass(frozen=True)
class Value:
    """One filled field: the value written, the cell it came from and how sure the recogniser is."""

    value: str
    cell: Cell | None
    confidence: str
    note: str = ""


@dataclass(frozen=True)
class Unplaced:
    """Cells the recogniser saw but could not place: they go to the review list, not into a table."""

    reason: str
    cells: tuple[Cell, ...]
    proposal: str = ""
    """Readings a person may choose from (run-together digits), offered with 把握 低; never written into a table."""

    @property
    def text(self) -> str:
        return " | ".join(cell.text for cell in self.cells if cell.text)

    @property
    def where(self) -> str:
        return self.cells[0].where if self.cells else ""


@dataclass
class FormDraft:
    """One recognised form (one evaluation)."""

    kind: str
    template: str
    fields: dict[str, Value] = field(default_factory=dict)
    """evaluations.csv columns."""
    budget: list[dict[str, Value]] = field(default_factory=list)
    indicators: list[dict[str, Value]] = field(default_factory=list)
    narrative: list[tuple[str, str, Value]] = field(default_factory=list)
    """(section, title, text)."""
    unplaced: list[Unplaced] = field(default_factory=list)
