import pytest

from safetyhub.extraction.language import detect_language
from safetyhub.extraction.text import fold


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("8月22日,贵溪市安全生产工作会议召开,对当前安全生产工作进行再部署。", "zh"),
        ("18日晚,省政府召開全省安全生產工作視頻調度會議,傳達學習重要指示精神。", "zh-Hant"),
        (
            "On October 27, the Safety Committee of Jilin High-tech Zone held the fourth plenary meeting.",
            "en",
        ),
        (
            "Conference emphasis,要深入学习贯彻习近平总书记关于安全生产重要论述重要指示精神,We will fully "
            "implement the spirit of the fourth plenary meeting of the Provincial Safety Committee, "
            "and summarize.",
            "mixed",
        ),
        (
            "Pengjiang District (蓬江区) held a work safety meeting on April 17 about fire and gas safety.",
            "en",
        ),
        ("", "zh"),
    ],
)
def test_it_detects_the_language(text, language):
    assert detect_language(text, fold(text)) == language
