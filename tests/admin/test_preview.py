from __future__ import annotations

from safetyhub.meetings.admin.preview import Mark, render_marked


def test_marks_wrap_their_spans() -> None:
    html = render_marked("市委书记陈敏出席", [Mark(4, 6, "official", "陈敏")])
    assert html == '市委书记<mark class="span span-official" title="陈敏">陈敏</mark>出席'


def test_text_and_labels_from_reports_are_escaped() -> None:
    html = render_marked("<script>x</script>", [Mark(0, 8, "title", '"><img src=x>')])
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_overlapping_marks_split_and_the_inner_fact_wins() -> None:
    html = render_marked("陈敏要求各地", [Mark(0, 6, "directive", "d"), Mark(0, 2, "official", "陈敏")])
    assert html == (
        '<mark class="span span-official" title="d; 陈敏">陈敏</mark>'
        '<mark class="span span-directive" title="d">要求各地</mark>'
    )


def test_spans_outside_the_text_are_ignored() -> None:
    assert (
        render_marked("abc", [Mark(2, 9, "date", "x"), Mark(-1, 1, "date", "y"), Mark(2, 2, "d", "z")])
        == "abc"
    )
