"""Deterministic, realistic-looking people for the demo: names, ID numbers, phones, dates."""

from __future__ import annotations

import datetime
import random

from organizations import rules
from organizations.models import Gender, MemberCategory, PartyStatus

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林国建文志海东峰"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲桂英秀兰红梅琳洁婷雪慧颖倩琴云莲萍晶瑶佳欣怡月"

BASE_DAY = datetime.date(1950, 1, 1)
BIRTH_SPAN_DAYS = 18_000  # births from 1950 to early 1999


def name(rng: random.Random, gender: str) -> str:
    pool = GIVEN_MALE if gender == Gender.MALE else GIVEN_FEMALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def birth_date(n: int) -> datetime.date:
    return BASE_DAY + datetime.timedelta(days=(n * 7919) % BIRTH_SPAN_DAYS)


def resident_id(region: str, n: int, gender: str) -> str:
    """A valid ID number, distinct for each n below 500 × BIRTH_SPAN_DAYS in one region.

    The birth date inside it is birth_date(n); the 17th digit is odd for men.
    """
    born = birth_date(n)
    serial = (n // BIRTH_SPAN_DAYS) * 2 + (1 if gender == Gender.MALE else 0)
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    return first17 + rules.resident_id_check_char(first17)


def phone(n: int) -> str:
    return f"1{3 + n % 7}{(n * 7_654_321 + 12_345) % 1_000_000_000:09d}"


def joined_on(born: datetime.date, rng: random.Random) -> datetime.date:
    return datetime.date(min(born.year + rng.randint(20, 40), 2024), rng.randint(1, 12), 1)


def category_for(born: datetime.date, rng: random.Random) -> str:
    """Older members are mostly retired; the rest live, work or float here."""
    if born.year < 1964:
        return MemberCategory.RETIRED
    roll = rng.random()
    if roll < 0.45:
        return MemberCategory.IN_SERVICE
    return MemberCategory.RESIDENT if roll < 0.9 else MemberCategory.FLOATING


def member_fields(rng: random.Random, region: str, n: int, category: str | None = None) -> dict:
    """The fields of one PartyMember (without node and workplace); n makes it distinct."""
    gender = Gender.MALE if rng.random() < 0.55 else Gender.FEMALE
    born = birth_date(n)
    probationary = born.year > 1994 and rng.random() < 0.5
    return {
        "name": name(rng, gender),
        "gender": gender,
        "birth_date": born,
        "phone": phone(n),
        "resident_id": resident_id(region, n, gender),
        "party_status": PartyStatus.PROBATIONARY if probationary else PartyStatus.FULL,
        "joined_on": datetime.date(2025, rng.randint(1, 12), 1)
        if probationary
        else joined_on(born, rng),
        "category": category or category_for(born, rng),
    }
