"""Names of places and member units for the demo, and the units' fields."""

from __future__ import annotations

import datetime
import random

from organizations.models import Gender, UnitKind

from . import people

STREETS = [
    "东湖街道",
    "西溪街道",
    "南山街道",
    "北塘街道",
    "新城街道",
    "文华街道",
    "望江街道",
    "清河街道",
    "长庆街道",
    "凤凰街道",
    "翠苑街道",
    "古荡街道",
]
COMMUNITIES = [
    "幸福",
    "和平",
    "阳光",
    "春晖",
    "锦绣",
    "紫荆",
    "丹桂",
    "翠柏",
    "香樟",
    "明月",
    "朝阳",
    "康乐",
    "嘉禾",
    "金桥",
    "兴隆",
    "安澜",
]
ROADS = [
    "文一路",
    "学院路",
    "湖墅南路",
    "莫干山路",
    "教工路",
    "天目山路",
    "凤起路",
    "延安路",
    "环城北路",
    "古墩路",
    "丰潭路",
    "余杭塘路",
]

# (name stem, kind, superior organisation)
UNITS = [
    ("区人民法院", UnitKind.DISTRICT_ORGAN, "区委政法委"),
    ("区财政局", UnitKind.DISTRICT_ORGAN, "区委区级机关工委"),
    ("区卫生健康局", UnitKind.DISTRICT_ORGAN, "区委区级机关工委"),
    ("市税务局第三分局", UnitKind.ORGAN, "市税务局党委"),
    ("派出所", UnitKind.ORGAN, "区公安分局党委"),
    ("第一中学", UnitKind.INSTITUTION, "区教育局党委"),
    ("实验小学", UnitKind.INSTITUTION, "区教育局党委"),
    ("社区卫生服务中心", UnitKind.INSTITUTION, "区卫生健康局党委"),
    ("供电营业所", UnitKind.STATE_ENTERPRISE, "市电力公司党委"),
    ("自来水公司营业部", UnitKind.STATE_ENTERPRISE, "市水务集团党委"),
    ("农商银行支行", UnitKind.STATE_ENTERPRISE, "市农商银行党委"),
    ("物业服务有限公司", UnitKind.PRIVATE_ENTERPRISE, "区非公经济组织党委"),
    ("信息技术有限公司", UnitKind.PRIVATE_ENTERPRISE, "区非公经济组织党委"),
    ("商贸有限公司", UnitKind.PRIVATE_ENTERPRISE, "区非公经济组织党委"),
    ("律师事务所", UnitKind.SOCIAL_ORGANISATION, "区社会组织党委"),
    ("志愿者协会", UnitKind.SOCIAL_ORGANISATION, "区社会组织党委"),
    ("养老服务中心", UnitKind.SOCIAL_ORGANISATION, "区民政局党委"),
]


def street_name(i: int) -> str:
    return STREETS[i] if i < len(STREETS) else f"第{i + 1}街道"


def community_name(street: int, i: int, per_street: int) -> str:
    n = street * per_street + i
    stem = COMMUNITIES[n] if n < len(COMMUNITIES) else f"{COMMUNITIES[n % len(COMMUNITIES)]}{n}"
    return f"{stem}社区大党委"


def unit_fields(rng: random.Random, place: str, n: int, phone: str) -> dict:
    """The fields of one MemberUnit: the n-th kind of unit, standing in `place`."""
    stem, kind, superior = UNITS[n % len(UNITS)]
    name = (
        f"{stem}第{n // len(UNITS) + 1}党支部"  # district and city organs keep their own name
        if stem[0] in "区市"
        else f"{place}{stem}党支部"
    )
    return {
        "name": name,
        "kind": kind,
        "superior": superior,
        "registered_on": datetime.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
        "secretary_name": people.name(rng, Gender.MALE),
        "deputy_names": "、".join(people.name(rng, Gender.FEMALE) for _ in range(2)),
        "contact_name": people.name(rng, Gender.FEMALE),
        "contact_phone": phone,
        "member_count": rng.randint(5, 60),
    }
