"""Who an owner (责任主体) is: an organisation, or a natural person who must never be
named in anything published (个人, 个体工商户, a 个体养殖户).

Three signs, strongest first:

1. what a person said: the ledger's 责任主体类型 column, or the kind chosen in the app;
2. the unified social credit code (GB 32100-2015): its first character names the
   registration authority and its second the kind of body; "92" is a 个体工商户
   registered with market regulation, legally a natural person's business;
3. the name's form: "个人", "个体", a household ("…养殖户", "…农户"), a withheld name
   ("张某"), or a bare personal name (a surname and one to three characters, with none of
   the words organisations end in).

A name alone is a weak sign, so it is read in the direction that protects people: a
short name that could be a person's is taken as one.
"""

from __future__ import annotations

import re
import unicodedata

from inspector.domain.choices import OwnerKind
from inspector.domain.credit_code import normalise, problem

#: GB 32100-2015, characters 1-2 (登记管理部门代码 + 机构类别代码).
_BY_CODE: dict[str, OwnerKind] = {
    "11": OwnerKind.GOVERNMENT,  # 机构编制: 机关
    "12": OwnerKind.INSTITUTION,  # 机构编制: 事业单位
    "13": OwnerKind.OTHER,  # 中央编办直接管理的群众团体
    "19": OwnerKind.OTHER,
    "91": OwnerKind.ENTERPRISE,  # 工商 (市场监管): 企业
    "92": OwnerKind.INDIVIDUAL,  # 工商: 个体工商户
    "93": OwnerKind.OTHER,  # 工商: 农民专业合作社
    "A1": OwnerKind.INSTITUTION,  # 军队事业单位
    "N1": OwnerKind.VILLAGE,  # 农业: 组级集体经济组织
    "N2": OwnerKind.VILLAGE,  # 农业: 村级集体经济组织
    "N3": OwnerKind.VILLAGE,  # 农业: 乡镇级集体经济组织
    "N9": OwnerKind.VILLAGE,
}

#: Words in organisations' names that are never part of a person's name.
_ORGANISATION_WORDS = (
    "公司", "集团", "企业", "工厂", "中心", "政府", "机关", "单位", "医院", "学校", "社区",
    "协会", "合作", "基地", "项目", "工程", "小区", "物业", "宾馆", "酒店", "服务", "管理",
    "开发", "有限", "股份", "委员会", "办事处", "银行", "养殖场", "加工", "农场", "林场",
)  # fmt: skip
#: Single characters organisations' names end in ("…厂", "…村"). People's given names
#: use them too ("李园", "张会"), so they count only after at least two characters.
_ORGANISATION_ENDINGS = frozenset("厂矿场站店行部社所院校园馆局委会处办队村组司庄")
#: Words that say a person: a household, a self-employed trader, a withheld name.
_PERSON_WORDS = ("个人", "个体", "自然人", "农户", "养殖户", "种植户", "经营户", "住户", "散户")
#: The hundred commonest surnames (about 85 % of people) and the compound ones.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
    "欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
    "蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
)
_HAN = re.compile(r"^[\u4e00-\u9fff·]+$")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def kind_from_credit_code(code: str | None) -> OwnerKind | None:
    """The kind a valid credit code registers, or None (no code, or not a valid one)."""
    if not code:
        return None
    text = normalise(code)
    if problem(text) is not None:
        return None
    return _BY_CODE.get(text[:2], OwnerKind.OTHER)


def kind_from_name(name: str | None) -> OwnerKind | None:
    """What a name's form says: a person, a government, or nothing certain."""
    if not name:
        return None
    text = "".join(unicodedata.normalize("NFKC", name).split())
    if any(word in text for word in _PERSON_WORDS):
        return OwnerKind.INDIVIDUAL
    if text.endswith("人民政府"):
        return OwnerKind.GOVERNMENT
    bare = _BRACKETS.sub("", text)
    if not bare or any(word in bare for word in _ORGANISATION_WORDS):
        return None
    if len(bare) >= 3 and bare[-1] in _ORGANISATION_ENDINGS:
        return None
    if not _HAN.match(bare):
        return None
    if "·" in bare:  # a transliterated personal name (买买提·艾力)
        return OwnerKind.INDIVIDUAL
    if bare.endswith("某"):
        return OwnerKind.INDIVIDUAL
    given = None
    for surname in _COMPOUND_SURNAMES:
        if bare.startswith(surname):
            given = bare[len(surname) :]
            break
    if given is None and bare[0] in _SURNAMES:
        given = bare[1:]
    if given is not None and 1 <= len(given.replace("·", "")) <= 3:
        return OwnerKind.INDIVIDUAL
    return None


def classify(
    name: str | None, credit_code: str | None, stated: OwnerKind | None = None
) -> OwnerKind:
    """The owner's kind: what a person said, else the credit code, else the name."""
    if stated is not None:
        return stated
    return kind_from_credit_code(credit_code) or kind_from_name(name) or OwnerKind.ENTERPRISE


def is_private_person(name: str | None, credit_code: str | None, stored_kind: str | None) -> bool:
    """Whether an owner must be published as （个人）.

    `stored_kind` is the kind on record. Any kind but the default (enterprise) was set
    on purpose (by the credit code, the ledger, or a person in the app) and is believed;
    the default may never have been decided (owners imported before kinds were read
    from ledgers, or made in the app without choosing), so it is checked again against
    the credit code and the name."""
    if stored_kind == OwnerKind.INDIVIDUAL:
        return True
    if stored_kind not in (None, "", OwnerKind.ENTERPRISE):
        return False
    return classify(name, credit_code) is OwnerKind.INDIVIDUAL
