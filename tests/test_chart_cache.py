"""Graphviz drawings kept between builds: the same chart is drawn once, a changed one again, and
a damaged stored drawing is never published."""

from __future__ import annotations

from plainpath.flows.chart_cache import ChartCache
from plainpath.flows.render_chart import draw_svg

SOURCE = 'digraph g { a [label="Check you can apply"]; a -> b; }'


def counting_draw(calls: list[str]):
    def draw(source: str) -> bytes:
        calls.append(source)
        return draw_svg(source)
    return draw


def test_a_chart_is_drawn_once_and_then_read_back_identical(tmp_path):
    calls: list[str] = []
    first = ChartCache(tmp_path, "2.42").svg(SOURCE, counting_draw(calls))
    second = ChartCache(tmp_path, "2.42").svg(SOURCE, counting_draw(calls))
    assert first == second and first.startswith(b"<?xml")
    assert calls == [SOURCE]


def test_a_changed_label_or_another_graphviz_draws_again(tmp_path):
    calls: list[str] = []
    ChartCache(tmp_path, "2.42").svg(SOURCE, counting_draw(calls))
    ChartCache(tmp_path, "2.42").svg(SOURCE.replace("apply", "apply now"), counting_draw(calls))
    ChartCache(tmp_path, "9.0").svg(SOURCE, counting_draw(calls))
    assert len(calls) == 3


def test_a_damaged_stored_drawing_is_drawn_again(tmp_path):
    calls: list[str] = []
    ChartCache(tmp_path, "2.42").svg(SOURCE, counting_draw(calls))
    (stored,) = tmp_path.rglob("*.svg")
    stored.write_bytes(stored.read_bytes()[:100])  # cut off, as by a full disk
    again = ChartCache(tmp_path, "2.42").svg(SOURCE, counting_draw(calls))
    assert len(calls) == 2 and again.rstrip().endswith(b"</svg>")
