"""A lexicon of official titles, Chinese and English, as regular expressions.

A Chinese title is a run of organisation words ending in a post (`市委副书记`, `镇应急管理和
生态环境局局长`, `集团领导`); an English title is a run of title words ending in a post noun
(`Deputy Secretary of the District Party Committee`, `District leaders`).
"""

from __future__ import annotations

import re

# Posts a Chinese title ends with. `长` alone covers 市长, 局长, 支队长, 董事长, 秘书长 ...
_ZH_POSTS = (
    "总书记|书记|常委|委员|主席|主任|领导|负责人|负责同志|经理|总裁|总监|总师|总工程师|工程师|调研员|巡视员|"
    "督察员|督导员|专员|政委|主委|参事|干事|助理|秘书|代表|检察长|审判长|行长|社长|会长|院长|校长|"
    "(?<![成增延家擅生首师班队连排营团军兵])长|队长|班子成员|成员"
)
ZH_TITLE_END = re.compile(rf"(?:{_ZH_POSTS})$")
# A post written right after a name: `周文斌支队长`, `徐张艳市长`, `习近平总书记`, `李强总理`.
ZH_POST_TITLE = re.compile(
    r"(?:总书记|副?总理|国务委员|副?书记|副?主席|副?主任|(?:常务)?副?(?:省|市|县|区|镇|乡|旗|州|盟|局|厅|处|科|部|院|"
    r"所|站|校|社|会|行|组|董事|秘书|检察|支队|大队|中队|队|总队)长|副?总经理|副?经理|总监|政委|委员|常委)(?!会)"
)
# Words that precede a title but are not part of it: `会议由`, `会上`, `在家的`.
ZH_TITLE_LEAD = re.compile(r".*(?:由|会上|会议|最后|随后|同时|其中|邀请|以及|并|的|和(?=[^、]{0,3}$))")
# Characters a title chain may contain (organisation and post words, the list mark, brackets).
ZH_TITLE_CHARS = re.compile(r"[\u4e00-\u9fff、（）()“”\"·]+$")

# English post nouns a title ends with.
EN_POSTS = (
    "secretary|secretary-general|mayor|governor|director|director-general|head|chief|leader|leaders|"
    "chairman|chairwoman|chairperson|chair|president|vice-president|member|members|minister|commissioner|"
    "manager|officer|inspector|commander|captain|deputy|premier|principal|representative|magistrate|"
    "administrator|superintendent|counsellor|counselor|procurator|procurator-general|supervisor|"
    "general manager|ceo|cadre|cadres|officials|official|directors|secretaries|mayors|governors|heads|chiefs|"
    "chairmen|ministers|commissioners|managers|deputies|magistrates|inspectors"
)
EN_POST_END = re.compile(rf"\b(?:{EN_POSTS})$", re.IGNORECASE)
EN_POST_ANY = re.compile(rf"\b(?:{EN_POSTS})\b", re.IGNORECASE)
# Lower-case words allowed inside an English title (capitalised words always are).
_EN_TITLE_WORDS = """of the and for in city county district town township municipal provincial province party
    committee
    committees government people's people’s peoples congress standing executive deputy vice secretary mayor
    governor director head chief leader leaders leading member members president chairman chairwoman
    commission
    general group office bureau department administration management working political consultative
    cpc municipality zone area state national safety security work production emergency affairs
    company corporation board manager committee's party's inspection discipline supervision public police
    fire rescue brigade detachment team station center centre authority agency council commissioner
    minister ministry officer inspector commander development high-tech economic technological new
    industrial park prefecture autonomous region regional local banner village villages street streets
    subdistrict sub-district league branch municipal's standing-committee full-time first second
    principal acting secretary-general director-general vice-president party-committee legal justice court
    procuratorate procurator transport transportation housing construction environment ecological
    environmental resources natural water health education market regulation administration's headquarters
    headquarter affairs' group's corporation's enterprise enterprises chief-executive ceo cadre cadres
    officials official executive-deputy"""
EN_TITLE_WORDS = frozenset(_EN_TITLE_WORDS.split())
