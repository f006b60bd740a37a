"""Chinese personal names: surnames in hanzi and pinyin, the pinyin syllable table, romanization.

Used to tell a name from any two characters (黄建军 vs 全市) and a romanized Chinese name
from capitalised English words (`Liang Shuang` vs `Party Working`, `Mount Tai`).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Common single-character surnames (the Hundred Family Surnames and modern frequency lists),
# minus characters that mostly work as function words in report prose (于 stays: it is common).
_SINGLE_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符"
    "舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农"
    "司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米杭宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商"
    "刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟"
    "冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬"
    "来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸吉孙操缑郗衣励竺秘晏"
    "佴郦贲逄隗郇宓蓟钮步木傅"
)
SINGLE_SURNAMES: frozenset[str] = frozenset(_SINGLE_SURNAMES)

COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "Ouyang",
    "司马": "Sima",
    "诸葛": "Zhuge",
    "上官": "Shangguan",
    "东方": "Dongfang",
    "皇甫": "Huangfu",
    "尉迟": "Yuchi",
    "公孙": "Gongsun",
    "慕容": "Murong",
    "长孙": "Zhangsun",
    "宇文": "Yuwen",
    "司徒": "Situ",
    "司空": "Sikong",
    "夏侯": "Xiahou",
    "轩辕": "Xuanyuan",
    "令狐": "Linghu",
    "端木": "Duanmu",
    "独孤": "Dugu",
    "南宫": "Nangong",
    "西门": "Ximen",
    "万俟": "Moqi",
    "闻人": "Wenren",
    "澹台": "Tantai",
    "钟离": "Zhongli",
    "宗政": "Zongzheng",
    "濮阳": "Puyang",
    "太史": "Taishi",
    "申屠": "Shentu",
    "公冶": "Gongye",
    "赫连": "Helian",
    "呼延": "Huyan",
    "左丘": "Zuoqiu",
    "拓跋": "Tuoba",
    "单于": "Chanyu",
    "鲜于": "Xianyu",
    "闾丘": "Lüqiu",
    "公羊": "Gongyang",
    "百里": "Baili",
    "东郭": "Dongguo",
    "第五": "Diwu",
}

# Surname readings pypinyin gets wrong because it reads the character's common sound.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "覃": "qin",
    "乐": "yue",
    "盖": "ge",
    "翟": "zhai",
    "缪": "miao",
    "尉": "wei",
    "召": "shao",
    "员": "yun",
    "种": "chong",
    "秘": "bi",
    "冼": "xian",
    "宓": "mi",
    "折": "she",
    "那": "na",
    "贲": "ben",
    "逄": "pang",
    "句": "gou",
    "隗": "wei",
    "郇": "huan",
    "繁": "po",
    "沈": "shen",
    "重": "chong",
    "柏": "bai",
    "薄": "bo",
    "藏": "zang",
    "纪": "ji",
    "粘": "nian",
    "燕": "yan",
    "卜": "bu",
    "任": "ren",
    "华": "hua",
    "石": "shi",
    "都": "du",
    "黑": "he",
    "能": "nai",
    "阚": "kan",
    "过": "guo",
    "长": "chang",
    "曲": "qu",
    "车": "che",
    "葛": "ge",
    "便": "pian",
    "蕃": "pi",
    "适": "kuo",
    "佴": "nai",
    "祭": "zhai",
    "亓": "qi",
    "尧": "yao",
    "眭": "sui",
    "阿": "a",
    "万": "wan",
    "俞": "yu",
    "相": "xiang",
    "朝": "chao",
    "炅": "gui",
}

_SYLLABLES = (
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao "
    "ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui "
    "chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei deng di dian diao die ding diu "
    "dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge "
    "gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou "
    "hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka "
    "kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei "
    "leng li lia lian liang liao lie lin ling liu long lou lu luan lue lun luo lv lve lyu ma mai man mang "
    "mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni "
    "nian niang niao nie nin ning niu nong nu nuan nue nuo nv nve o ou pa pai pan pang pao pei pen peng "
    "pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun "
    "ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai "
    "shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou "
    "su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo "
    "wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya "
    "yan yang yao ye yi yin ying yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai "
    "zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou "
    "zu zuan zui zun zuo"
)
PINYIN_SYLLABLES: frozenset[str] = frozenset(_SYLLABLES.split())
_MAX_SYLLABLE = max(len(s) for s in PINYIN_SYLLABLES)


def _build_pinyin_surnames() -> frozenset[str]:
    out = {v.lower().replace("ü", "v") for v in COMPOUND_SURNAMES.values()}
    for ch in SINGLE_SURNAMES:
        out.add(SURNAME_READINGS.get(ch) or lazy_pinyin(ch)[0])
    out |= set(SURNAME_READINGS.values())
    out |= {"lu", "lyu", "lv"}  # 吕 is written Lu, Lv or Lyu
    out.discard("a")  # "A" starts English sentences; 阿 as a surname is rare in reports
    return frozenset(out)


@lru_cache(maxsize=1)
def pinyin_surnames() -> frozenset[str]:
    """Surnames in pinyin, lower case ("zhang", "ouyang")."""
    return _build_pinyin_surnames()


@lru_cache(maxsize=4096)
def pinyin_split(word: str, max_syllables: int = 3) -> tuple[str, ...] | None:
    """Split a lower-case word into pinyin syllables ("jiguo" -> ("ji", "guo")), or None.

    Prefers the fewest syllables; apostrophes and hyphens are syllable breaks.
    """
    word = word.lower()
    parts = re.split(r"[-'’]", word)
    out: list[str] = []
    for part in parts:
        split = _split_part(part)
        if split is None:
            return None
        out.extend(split)
    if not out or len(out) > max_syllables:
        return None
    return tuple(out)


def _split_part(part: str) -> list[str] | None:
    if not part or len(part) > 18 or not part.isascii() or not part.isalpha():
        return None
    n = len(part)
    # best[i]: fewest syllables covering part[i:], or None; a small DP, bounded by the length cap.
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        choice: list[str] | None = None
        for j in range(min(n, i + _MAX_SYLLABLE), i, -1):
            rest = best[j]
            if (
                rest is not None
                and part[i:j] in PINYIN_SYLLABLES
                and (choice is None or len(rest) + 1 < len(choice))
            ):
                choice = [part[i:j], *rest]
        best[i] = choice
    return best[0]


def is_pinyin_name(surname: str, given: str) -> bool:
    """`Liang Shuang` yes; `Party Working`, `Mount Tai`, `Tan Wan-wing` no."""
    if surname.lower() not in pinyin_surnames():
        return False
    return pinyin_split(given, 2) is not None


def split_hanzi_name(name: str) -> tuple[str, str]:
    """(surname, given) for a Chinese name; a name without a known surname has an empty surname."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    if name[:1] in SINGLE_SURNAMES or name[:1] in SURNAME_READINGS:
        return name[:1], name[1:]
    return "", name


def lazy_pinyin(text: str, errors: str = "default") -> list[str]:
    """pypinyin's `lazy_pinyin`, each word's reading cached.

    pypinyin segments the text into dictionary words and reads each word on its own, so the
    readings of the words are the reading of the text. Names are mostly new as wholes but made
    of words met before, and reading a word costs ~20x looking it up.
    """
    from pypinyin.seg.simpleseg import seg

    return [syllable for word in seg(text) for syllable in _word_pinyin(word, errors)]


@lru_cache(maxsize=32_768)
def _word_pinyin(word: str, errors: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin as read

    return tuple(read(word, errors=errors))


@lru_cache(maxsize=65_536)
def name_to_pinyin(name_zh: str) -> str:
    """陈敏 -> "Chen Min", 曾建辉 -> "Zeng Jianhui", 欧阳修 -> "Ouyang Xiu"."""
    name = "".join(ch for ch in name_zh if not ch.isspace() and ch not in "·•・")
    if not name:
        return ""
    surname, given = split_hanzi_name(name)
    given_py = "".join(lazy_pinyin(given, errors="ignore")).replace("ü", "v")
    if not surname:
        return given_py.capitalize()
    if surname in COMPOUND_SURNAMES:
        sur_py = COMPOUND_SURNAMES[surname]
    else:
        sur_py = (SURNAME_READINGS.get(surname) or "".join(lazy_pinyin(surname))).capitalize()
    return f"{sur_py} {given_py.capitalize()}".strip()
