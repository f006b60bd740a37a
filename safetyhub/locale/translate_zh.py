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
    "Bad request": "请求有误",
    "The address or form could not be understood.": "无法识别该地址或表单内容。",
    "Forbidden": "无权访问",
    "You do not have permission to see this page.": "您没有查看此页面的权限。",
    "There is no page at this address. It may have been merged or removed.": "此地址没有页面，可能已被合并或删除。",
    "Server error": "服务器错误",
    "Something went wrong": "出错了",
    "The error has been logged. Please try again, or go back to the start page.": "错误已记录。请重试，或返回首页。",
    "Temporarily unavailable": "暂时无法使用",
    "The service is temporarily unavailable. Please try again in a minute.": "服务暂时无法使用，请一分钟后重试。",
    "Reload this page in a minute; no restart is needed on your side.": "请一分钟后刷新本页，您无需做其他操作。",
    "about %(count)s": "约 %(count)s 条",
    "Show all": "显示全部",
    "Choose the official to keep. The others stay as merged records pointing at it; their names become its aliases, their attendances and directives move to it, and future ingests attach to it.": "请选择要保留的官员。其余记录将作为已合并记录指向它：其姓名成为它的别名，其出席记录和工作要求转到它名下，今后导入的报道也会关联到它。",
    "Keep": "保留",
    "Cancel": "取消",
    "The database cannot be reached right now. Please try again in a minute.": "暂时无法连接数据库，请一分钟后重试。",
    "The database is read-only at the moment, so changes cannot be saved. Try again later; nothing you saw has been lost.": "数据库目前为只读状态，修改无法保存。请稍后重试；您看到的内容都没有丢失。",
    "The database server has run out of space, so changes cannot be saved. An administrator has to free disk space.": "数据库服务器磁盘空间已满，修改无法保存，需要管理员释放磁盘空间。",
    "held on (year, month, day)": "召开日期（年、月、日）",
    "Hand back to extraction": "交还自动抽取",
    "Ticked fields are no longer yours: on save they are extracted again from the raw text.": "勾选的字段将不再由编辑锁定：保存时会从原始文本重新抽取。",
    "Enter a year between 1949 and 2100.": "请输入 1949 至 2100 之间的年份。",
    "Enter a month from 1 to 12.": "请输入 1 至 12 的月份。",
    "A day needs a month.": "填写日须同时填写月。",
    "Enter a day from 1 to 31.": "请输入 1 至 31 的日。",
    "That day does not exist in that month.": "该月没有这一天。",
    "Tick at least one role.": "请至少勾选一个角色。",
    "attendances (officials, roles, title as written)": "出席记录（官员、角色、原文职务）",
    "Title, text, or an official's name in hanzi or pinyin.": "标题、正文，或官员姓名（汉字或拼音）。",
    "Raw text as received": "收到的原始文本",
    "Select this object for an action - {}": "选择此对象以执行操作 - {}",
    "Nothing: extraction settled every fact.": "无：所有事实均已由自动抽取确定。",
    "owned by editors": "编辑锁定",
    "Fields:": "字段：",
    "Extracted facts deleted by editors (re-ingest will not restore them):": "编辑删除的抽取事实（重新导入不会恢复）：",
    "Nothing yet: every field follows extraction.": "暂无：所有字段均以自动抽取为准。",
    "cleaned text with extracted facts marked": "清理后正文（标出抽取的事实）",
    "The text was edited; marks point into the extracted text.": "正文已被编辑；标记指向抽取时的文本。",
    "Handed back to extraction and re-extracted: %s": "已交还自动抽取并重新抽取：%s",
    "Mark selected meetings reviewed": "将所选会议标为已审核",
    "%d meeting marked reviewed.": "已将 %d 个会议标为已审核。",
    "Send selected meetings back to the review queue": "将所选会议退回待审核队列",
    "%d meetings sent back to the review queue.": "已将 %d 个会议退回待审核队列。",
    "Re-extract selected meetings (editor-owned facts stay)": "重新抽取所选会议（保留编辑锁定的内容）",
    "%d meeting re-extracted.": "已重新抽取 %d 个会议。",
    "The others become its aliases; their attendances and directives move to it.": "其余官员的姓名成为它的别名，其出席记录和工作要求转到它名下。",
    "Name in hanzi or pinyin, an alias, or a title as written (市长).": "姓名（汉字或拼音）、别名，或原文职务（如“市长”）。",
    "Merge selected officials into one": "将所选官员合并为一人",
    "Select at least two officials that are not merged yet.": "请至少选择两名尚未合并的官员。",
    "Merged %(names)s into %(survivor)s: %(moved)d attendances moved, %(combined)d combined, %(directives)d directives moved.": "已将 %(names)s 合并到 %(survivor)s：转移出席记录 %(moved)d 条，合并 %(combined)d 条，转移工作要求 %(directives)d 条。",
    "Leave blank to number it under its parent (e.g. 2202Z01).": "留空则在上级地区下自动编号（如 2202Z01）。",
    "A development zone belongs under a prefecture or county.": "开发区须隶属于地级或县级地区。",
    "The code must extend the parent's code %(code)s.": "代码须以上级地区代码 %(code)s 开头。",
    "A region with this code exists.": "已有使用此代码的地区。",
    "Code (prefix), Chinese or English name.": "代码（前缀）、中文或英文名称。",
    "One per line.": "每行一个。",
    "Keywords changed. Run “Re-tag meetings” on this sector to re-extract the meetings they match.": "关键词已修改。请对此领域执行“重新标注会议”，以重新抽取匹配的会议。",
    "Re-tag meetings: re-extract those that mention or carry these sectors": "重新标注会议：重新抽取提及或已标注这些领域的会议",
    "archive version": "档案版本",
    "The region was found with low confidence": "地区识别的置信度较低",
    "The meeting date has no year": "会议日期缺少年份",
    "Not found": "未找到页面",
    "Review queue": "待审核队列",
    "Merge officials": "合并官员",
    "Aliases": "别名",
    "Home region": "所在地区",
    "Merge": "合并",
    "province": "省份",
    "merge state": "合并状态",
    "Active": "有效",
    "Merged into another": "已合并到他人",
    "✎ Editor-owned: re-ingest leaves it alone.": "✎ 编辑锁定：重新导入不会覆盖。",
    "Review": "审核",
    "Editor ownership": "编辑锁定",
    "Extracted text": "抽取文本",
    "Edit the cleaned text": "编辑清理后正文",
    "held": "召开日期",
    "review": "审核",
    "needs attention because": "待处理原因",
    "Keep this official": "保留这名官员",
    "keywords": "关键词",
    "No region was found": "未识别到地区",
    "No meeting date was found": "未识别到会议日期",
    "No officials were found": "未识别到官员",
    "All dates": "全部日期",
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


def _unfuzz(block: str) -> str:
    """An entry msgmerge guessed (fuzzy, usually from a different string) whose msgid the
    table knows: drop the guess so the table's text goes in; others are left for review."""
    lines = block.split("\n")
    if not any(line.startswith("#,") and "fuzzy" in line for line in lines):
        return block
    match = _ENTRY.search(block + "\n")
    if match is None or ZH.get(_unquote(match.group(2))) is None:
        return block
    out = []
    in_msgstr = False
    for line in lines:
        if line.startswith("#|"):  # the msgid msgmerge guessed from
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() not in ("", "fuzzy")]
            if flags:
                out.append("#, " + ", ".join(flags))
            continue
        if line.startswith("msgstr"):
            in_msgstr = True
            out.append(line.split(" ", 1)[0] + ' ""')
            continue
        if in_msgstr and line.startswith('"'):
            continue
        in_msgstr = False
        out.append(line)
    return "\n".join(out)


def main() -> int:
    po = PO.read_text(encoding="utf-8")
    po = po.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"', '"Plural-Forms: nplurals=1; plural=0;\\n"'
    )
    po = "\n\n".join(_unfuzz(block) for block in po.split("\n\n"))
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
    header, _, entries = po.partition("\n\n")  # a new catalogue's header comes marked fuzzy
    po = header.replace("#, fuzzy\n", "", 1) + "\n\n" + entries
    PO.write_text(po, encoding="utf-8")
    for m in missing:
        print(f"untranslated: {m!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
