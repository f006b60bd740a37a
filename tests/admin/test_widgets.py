from __future__ import annotations

import pytest
from django import forms

from safetyhub.meetings.admin.widgets import PLAIN_WIDGETS


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.CheckboxInput(attrs={"id": "id_x"}), True),
        (forms.CheckboxInput(attrs={"id": "id_x"}), False),
        (forms.HiddenInput(attrs={"id": "id_x"}), 17),
        (forms.NumberInput(attrs={"min": 0, "id": "id_x"}), None),
        (forms.TextInput(attrs={"maxlength": 500, "required": True}), '"><script>x</script>'),
    ],
)
def test_plain_inputs_render_what_the_templates_render(widget: forms.Widget, value: object) -> None:
    expected = widget.render("f", value)
    widget.__class__ = PLAIN_WIDGETS[type(widget)]
    assert widget.render("f", value) == expected
