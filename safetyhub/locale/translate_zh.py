"""Fill the Simplified Chinese catalogue from the table below; run after makemessages.

    python manage.py makemessages -l zh_Hans --ignore='tests/*' --ignore='bench/*' --ignore='var/*'
    python safetyhub/locale/translate_zh.py && python manage.py compilemessages -l zh_Hans

Entries already translated in the .po (e.g. by hand) are kept.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"

ZH = {
    "Skip to content": "跳到正文",
    "Main": "主导航",
    "Meetings": "会议",
    "Directives": "工作要求",
    "Admin": "管理后台",
    "SafetyHub — an archive of work-safety meeting reports.": "SafetyHub — 安全生产会议报道档案库。",
    "JSON API": "JSON 接口",
    "Search directives": "搜索工作要求",
    "Search": "搜索",
    "Filters": "筛选",
    "Clear all": "全部清除",
    "Hazard sector": "行业领域",
    "Issuer": "提出者",
    "Nothing to choose here.": "暂无可选项。",
    "Region and date": "地区与日期",
    "Region code": "行政区划代码",
    "From": "起",
    "To": "止",
    "Apply": "应用",
    "%(n)s directive": "%(n)s 条工作要求",
    "The meeting": "会议",
    "No directives match these filters.": "没有符合条件的工作要求。",
    "Home": "首页",
    "Work-safety meetings, searchable": "安全生产会议，一搜即得",
    "Reports of safety-production meetings across China, with the officials, directives and hazard sectors "
    "in each.": "全国各地安全生产会议报道，含每次会议的出席官员、工作要求和行业领域。",
    "meetings": "次会议",
    "officials": "名官员",
    "directives": "条工作要求",
    "regions": "个地区",
    "Latest meetings": "最新会议",
    "All meetings": "全部会议",
    "No meetings yet. Load reports with: python manage.py ingest seeds/": (
        "还没有会议。导入报道：python manage.py ingest seeds/"
    ),
    "Meetings per month": "每月会议数",
    "Hazard sectors": "行业领域",
    "Breadcrumb": "位置",
    "Edit in admin": "在后台编辑",
    "Held": "召开日期",
    "unknown": "不详",
    "Published": "发布日期",
    "Region": "地区",
    "Type": "类型",
    "Language": "语言",
    "Source": "来源",
    "Sectors": "行业领域",
    "none found": "未识别",
    "Report": "报道原文",
    "Highlighted: facts the extractor found. Hover or focus one to see what it is.": (
        "高亮部分为自动提取的信息，鼠标悬停或聚焦即可查看。"
    ),
    "official": "官员",
    "directive": "工作要求",
    "sector": "行业",
    "date": "日期",
    "region": "地区",
    "Show the raw text": "显示原始文本",
    "Officials": "官员",
    "Show in text": "在原文中查看",
    "No officials found.": "未识别到官员。",
    "No directives found.": "未识别到工作要求。",
    "Related meetings": "相关会议",
    "None yet.": "暂无。",
    "Meetings feed": "会议订阅",
    "Active filters": "当前筛选条件",
    "Remove filter %(label)s": "移除筛选条件 %(label)s",
    "All regions": "全部地区",
    "%(n)s more": "另外 %(n)s 项",
    "%(n)s meeting": "%(n)s 次会议",
    "Sort": "排序",
    "Sort:": "排序：",
    "Date": "日期",
    "Relevance": "相关度",
    "Export": "导出",
    "Atom feed": "Atom 订阅",
    "No meetings match these filters.": "没有符合条件的会议。",
    "Merged into": "已合并到",
    "Home region:": "所在地区：",
    "Also written:": "其他写法：",
    "All their meetings in the list": "在列表中查看其全部会议",
    "Titles over time": "历任职务",
    "No titles recorded.": "未记录职务。",
    "None.": "无。",
    "Directives issued": "提出的工作要求",
    "published": "发布于",
    "Presided:": "主持：",
    "Pages": "分页",
    "Previous": "上一页",
    "Next": "下一页",
    "Search meetings": "搜索会议",
    "Search meetings, e.g. 危化品 or fireworks": "搜索会议，例如 危化品 或 fireworks",
    "Browse them": "浏览",
    "Sub-regions": "下级地区",
    "More": "更多",
    "Sector mix": "行业分布",
    "Monthly trend": "月度趋势",
    "Top regions": "主要地区",
    "Latest directives": "最新工作要求",
    "Meeting type": "会议类型",
    "Official": "官员",
    "SafetyHub: meetings": "SafetyHub：会议",
    "Newest work-safety meetings matching the list's filters.": "符合列表筛选条件的最新安全生产会议。",
    "Sector": "行业",
    "%(day)s %(month)s, year unknown": "%(month)s %(day)s日（年份不详）",
    "%(month)s, year unknown": "%(month)s（年份不详）",
    "Title": "标题",
    "Meeting date": "会议日期",
    "Publication date": "发布日期",
    "Sector: %(name)s": "行业：%(name)s",
    "Official: %(name)s (%(roles)s)": "官员：%(name)s（%(roles)s）",
    "the meeting": "会议",
    "Directive issued by %(issuer)s": "工作要求，提出者：%(issuer)s",
    "National": "全国",
    "Province": "省级",
    "Prefecture": "地级",
    "County": "县级",
    "Development zone": "开发区",
    "Township": "乡镇",
    "code": "代码",
    "Chinese name": "中文名",
    "English name": "英文名",
    "level": "级别",
    "parent": "上级",
    "latitude": "纬度",
    "longitude": "经度",
    "from the gazetteer": "来自区划表",
    "False for zones and townships added at ingest or by editors.": "导入或编辑时新增的开发区、乡镇为否。",
    "slug": "标识",
    "English keywords": "英文关键词",
    "Chinese keywords": "中文关键词",
    "sectors": "行业领域",
    "aliases": "别名",
    "Other spellings, kept when duplicates are merged.": "其他写法，合并重复项时保留。",
    "home region": "所在地区",
    "merged into": "合并到",
    "Safety committee plenary": "安委会全体会议",
    "Expanded meeting": "扩大会议",
    "Work conference": "工作会议",
    "On-site meeting": "现场会",
    "Scheduling meeting": "调度会",
    "Video/teleconference": "视频会议",
    "Joint meeting": "联席会议",
    "Executive meeting": "常务会议",
    "Deployment meeting": "部署会",
    "Warning education meeting": "警示教育会",
    "Other meeting": "其他会议",
    "Simplified Chinese": "简体中文",
    "Traditional Chinese": "繁体中文",
    "English": "英文",
    "Mixed": "混合",
    "Unreviewed": "未审核",
    "Needs attention": "待处理",
    "Reviewed": "已审核",
    "title": "标题",
    "source outlet": "来源媒体",
    "reporter": "记者",
    "published on": "发布日期",
    "year held": "召开年份",
    "month held": "召开月份",
    "day held": "召开日",
    "held on": "召开日期",
    "Set when the date is complete.": "日期完整时填写。",
    "sort date": "排序日期",
    "region confidence": "地区置信度",
    "meeting type": "会议类型",
    "language": "语言",
    "cleaned text": "清理后正文",
    "raw text": "原始文本",
    "content hash": "内容哈希",
    "fact spans": "信息位置",
    "editor-owned fields": "编辑锁定字段",
    "Fields re-ingest leaves alone.": "重新导入时不会覆盖的字段。",
    "review state": "审核状态",
    "attention reasons": "待处理原因",
    "meeting": "会议",
    "path or URL": "路径或网址",
    "file hash": "文件哈希",
    "source": "来源",
    "sources": "来源",
    "presided": "主持",
    "spoke": "讲话",
    "attended": "出席",
    "gave instructions": "作出批示",
    "reported": "通报",
    "title as written": "原文职务",
    "titles": "职务",
    "editor-owned": "编辑锁定",
    "Added or changed by an editor; re-ingest leaves it alone.": "由编辑添加或修改；重新导入时保留。",
    "attendance": "出席记录",
    "attendances": "出席记录",
    "text": "内容",
    "order": "顺序",
    "There is no such page.": "没有这一页。",
    "%(n)s meetings from %(start)s to %(end)s; busiest month %(peak)s.": (
        "%(start)s至%(end)s共 %(n)s 次会议；最多的月份是%(peak)s。"
    ),
    "Search: “%(q)s”": "搜索：“%(q)s”",
    "Region: %(name)s": "地区：%(name)s",
    "Official: %(name)s": "官员：%(name)s",
    "From %(date)s": "自 %(date)s",
    "To %(date)s": "至 %(date)s",
    "Meetings by hazard sector": "各行业领域会议数",
    "Meetings per year": "每年会议数",
    "Meetings per month in %(year)s": "%(year)s年每月会议数",
    "Issuer: %(name)s": "提出者：%(name)s",
    "Directives per year": "每年工作要求数",
    "Directives per month in %(year)s": "%(year)s年每月工作要求数",
    "Pages of meetings": "会议分页",
    "Pages of directives": "工作要求分页",
    "No such meeting.": "没有这次会议。",
    "No such official.": "没有这名官员。",
    "%(sector)s: meetings per month": "%(sector)s：每月会议数",
    "简体中文": "简体中文",
    "Jump to": "跳转到",
    "Meeting": "会议",
}

_ENTRY = re.compile(
    r'((?:msgctxt .*\n(?:".*"\n)*)?msgid (".*"\n(?:".*"\n)*)(?:msgid_plural (?:".*"\n)+)?)'
    r'((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)'
)


def _unquote(block: str) -> str:
    return "".join(
        bytes(line.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for line in block.strip().splitlines()
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    po = PO.read_text(encoding="utf-8")
    po = po.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"', '"Plural-Forms: nplurals=1; plural=0;\\n"'
    )
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        head, msgid_block, msgstr_block = match.group(1), match.group(2), match.group(3)
        msgid = _unquote(msgid_block)
        if not msgid:
            return match.group(0)
        existing = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n)+)', msgstr_block)
        if existing and any(_unquote(e) for e in existing):
            return match.group(0)
        text = ZH.get(msgid)
        if text is None:
            missing.append(msgid)
            return match.group(0)
        plural = "msgid_plural" in head
        return head + (f"msgstr[0] {_quote(text)}\n" if plural else f"msgstr {_quote(text)}\n")

    po = _ENTRY.sub(fill, po)
    po = po.replace("#, fuzzy\n", "", 1)
    PO.write_text(po, encoding="utf-8")
    for m in missing:
        print(f"untranslated: {m!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
