"""The SVG charts: valid, labelled, proportional, escaped, and honest about hidden figures."""

from xml.etree import ElementTree

from lms.reports.charts import Series, bar_chart, column_chart, nice_max

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ElementTree.fromstring(str(svg))  # noqa: S314 - our own markup


def test_nice_max_rounds_up_to_a_readable_axis():
    assert [nice_max(v) for v in (0, 3, 7, 12, 26, 99, 1001)] == [1, 3 and 5, 10, 20, 50, 100, 2000]


def test_bar_chart_is_labelled_for_assistive_technology():
    root = parse(
        bar_chart(
            "c1",
            "Enrolled by partner",
            ["A", "B"],
            [Series("Enrolled", [3, 6])],
            description="Same as the table.",
        )
    )
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Enrolled by partner"
    assert root.find(f"{SVG}desc").text == "Same as the table."


def test_bar_lengths_are_proportional_to_values():
    root = parse(bar_chart("c", "t", ["A", "B"], [Series("s", [20, 10])]))
    bars = root.findall(f".//{SVG}rect[@class='bar']")
    widths = [float(b.get("width")) for b in bars]
    assert len(bars) == 2
    assert abs(widths[0] - 2 * widths[1]) < 0.2


def test_hidden_figures_draw_no_bar_but_say_so():
    root = parse(bar_chart("c", "t", ["A", "B"], [Series("s", [None, 40])], hidden_label="<11"))
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == 1
    assert [t.text for t in root.findall(f".//{SVG}text[@class='hidden-value']")] == ["<11"]


def test_text_is_escaped():
    root = parse(bar_chart("c", "<script>", ["A & B <b>"], [Series("s", [1])]))
    assert root.find(f"{SVG}title").text == "<script>"
    assert "<b>" not in str(bar_chart("c", "t", ["<b>"], [Series("s", [1])])).replace(
        "&lt;b&gt;", ""
    )


def test_grouped_bars_have_a_legend():
    root = parse(bar_chart("c", "t", ["A"], [Series("Enrolled", [1]), Series("Completed", [2])]))
    assert len(root.findall(f".//{SVG}g[@class='legend-item']")) == 2
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == 2


def test_stacked_columns_add_up():
    root = parse(
        column_chart(
            "c", "t", ["Jan", "Feb"], [Series("a", [10, 0]), Series("b", [10, 5])], stacked=True
        )
    )
    bars = root.findall(f".//{SVG}rect[@class='bar']")
    heights = [float(b.get("height")) for b in bars]
    # Jan: 10 + 10 stacked on one column reaching the axis maximum of 20.
    assert abs(heights[0] - heights[1]) < 0.2
    assert abs(heights[0] - 2 * heights[3]) < 0.2
    jan = [b for b in bars if b.find(f"{SVG}title").text.startswith("Jan")]
    assert abs(float(jan[1].get("y")) + float(jan[1].get("height")) - float(jan[0].get("y"))) < 0.2


def test_column_chart_with_no_data_still_draws_an_axis():
    root = parse(column_chart("c", "t", ["Jan"], [Series("a", [0])]))
    assert root.findall(f".//{SVG}line")


def test_long_legends_wrap_inside_the_chart():
    names = [f"A rather long series name {n}" for n in range(5)]
    root = parse(bar_chart("c", "t", ["A"], [Series(name, [n]) for n, name in enumerate(names)]))
    width = float(root.get("viewBox").split()[2])
    items = root.findall(f".//{SVG}g[@class='legend-item']")
    rows = {item.find(f"{SVG}text").get("y") for item in items}
    assert len(rows) > 1
    for item in items:
        text = item.find(f"{SVG}text")
        assert float(text.get("x")) + 7 * len(text.text) <= width
