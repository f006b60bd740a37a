from safetyhub.extraction.cleanup import clean


def test_it_removes_stray_html_and_entities():
    c = clean('会议强调，要抓好消防安全&nbsp;工作。<br/>\n" class="hidden">1234网址导航')
    assert "网址导航" not in c.body
    assert "class=" not in c.body
    assert "&nbsp;" not in c.body
    assert c.body.startswith("会议强调")


def test_it_cuts_an_english_disclaimer_footer_glued_to_the_last_paragraph():
    raw = (
        "The district held a work safety meeting on March 3. "
        * 5
        + "Disclaimer: The copyright of this article belongs to the original author. "
        "Email address: abc@example.com;Wechat id: abc123"
    )
    c = clean(raw)
    assert "Disclaimer" not in c.body
    assert "example.com" not in c.body
    assert c.body.endswith("March 3.")


def test_it_cuts_a_chinese_copyright_footer_and_keeps_the_outlet():
    raw = (
        "8月1日，某县召开安全生产工作会议。" * 5
        + "\n江南网(中国某省网)版权与免责声明 |\n1、本网所载的文/图等稿件……\n※联系方式:电话:0791-1234567\n|"
    )
    c = clean(raw)
    assert "版权" not in c.body
    assert "江南网" not in c.body
    assert c.outlet == "江南网(中国某省网)"


def test_it_keeps_reporter_and_outlet_as_metadata_out_of_the_body():
    c = clean(
        " date 2023-04-18 Jiangmen Daily News (Reporter/Hu Qingqing Correspondent/Li Zhaoan)"
        " Recently, X held."
    )
    assert c.outlet == "Jiangmen Daily News"
    assert c.reporter == "Hu Qingqing, Li Zhaoan"
    assert "Reporter" not in c.body
    assert "Jiangmen Daily" not in c.body
    assert c.body.splitlines()[0] == "date 2023-04-18"


def test_it_removes_a_chinese_byline_and_benbao():
    c = clean("本报讯 (记者 刘子璇) 8月4日,全市安全生产工作会议召开。")
    assert c.reporter == "刘子璇"
    assert c.body == "8月4日,全市安全生产工作会议召开。"


def test_it_removes_editor_and_source_lines():
    c = clean(
        "Cai Dong presided over the meeting.\n\nEdited by Zhao Xi\n\n"
        "Source: Jilin Provincial Government Network"
    )
    assert c.body == "Cai Dong presided over the meeting."
    assert c.outlet == "Jilin Provincial Government Network"


def test_it_drops_a_trailing_english_credit_as_the_reporter():
    c = clean("Members attended the meeting. (Tan Wan-wing, Emergency Management Agency)")
    assert c.body == "Members attended the meeting."
    assert c.reporter == "Tan Wan-wing"


def test_it_unglues_chinese_punctuation_inside_english():
    c = clean("held the meeting in 2023。Jiao Jiguo attended，and spoke。\nNext line")
    assert "2023. Jiao Jiguo attended, and spoke." in c.body


def test_it_separates_english_sentences_run_together():
    assert "February 11. Zhang Fei" in clean("on the evening of February 11.Zhang Fei attended").body


def test_it_turns_full_width_ascii_half_width_but_keeps_chinese_punctuation():
    c = clean("ＡＢＣ１２３，会议。")
    assert c.body == "ABC123，会议。"


def test_it_strips_pinyin_glosses_left_by_machine_conversion():
    assert clean("開發(fā)區(qū)召開火災(zāi)防控工作會議").body == "開發區召開火災防控工作會議"


def test_it_removes_navigation_lines_in_simplified_and_traditional():
    raw = "人民網\n人民網>>黑龍江頻道\n小字號\n分享到:\n黑龍江省政府召開會議\n正文第一句。"
    assert clean(raw).body.splitlines()[0] == "黑龍江省政府召開會議"


def test_it_keeps_the_publication_date_line():
    c = clean("索引号 abc-2025 发布日期: 2019-03-26 14:34\n来源 迎丰镇\n\n正文。")
    assert "2019-03-26" in c.body


def test_it_handles_empty_and_whitespace_text():
    assert clean("").body == ""
    assert clean(" \n\t ").body == ""
