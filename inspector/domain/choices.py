"""Enumerated values: stable keys stored in the database, with Chinese and English labels.

Keys never change once shipped (they travel in sync bundles between versions); labels may.
`Choice.parse` accepts the key, either label, or an alias seen in county spreadsheets.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Self

_DROP = str.maketrans("", "", " _-·./、()\t")


def fold(text: str) -> str:
    """Normalise user text for matching: full-width to half-width, case, spaces, dashes."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_DROP)


class Choice(StrEnum):
    """A key with its two labels. Members are declared as `KEY = ("key", "中文", "English")`."""

    zh: str
    en: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, zh: str, en: str, *aliases: str) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.zh = zh
        obj.en = en
        obj.aliases = aliases
        return obj

    @classmethod
    def of(cls, key: str) -> Self:
        """The member stored as `key`; raises ValueError for an unknown key.

        `State("closed")` does the same at run time, but the custom `__new__` hides that
        from type checkers."""
        member = cls._value2member_map_.get(key)
        if member is None:
            raise ValueError(f"{key!r} is not a {cls.__name__}")
        return member  # type: ignore[return-value]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def lookup(cls) -> dict[str, Self]:
        table: dict[str, Self] | None = cls.__dict__.get("_lookup_table")
        if table is None:
            table = {}
            for member in cls:
                for text in (member.value, member.zh, member.en, *member.aliases):
                    table.setdefault(fold(text), member)
            type.__setattr__(cls, "_lookup_table", table)
        return table

    @classmethod
    def parse(cls, text: str) -> Self | None:
        """The member named by `text` (key, label or alias), or None."""
        # A ledger repeats the same few words a hundred thousand times: remember them.
        cache: dict[str, Self | None] | None = cls.__dict__.get("_parse_cache")
        if cache is None:
            cache = {}
            type.__setattr__(cls, "_parse_cache", cache)
        try:
            return cache[text]
        except KeyError:
            found = cls.lookup().get(fold(text))
            if len(cache) < 10_000:
                cache[text] = found
            return found


class State(Choice):
    """Lifecycle of an outfall (DESIGN §3)."""

    SUSPECTED = ("suspected", "疑似", "Suspected", "疑似排污口", "待核实")
    CONFIRMED = ("confirmed", "已核实", "Confirmed", "已排查", "待溯源", "溯源中", "核实")
    REJECTED = ("rejected", "非排污口", "Not an outfall", "已排除", "核实非排污口")
    TRACED = ("traced", "已溯源", "Traced", "已明确责任主体", "待整治")
    IN_REMEDIATION = ("in_remediation", "整治中", "In remediation", "正在整治", "整治推进中")
    REMEDIATED = ("remediated", "已整治", "Remediated", "已完成整治", "整治完成")
    PRE_CLOSED = ("pre_closed", "预销号", "Pre-closed", "县级预销号", "已预销号")
    CLOSED = ("closed", "已销号", "Closed", "市级销号", "销号")
    IN_SERVICE = ("in_service", "长效监管", "In service", "保留", "已规范", "保留监管")
    ABOLISHED = ("abolished", "已取缔", "Abolished", "已注销", "已合并", "已封堵")


class Category(Choice):
    """HJ 1312-2023 outfall classification, flattened; the dots give the tree."""

    INDUSTRIAL = ("industrial", "工业排污口", "Industrial outfall")
    IND_ENTERPRISE = (
        "industrial.enterprise",
        "工矿企业排污口",
        "Industrial or mining enterprise outfall",
    )
    IND_ENT_FACTORY = (
        "industrial.enterprise.factory",
        "工业企业排污口",
        "Industrial enterprise outfall",
    )
    IND_ENT_MINE = ("industrial.enterprise.mine", "矿山排污口", "Mine outfall")
    IND_ENT_TAILINGS = ("industrial.enterprise.tailings", "尾矿库排污口", "Tailings pond outfall")
    IND_STORM = ("industrial.storm", "工矿企业雨洪排口", "Industrial or mining stormwater outlet")
    IND_STORM_FACTORY = (
        "industrial.storm.factory",
        "工业企业雨洪排口",
        "Industrial enterprise stormwater outlet",
    )
    IND_STORM_MINE = ("industrial.storm.mine", "矿山雨洪排口", "Mine stormwater outlet")
    IND_STORM_TAILINGS = (
        "industrial.storm.tailings",
        "尾矿库雨洪排口",
        "Tailings pond stormwater outlet",
    )
    IND_PARK_WWTP = (
        "industrial.park_wwtp",
        "工业及其他各类园区污水处理厂排污口",
        "Industrial park wastewater plant outfall",
        "园区污水处理厂排污口",
    )
    IND_PARK_STORM = (
        "industrial.park_storm",
        "工业及其他各类园区污水处理厂雨洪排口",
        "Industrial park wastewater plant stormwater outlet",
        "园区污水处理厂雨洪排口",
    )
    URBAN_WWTP = (
        "urban_wwtp",
        "城镇污水处理厂排污口",
        "Urban wastewater plant outfall",
        "污水处理厂排污口",
    )
    AGRICULTURAL = ("agricultural", "农业排口", "Agricultural outlet")
    AGR_LIVESTOCK = (
        "agricultural.livestock",
        "规模化畜禽养殖排污口",
        "Large-scale livestock farm outfall",
    )
    AGR_AQUACULTURE = (
        "agricultural.aquaculture",
        "规模化水产养殖排污口",
        "Large-scale aquaculture outfall",
    )
    OTHER = ("other", "其他排口", "Other outlet", "其它排口")
    OTH_IRRIGATION = ("other.irrigation", "大中型灌区排口", "Irrigation district outlet")
    OTH_PORT = ("other.port", "港口码头排口", "Port or wharf outlet")
    OTH_SMALL_LIVESTOCK = (
        "other.small_livestock",
        "规模以下畜禽养殖排污口",
        "Small livestock farm outfall",
    )
    OTH_SMALL_AQUACULTURE = (
        "other.small_aquaculture",
        "规模以下水产养殖排污口",
        "Small aquaculture outfall",
    )
    OTH_URBAN_SEWAGE = ("other.urban_sewage", "城镇生活污水散排口", "Scattered urban sewage outlet")
    OTH_RURAL_WWTP = (
        "other.rural_wwtp",
        "农村污水处理设施排污口",
        "Rural wastewater facility outfall",
    )
    OTH_RURAL_SEWAGE = ("other.rural_sewage", "农村生活污水散排口", "Scattered rural sewage outlet")
    OTH_URBAN_STORM = (
        "other.urban_storm",
        "城镇雨洪排口",
        "Urban stormwater outlet",
        "雨水排口",
        "雨洪排口",
    )
    OTH_OTHER = ("other.other", "其他", "Other (not listed)", "其它")
    UNDETERMINED = ("undetermined", "暂无法确定", "Not yet determined", "待定", "未确定")

    @property
    def level1(self) -> Category:
        return Category.of(self.value.split(".")[0])

    @property
    def depth(self) -> int:
        return self.value.count(".") + 1

    @property
    def type_code(self) -> str:
        """Two-letter type segment of a generated local code (HJ 1235 style)."""
        return {"industrial": "GY", "urban_wwtp": "WS", "agricultural": "NY"}.get(
            self.level1.value, "QT"
        )


class EntryMode(Choice):
    OPEN_CHANNEL = ("open_channel", "明渠", "Open channel", "明沟", "沟渠")
    PIPE = ("pipe", "管道", "Pipe", "管", "暗管")
    PUMP_STATION = ("pump_station", "泵站", "Pump station")
    SLUICE = ("sluice", "涵闸", "Culvert gate", "闸门", "涵洞")
    BOX_CULVERT = ("box_culvert", "箱涵", "Box culvert")
    OTHER = ("other", "其他", "Other", "其它")


class DischargePattern(Choice):
    CONTINUOUS = ("continuous", "连续排放", "Continuous", "连续")
    INTERMITTENT = ("intermittent", "间歇排放", "Intermittent", "间歇", "间断排放")
    RAIN_ONLY = ("rain_only", "雨天排放", "Only when it rains", "雨季排放", "降雨时排放")
    NONE = ("none", "不排放", "Not discharging", "无排放", "停用")
    UNKNOWN = ("unknown", "不详", "Unknown", "未知")


class MouthShape(Choice):
    CIRCULAR = ("circular", "圆形", "Circular", "圆管")
    RECTANGULAR = ("rectangular", "矩形", "Rectangular", "方形")
    ARCH = ("arch", "拱形", "Arch")
    TRAPEZOIDAL = ("trapezoidal", "梯形", "Trapezoidal")
    IRREGULAR = ("irregular", "不规则", "Irregular")
    OTHER = ("other", "其他", "Other", "其它")


class Bank(Choice):
    LEFT = ("left", "左岸", "Left bank")
    RIGHT = ("right", "右岸", "Right bank")
    UNKNOWN = ("unknown", "不详", "Unknown")


class Datum(Choice):
    """The coordinate system a position was typed in; storage is always WGS-84."""

    WGS84 = ("wgs84", "WGS-84", "WGS-84", "wgs", "gps", "gps84", "epsg4326", "4326")
    CGCS2000 = ("cgcs2000", "CGCS2000", "CGCS2000", "国家2000", "2000国家大地坐标系", "4490")
    GCJ02 = ("gcj02", "GCJ-02", "GCJ-02", "火星坐标", "国测局坐标", "高德", "腾讯")
    BD09 = ("bd09", "BD-09", "BD-09", "百度", "百度坐标")


class PositionSource(Choice):
    TYPED = ("typed", "手工录入", "Typed")
    EXIF = ("exif", "照片EXIF", "Photo EXIF")
    GPS_LOG = ("gps_log", "GPS轨迹", "GPS log")
    LEDGER = ("ledger", "台账导入", "Ledger import")
    GNSS = ("gnss", "GNSS接收机", "GNSS receiver", "卫星定位", "北斗")


class LayerKind(Choice):
    """What a reference map layer shows."""

    RIVERS = ("rivers", "河流", "Rivers", "水系", "河道")
    BOUNDARIES = ("boundaries", "行政区界", "Region boundaries", "边界", "行政区划")
    OTHER = ("other", "其他", "Other", "其它")


class TriState(Choice):
    YES = ("yes", "是", "Yes", "y", "true", "1", "有")
    NO = ("no", "否", "No", "n", "false", "0", "无")
    UNVERIFIED = ("unverified", "需进一步核实", "Needs checking", "待核实", "不确定")


class ProtectedArea(Choice):
    """A protected area an outfall lies in; outfalls there are banned (依法取缔)."""

    DRINKING_WATER = (
        "drinking_water",
        "饮用水水源保护区",
        "Drinking-water source protection area",
        "水源保护区",
        "饮用水源保护区",
        "水源地",
    )
    NATURE_RESERVE = (
        "nature_reserve",
        "自然保护地",
        "Nature reserve",
        "自然保护区",
        "风景名胜区",
        "国家公园",
    )


class ApprovalKind(Choice):
    """What an outfall's setting number is (部令第35号): an approval (审批, or 审核 as
    local rules call it) or a registration (登记)."""

    APPROVAL = ("approval", "设置审批", "Setting approval", "审批", "审核", "批复", "审批编号")
    REGISTRATION = ("registration", "登记", "Registration", "登记备案", "备案", "登记编号")


class TraceResult(Choice):
    """What a tracing effort found: an owner, or, after looking, none."""

    OWNER_FOUND = ("owner_found", "已查明责任主体", "Owner found", "已查明", "查明")
    NO_OWNER_FOUND = (
        "no_owner_found",
        "未查明责任主体",
        "No owner found",
        "未查明",
        "溯源未果",
        "无法查明",
    )
    ONGOING = ("ongoing", "溯源中", "Still tracing", "进行中")


class OwnerKind(Choice):
    ENTERPRISE = ("enterprise", "企业", "Enterprise", "公司")
    INSTITUTION = ("institution", "事业单位", "Public institution")
    GOVERNMENT = ("government", "政府部门", "Government", "政府", "机关")
    VILLAGE = ("village", "村集体", "Village collective", "村委会", "社区")
    INDIVIDUAL = ("individual", "个人", "Individual", "个体户", "个体工商户")
    OTHER = ("other", "其他", "Other", "其它")


class AssignmentRole(Choice):
    MAIN = ("main", "主要责任主体", "Main", "主要")
    OTHER = ("other", "其他责任主体", "Other", "其他", "次要")


class AssignmentBasis(Choice):
    SETTING_APPLICANT = ("setting_applicant", "设置申请人", "Setting applicant", "申请设置")
    TRACED = ("traced", "溯源确定", "Found by tracing", "溯源")
    GOVERNMENT_BACKSTOP = ("government_backstop", "政府兜底", "Government backstop", "兜底")
    DESIGNATED = ("designated", "指定", "Designated", "政府指定")


class TraceMethod(Choice):
    DOCUMENT_CHECK = ("document_check", "资料核查", "Document check")
    VISIT = ("visit", "走访", "Visit", "走访调查")
    PIPE_SURVEY = ("pipe_survey", "管网排查", "Pipe survey")
    CCTV = ("cctv", "CCTV检测", "CCTV", "管道检测")
    DYE_TRACING = ("dye_tracing", "示踪", "Dye tracing", "示踪剂")
    WATER_QUALITY = ("water_quality", "水质比对", "Water-quality comparison", "水质分析")


class Measure(Choice):
    """The three remediation measures of 国办函〔2022〕17号."""

    BAN = ("ban", "取缔", "Ban", "依法取缔", "封堵")
    MERGE = ("merge", "合并", "Merge", "清理合并")
    STANDARDISE = ("standardise", "规范整治", "Standardise", "规范", "规范化整治", "standardize")


class RemediationStatus(Choice):
    PLANNED = ("planned", "已制定方案", "Planned", "计划")
    IN_PROGRESS = ("in_progress", "整治中", "In progress")
    COMPLETED = ("completed", "已完成", "Completed", "完成")
    CANCELLED = ("cancelled", "已撤销", "Cancelled", "撤销")


class TaskSource(Choice):
    ROUTINE = ("routine", "日常巡查", "Routine", "日常")
    SELF_INSPECTION = ("self_inspection", "自查计划", "Self-inspection plan", "自查")
    DOUBLE_RANDOM = ("double_random", "双随机抽查", "Double-random check", "双随机")
    COMPLAINT = ("complaint", "投诉举报", "Complaint", "举报")
    INCIDENT = ("incident", "突发事件", "Incident")


class FlowLevel(Choice):
    NONE = ("none", "无", "None")
    TRICKLE = ("trickle", "细流", "Trickle")
    MODERATE = ("moderate", "中等", "Moderate")
    SUBSTANTIAL = ("substantial", "大量", "Substantial")


class Colour(Choice):
    CLEAR = ("clear", "清澈", "Clear", "无色")
    BROWN = ("brown", "棕色", "Brown", "褐色")
    GREY = ("grey", "灰色", "Grey", "gray")
    YELLOW = ("yellow", "黄色", "Yellow")
    GREEN = ("green", "绿色", "Green")
    ORANGE = ("orange", "橙色", "Orange")
    RED = ("red", "红色", "Red")
    BLACK = ("black", "黑色", "Black", "黑臭")
    WHITE = ("white", "乳白色", "Milky white", "白色")
    OTHER = ("other", "其他", "Other")


class Odour(Choice):
    NONE = ("none", "无异味", "None", "无")
    SEWAGE = ("sewage", "污水味", "Sewage")
    RANCID_SOUR = ("rancid_sour", "酸腐味", "Rancid or sour")
    PETROLEUM = ("petroleum", "石油味", "Petroleum or gas", "汽油味")
    SULFIDE = ("sulfide", "硫化物味", "Sulfide", "臭鸡蛋味")
    CHEMICAL = ("chemical", "化学品味", "Chemical")
    OTHER = ("other", "其他", "Other")


class Floatable(Choice):
    NONE = ("none", "无", "None")
    SEWAGE = ("sewage", "污物", "Sewage solids")
    SUDS = ("suds", "泡沫", "Suds")
    PETROLEUM_SHEEN = ("petroleum_sheen", "油花", "Petroleum sheen")
    TRASH = ("trash", "垃圾", "Trash")
    OTHER = ("other", "其他", "Other")


class Suspicion(Choice):
    """Overall characterisation, as in the US Outfall Reconnaissance Inventory."""

    UNLIKELY = ("unlikely", "不太可能", "Unlikely")
    POTENTIAL = ("potential", "有可能", "Potential")
    SUSPECT = ("suspect", "疑似", "Suspect")
    OBVIOUS = ("obvious", "明显", "Obvious")


class SignageState(Choice):
    PRESENT = ("present", "完好", "Present", "有")
    DAMAGED = ("damaged", "损坏", "Damaged", "破损")
    ABSENT = ("absent", "缺失", "Absent", "无")


class SignageItem(Choice):
    """What a sign board must show (HJ 1309-2023 §7, as far as it is known)."""

    NAME = ("name", "排污口名称", "Outfall name")
    CODE = ("code", "排污口编码", "Outfall code")
    TYPE = ("type", "排污口类型", "Outfall type")
    OWNER = ("owner", "责任主体", "Responsible owner")
    AUTHORITY = ("authority", "监督管理部门", "Supervising authority")
    PHONE = ("phone", "监督举报电话", "Complaint phone")
    QR = ("qr", "二维码", "QR code")


class Violation(Choice):
    ILLEGAL_DISCHARGE = ("illegal_discharge", "偷排偷放", "Illegal discharge")
    OVER_LIMIT = ("over_limit", "超标排放", "Discharge over the limit")
    UNAPPROVED = ("unapproved", "未经批准设置排污口", "Outfall set up without approval")
    HIDDEN_PIPE = ("hidden_pipe", "私设暗管", "Hidden pipe")
    FALSIFICATION = (
        "falsification",
        "企业监测数据造假",
        "Enterprise falsified its own monitoring data",
        "监测数据造假",
        "在线监测数据造假",
    )
    """An enterprise's own (online) monitoring data faked: an enforcement case like any
    other violation (one point off the enforcement item), never a fail of the county;
    that is `AssessmentItem.FALSIFICATION`."""
    OTHER = ("other", "其他", "Other")


class PhotoKind(Choice):
    OUTFALL_CLOSE = ("outfall_close", "排污口近景", "Outfall close-up")
    OUTFALL_DISTANCE = ("outfall_distance", "排污口远景", "Outfall from a distance")
    SIGNAGE = ("signage", "标志牌", "Sign board")
    SAMPLING = ("sampling", "采样", "Sampling")
    REMEDIATION = ("remediation", "整治佐证", "Remediation evidence")
    OTHER = ("other", "其他", "Other")


class PlanMethod(Choice):
    DOUBLE_RANDOM = ("double_random", "双随机抽查", "Double-random sample")
    FULL_COVERAGE = ("full_coverage", "全覆盖", "Full coverage")
    TARGETED = ("targeted", "重点检查", "Targeted")


class PlanItemStatus(Choice):
    PENDING = ("pending", "待检查", "Pending")
    DONE = ("done", "已完成", "Done")
    CANCELLED = ("cancelled", "已取消", "Cancelled")


class AssessmentItem(Choice):
    """What a county assessment entry records by hand besides the card's own items
    (`inspector.domain.scheme`), whose keys come from the scheme in force."""

    WATER_QUALITY = (
        "water_quality",
        "水环境质量（整体录入）",
        "Water quality (as one figure)",
        "水质",
        "水质得分",
        "水环境质量得分",
    )
    KEY_WORK_OTHER = (
        "key_work_other",
        "重点工作手工项（整体录入）",
        "Key work entered by hand (as one figure)",
        "重点工作",
        "重点工作得分",
        "其他重点工作得分",
    )
    FALSIFICATION = (
        "falsification",
        "考核数据弄虚作假（查实）",
        "Assessment data tampered with or forged (proven)",
        "数据造假",
        "弄虚作假",
        "考核数据造假",
    )
    ADJUSTMENT = ("adjustment", "不可抗力调整", "Adjustment for force majeure", "调整")
    EXCLUSION = ("exclusion", "不参加考核", "Not assessed", "不考核", "排除")


class AdjustmentCause(Choice):
    """Why a total was adjusted: causes beyond the county's control."""

    NATURAL_DISASTER = ("natural_disaster", "重大自然灾害", "Major natural disaster", "自然灾害")
    PUBLIC_EMERGENCY = (
        "public_emergency",
        "重大突发公共事件",
        "Major public emergency",
        "突发公共事件",
    )
    OTHER = ("other", "其他不可抗力", "Other force majeure", "不可抗力")


class ComplaintChannel(Choice):
    """How a public complaint (公众举报) arrived."""

    HOTLINE = ("hotline", "12369热线", "12369 hotline", "12369", "电话")
    ONLINE = ("online", "网络举报", "Online", "网上", "微信", "网站")
    LETTER = ("letter", "来信", "Letter", "信件")
    VISIT = ("visit", "来访", "In person", "当面")
    REFERRED = ("referred", "上级转办", "Referred by a higher authority", "转办", "交办")
    OTHER = ("other", "其他", "Other", "其它")


class Grade(Choice):
    EXCELLENT = ("excellent", "优秀", "Excellent")
    GOOD = ("good", "良好", "Good")
    PASS = ("pass", "合格", "Pass", "及格")
    FAIL = ("fail", "不合格", "Fail", "不及格")


class Consequence(Choice):
    """What an assessment brings a county: months ranked last in a year (three: 约谈,
    six: 问责), an annual fail, continuing deterioration of water quality."""

    NONE = ("none", "无", "None")
    INTERVIEW = ("interview", "约谈", "Public interview", "公开约谈")
    ACCOUNTABILITY = ("accountability", "问责", "Accountability", "追责")
    EIA_SUSPENSION = (
        "eia_suspension",
        "暂停新增重点水污染物排放建设项目环评审批",
        "Suspension of EIA approvals for new projects adding key water pollutants",
        "区域限批",
        "环评限批",
    )


class NoticeMethod(Choice):
    """How a downstream region was told of an incident."""

    PHONE = ("phone", "电话", "Telephone")
    FAX = ("fax", "传真", "Fax")
    LETTER = ("letter", "公函", "Official letter", "函件", "书面")
    EMAIL = ("email", "电子邮件", "E-mail", "邮件")
    PLATFORM = ("platform", "信息平台", "Information platform", "平台", "系统")
    IN_PERSON = ("in_person", "当面", "In person", "现场")
    OTHER = ("other", "其他", "Other", "其它")


class ReplicaRole(Choice):
    FIELD = ("field", "现场终端", "Field laptop")
    COUNTY = ("county", "县区分局", "County office")
    CENTRAL = ("central", "市局中心库", "City central record")


#: Every choice type by the name models use in their field metadata.
CHOICES: dict[str, type[Choice]] = {
    cls.__name__: cls
    for cls in (
        State,
        Category,
        EntryMode,
        DischargePattern,
        MouthShape,
        Bank,
        Datum,
        PositionSource,
        LayerKind,
        TriState,
        OwnerKind,
        AssignmentRole,
        AssignmentBasis,
        TraceMethod,
        TraceResult,
        ProtectedArea,
        ApprovalKind,
        Measure,
        RemediationStatus,
        TaskSource,
        FlowLevel,
        Colour,
        Odour,
        Floatable,
        Suspicion,
        SignageState,
        SignageItem,
        Violation,
        PhotoKind,
        PlanMethod,
        PlanItemStatus,
        ReplicaRole,
        AssessmentItem,
        AdjustmentCause,
        ComplaintChannel,
        Grade,
        Consequence,
        NoticeMethod,
    )
}
