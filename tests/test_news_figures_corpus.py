"""A news-style corpus of numbers, amounts and counts, grouped by form (issue 16, second round).

An entry is a whole text that must yield exactly one figure claim spanning all of it, or a
pair (text, span) when the form needs words around it: then the text must yield exactly one
figure claim, and its span is `span`. Each group names the value the claim must carry, the
kind the development case files score it as (number, percent, money, ordinal: every other
measure counts as a number), and where it matters the unit and the approximation, by the
README's Figures conventions: 约/左右 about; 逾/超过/多/余/上百/数十/几百/十几 at_least;
近/不到/不足 at_most; neighbouring digits (二三十, 一两个) a range; money as an ISO code;
percent values in percent (千分之五 = 0.5); ordinals with the unit of their measure word; the
span is the number and its measure word (200家企业 → 200家, unit company).

Every text here was written for this corpus; none comes from the development sets.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import metaledger
from form_tables import form_cases
from metaledger.evaluate.cases import case_kind_of
from metaledger.evaluate.matching import same_number

ANY = object()


@dataclass(frozen=True)
class F:
    """An expected figure: value, eval kind, and (when not ANY) unit, approximation and high end."""

    value: float
    kind: str = "number"
    unit: object = ANY
    approx: str = "exact"
    high: object = None


FIGURE_FORMS: dict[str, dict[F, list]] = {
    "integer and decimal": {
        F(1234.5, unit=None): ["1,234.5", "1234.5", "１２３４.５", "一千二百三十四点五"],
        F(1234, unit=None): ["一千二百三十四", "壹仟贰佰叁拾肆", "１２３４", "1,234", "一千两百三十四"],
        F(100, unit=None): ["壹佰", "一百", "100"],
        F(23000, unit=None): ["两万三", "两万三千", "2.3万", "23000", "二万三千"],
        F(1.2e12, unit=None): ["1.2万亿", "一点二万亿", "12000亿"],
        F(3.5e7, unit=None): ["三千五百万", "3500万", "3千5百万", "叁仟伍佰万"],
        F(1.2e8, unit=None): ["一亿两千万", "1亿2000万", "1.2亿", "一点二亿"],
        F(35000, unit=None): ["3万5千", "三万五", "三万五千", "3.5万"],
        F(200500, unit=None): ["二十万零五百", "20万零500"],
        F(105, unit=None): ["一百零五", "105"],
        F(108000, unit=None): ["十万八千", "10.8万"],
        F(3.14, unit=None): ["三点一四", "3.14"],
        F(0.5, unit=None): ["零点五", "0.5"],
        F(-3.5, unit=None): ["负3.5", "-3.5", "负三点五"],
        F(10000, unit=None): ["一万", "10,000", "1万"],
        F(4.5e8, unit=None): ["4.5亿", "四亿五千万", "4亿5千万"],
        F(78, unit=None): ["柒拾捌", "七十八"],
        F(2000, unit=None): ["两千", "二千", "2千"],
        F(1e7, unit=None): ["1000万", "一千万", ("全省常住人口1000万", "1000万")],
        F(120, unit=None): ["一百二", "一百二十", "120"],
        F(3500, unit=None): ["三千五", "三千五百", "3500", "3,500"],
        F(2500, unit=None): ["两千五百", "二千五", "两千五"],
        F(0.05, unit=None): ["零点零五", "0.05"],
        F(1e6, unit=None): ["一百万", "100万", "1,000,000"],
        F(3.5e6, unit=None): ["三百五十万", "350万"],
        F(1e11, unit=None): ["一千亿", "1000亿"],
        F(5001, unit=None): ["五千零一"],
        F(10100, unit=None): ["一万零一百"],
        F(9999, unit=None): ["九千九百九十九"],
        F(23500, unit=None): ["2.35万", "两万三千五百"],
        F(35.5, unit=None): ["三十五点五"],
        F(-10, unit=None): ["负十"],
    },
    "percent and fraction": {
        F(50, "percent", "percent"): ["百分之五十", "五成", "50%", "５０％", "百分之50", "5成"],
        F(12.5, "percent", "percent"): ["12.5%", "百分之十二点五", "12.5％"],
        F(0.5, "percent", "percent"): ["千分之五", "0.5%", "百分之零点五"],
        F(35.6, "percent", "percent"): ["百分之三十五点六", "35.6%"],
        F(120, "percent", "percent"): ["百分之一百二十", "120%"],
        F(100, "percent", "percent"): ["百分之百", "百分之一百", "100%", ("产品合格率达到百分百", "百分百")],
        F(0.03, "percent", "percent"): ["万分之三"],
        F(0.35, "percent", "percent"): ["千分之三点五", "3.5‰"],
        F(0.1, "percent", "percent"): ["百分之零点一", "0.1%"],
        F(75, "percent", "percent"): ["百分之七十五", "75 %"],
        F(90, "percent", "percent"): ["九成", "９成", "90%"],
        F(70, "percent", "percent", "at_least"): ["七成以上", "70%以上", "超过七成", "逾七成"],
        F(20, "percent", "percent", "at_most"): ["不到两成", "不足20%", "近两成"],
        F(5, "percent", "percent", "about"): ["约5%", "5%左右", "大约百分之五"],
        F(30, "percent", "percent", "at_least"): ["超过30%", "30%以上", "逾30%"],
        F(3, "percent", "percent", "range", 5): ["3%至5%", "3%-5%", "3%~5%", "百分之三到五", "3%到5%"],
        F(3, "percent", "percentage_point"): ["3个百分点", "三个百分点"],
        F(0.25, "percent", "percentage_point"): ["0.25个百分点", "零点二五个百分点"],
        F(1, "percent", "percentage_point"): ["1个百分点", "一个百分点"],
        F(15, "percent", "percentage_point"): ["十五个百分点", "15个百分点"],
        F(1 / 3, unit=None): ["三分之一", "1/3"],
        F(0.5, unit=None): ["二分之一", "1/2"],
        F(0.75, unit=None): ["四分之三", "3/4"],
        F(2 / 3, unit=None, approx="at_least"): ["三分之二以上"],
    },
    "ordinal": {
        F(3, "ordinal", None): [("排名第三", "第三"), "第三", "第３", ("位列全国第3", "第3")],
        F(3, "ordinal", "rank"): ["第3名", "第三名", ("他在比赛中获得第3名", "第3名")],
        F(1, "ordinal", "session"): ["首届", ("首届进口博览会在上海举行", "首届"), "第一届"],
        F(10, "ordinal", "session"): ["第十届", "第10届"],
        F(23, "ordinal", None): ["第二十三", "第23"],
        F(123, "ordinal", None): ["第一百二十三", "第123"],
        F(11, "ordinal", None): ["第十一", "第11"],
        F(101, "ordinal", None): ["第一百零一"],
        F(5, "ordinal", "times"): ["第五次", "第5次"],
        F(1, "ordinal", "times"): ["首次", ("该药物首次获批上市", "首次")],
        F(100, "ordinal", None): ["第一百", "第100"],
        F(2, "ordinal", "batch"): ["第二批", "第2批"],
        F(1, "ordinal", "batch"): ["首批", ("首批救援物资已运抵灾区", "首批")],
        F(3, "ordinal", "round"): ["第3轮", "第三轮"],
        F(12, "ordinal", "floor"): ["第12层", "12楼", "十二楼"],
    },
    "approximate": {
        F(300, unit="person", approx="about"): ["约300人", "300人左右", "大约300人", "300人上下", "约三百人"],
        F(1000, unit="person", approx="at_most"): ["近千人", "将近1000人", "近1000人", "不到1000人", "接近一千人"],
        F(100, unit="person", approx="at_least"): ["逾百人", "上百人", "百余人", "100多人", "一百多人", "超过100人", "100余人", "至少100人", "100人以上", "几百名", "几百人", "数百人"],
        F(500, unit="company", approx="at_least"): ["超过500家", "500多家", "五百余家", "逾500家"],
        F(10, unit="person", approx="at_least"): ["数十人", "十几人", "十余人", "10多人", "10余人", "几十人", "不少于10人", "至少10人"],
        F(10, unit="item", approx="at_least"): ["十几个", "10多个"],
        F(20, unit="person", approx="range", high=30): ["二三十人", "20至30人", "20-30人", "二十到三十人"],
        F(1, unit="item", approx="range", high=2): ["一两个"],
        F(3, unit="item", approx="range", high=5): ["三五个", "3至5个", "3-5个"],
        F(50, unit="person", approx="range", high=60): ["五六十人", "50到60人"],
        F(300, unit="person", approx="at_least"): ["300多人", "三百余人", "300余人", "三百多人"],
        F(50000, unit="person", approx="at_least"): ["5万余人", "5万多人", "五万多人"],
        F(1000, unit="person", approx="at_least"): ["千余人", "1000多人", "一千多人", "上千人"],
        F(10000, unit="person", approx="at_least"): ["万余人", "上万人", "1万多人", "一万余人"],
        F(10000, unit="person", approx="at_most"): ["近万人", "近1万人"],
        F(1e6, approx="at_least"): ["数百万", "几百万", "上百万"],
        F(1e5, approx="at_least"): ["几十万", "数十万", "10余万", "十多万"],
        F(10, unit="item", approx="about"): ["十来个"],
        F(200, approx="about"): ["大约200", "200左右"],
        F(3, unit="times", approx="at_most"): ["最多3次", "至多三次"],
        F(100, unit="person", approx="at_most"): ["不足百人", "不足100人", "100人以下"],
    },
    "money": {
        F(3e8, "money", "CNY"): ["人民币3亿元", "3亿元", "三亿元", "3亿元人民币", "人民币三亿元", "3亿人民币", "RMB3亿"],
        F(5e7, "money", "USD"): ["5000万美元", "五千万美元", "0.5亿美元"],
        F(1e9, "money", "EUR"): ["10亿欧元", "十亿欧元"],
        F(2e9, "money", "HKD"): ["20亿港币", "20亿港元", "二十亿港元", ("港币20亿元", "港币20亿元")],
        F(3e10, "money", "JPY"): ["300亿日元", "三百亿日元"],
        F(50000, "money", "GBP"): ["5万英镑", "五万英镑"],
        F(1e10, "money", "RUB"): ["100亿卢布", "一百亿卢布"],
        F(35000, "money", "CNY"): ["3.5万元", "三万五千元", "35000元", "3万5千元"],
        F(1.2e8, "money", "CNY"): ["1.2亿元人民币", "一点二亿元"],
        F(500, "money", "CNY"): ["500元", "五百元", "人民币500元", "￥500", "¥500", "500块钱", "五百块钱"],
        F(2000, "money", "CNY"): ["两千块钱", "2000块钱", "两千元"],
        F(1.5e12, "money", "CNY"): ["1.5万亿元", "一万五千亿元", "15000亿元"],
        F(3e7, "money", "CNY"): ["三千万元", "3000万元", "3千万元"],
        F(2.8e12, "money", "USD"): ["2.8万亿美元"],
        F(1e6, "money", "KRW"): ["100万韩元"],
        F(5e9, "money", "TWD"): ["50亿新台币", "50亿台币"],
        F(1e5, "money", "AUD"): ["10万澳元"],
        F(2e5, "money", "CAD"): ["20万加元"],
        F(1e7, "money", "CHF"): ["1000万瑞士法郎"],
        F(5000, "money", "INR"): ["5000卢比"],
        F(1000, "money", "THB"): ["1000泰铢"],
        F(1e8, "money", "SGD"): ["1亿新加坡元"],
        F(1e5, "money", "NZD"): ["10万新西兰元"],
        F(2e6, "money", "MYR"): ["200万林吉特"],
        F(5e9, "money", "IDR"): ["50亿印尼盾"],
        F(3e6, "money", "PHP"): ["300万菲律宾比索"],
        F(4e6, "money", "BRL"): ["400万雷亚尔"],
        F(6e5, "money", "ZAR"): ["60万兰特"],
        F(7e5, "money", "SEK"): ["70万瑞典克朗"],
        F(8e5, "money", "AED"): ["80万迪拉姆"],
        F(9e5, "money", "SAR"): ["90万里亚尔"],
        F(0.5, "money", "USD"): ["50美分"],
        F(2e6, "money", "CNY", "about"): ["约200万元", "200万元左右", "大约200万元"],
        F(1e9, "money", "USD", "at_least"): ["逾10亿美元", "超过10亿美元", "10亿美元以上", "10多亿美元"],
        F(1e10, "money", "CNY", "at_most"): ["近百亿元", "将近100亿元", "近100亿元"],
        F(1e8, "money", "CNY", "at_least"): ["上亿元", "1亿多元", "一亿多元", "亿余元"],
        F(1e7, "money", "CNY", "at_least"): ["数千万元", "上千万元", "几千万元", "1000多万元", "千余万元"],
        F(100, "money", "CNY", "at_least"): ["几百元", "数百元", "上百元", "百余元"],
        F(1e5, "money", "CNY", "at_least"): ["十几万元", "10多万元", "十余万元", "数十万元"],
        F(1000, "money", "CNY", "at_most"): ["不到1000元", "不足千元"],
        F(500, "money", "USD"): ["$500", "500美元", "五百美元", "US$500", "500美金"],
        F(1.5, "money", "CNY"): ["一块五", "1.5元", "一元五角"],
        F(2, "money", "CNY"): ["两块钱", "2元", "两元"],
        F(5000, "money", "CNY"): [("售价人民币5000", "人民币5000"), "5000元"],
        F(1000, "money", "KRW"): ["1000韩币", "1000韩元"],
        F(30, "money", "EUR"): ["€30", "30欧元"],
        F(2e8, "money", "USD"): ["US$2亿", "2亿美元", "两亿美元"],
        F(1.5e11, "money", "CNY"): ["1500亿元", "一千五百亿元"],
        F(8.5e8, "money", "USD"): ["8.5亿美元"],
        F(4e12, "money", "JPY"): ["4万亿日元"],
        F(2e6, "money", "EUR"): ["两百万欧元", "200万欧元"],
        F(6000, "money", "CNY"): [("房价每平方米6000元", "6000元"), ("均价6000元/平方米", "6000元")],
        F(3e6, "money", "CNY"): [("经济损失300万元", "300万元"), ("直接经济损失300万", "300万")],
    },
    "count with measure word": {
        F(3, unit="person"): ["3名", "三名", "3人", "三人", ("事故造成3人受伤", "3人")],
        F(5, unit="vehicle"): ["5辆", "五辆", ("现场停放5辆", "5辆")],
        F(12, unit="aircraft"): ["12架", "十二架"],
        F(8, unit="ship"): ["8艘", "八艘"],
        F(200, unit="company"): [("200家企业", "200家"), "200家"],
        F(4000, unit="student", approx="at_least"): [("4000多名学生", "4000多名")],
        F(16, unit="building"): ["16座"],
        F(300, unit="animal"): ["300头"],
        F(6, unit="set"): ["六套", "6套"],
        F(2, unit="item"): ["两个", "2个"],
        F(45, unit="case"): ["45例", "四十五例"],
        F(7, unit="incident"): ["7起", "七起"],
        F(1200, unit="household"): ["1200户"],
        F(3, unit="school"): [("3所学校", "3所")],
        F(15, unit="article"): ["15篇"],
        F(80, unit="device"): ["80台"],
        F(9, unit="person"): ["9位", "九位"],
        F(20000, unit="person"): ["2万人", "两万人", "二万人"],
        F(1.2e6, unit="vehicle"): ["120万辆"],
        F(5, unit="country"): [("5个国家", "5个"), ("五个国家", "五个")],
        F(1, unit="person"): [("事故造成一人死亡", "一人")],
        F(3, unit="incident"): [("发生3起事故", "3起")],
        F(10, unit="times", approx="at_least"): ["10余次", "十多次"],
        F(40000, unit="person_time", approx="at_least"): ["4万多人次", "四万余人次"],
    },
    "age": {
        F(58, unit="age"): ["58岁", "五十八岁", ("这位58岁的老人", "58岁")],
        F(23, unit="age"): [("年仅23岁", "23岁"), "二十三岁"],
        F(70, unit="age", approx="at_least"): ["70多岁", "七十多岁", "七十余岁"],
        F(18, unit="age", approx="at_most"): [("不满18周岁", "不满18周岁"), ("未满18周岁", "未满18周岁")],
        F(18, unit="age"): ["18周岁", "十八周岁"],
        F(30, unit="age"): ["三十岁", "30岁"],
        F(60, unit="age", approx="at_least"): ["60岁以上", "六十岁以上"],
        F(3, unit="age", approx="at_most"): ["3岁以下"],
        F(18, unit="age"): [("年满18岁", "18岁")],
    },
    "multiple": {
        F(2, unit="times"): ["翻了一番", "翻一番", "翻番", "翻倍", "2倍", "两倍"],
        F(4, unit="times"): ["翻了两番", "翻两番"],
        F(3, unit="times"): ["3倍", "三倍"],
        F(2.5, unit="times"): [("营收增长2.5倍", "2.5倍"), "二点五倍"],
        F(2, unit="times", approx="at_least"): ["两倍多", "2倍多", "两倍以上"],
        F(1, unit="times"): [("产量增长一倍", "一倍")],
        F(10, unit="times", approx="at_least"): ["10倍以上", "十倍以上", "十多倍"],
    },
    "measure": {
        F(3.5, unit="kilometre"): ["3.5公里", "三点五公里", "3.5千米", "3.5km"],
        F(200, unit="square_metre"): ["200平方米", "两百平方米", "200平米", "200㎡"],
        F(5, unit="tonne"): ["5吨", "五吨"],
        F(30, unit="degree_celsius"): ["30摄氏度", "30℃", "三十摄氏度"],
        F(36.5, unit="degree_celsius"): ["36.5℃", "36.5摄氏度"],
        F(-5, unit="degree_celsius"): ["零下5摄氏度", "-5℃", "零下五摄氏度", "零下5℃"],
        F(8848, unit="metre"): [("海拔8848米", "8848米")],
        F(1.8, unit="metre"): ["1.8米", "一点八米"],
        F(60, unit="kilogram"): ["60公斤", "六十公斤", "60千克", "60kg"],
        F(1000, unit="cubic_metre"): ["1000立方米"],
        F(500, unit="mu"): ["500亩", "五百亩"],
        F(1e5, unit="kilowatt"): ["10万千瓦"],
        F(6.5, unit="magnitude"): [("里氏6.5级", "里氏6.5级"), ("发生6.5级地震", "6.5级")],
        F(100, unit="millimetre"): ["100毫米"],
        F(2000, unit="square_kilometre"): ["2000平方公里", "两千平方公里"],
        F(30000, unit="tonne"): ["3万吨", "三万吨"],
    },
    "duration": {
        F(3, unit="month"): ["3个月", "三个月"],
        F(2, unit="year"): ["两年", "2年"],
        F(1.5, unit="year"): ["一年半"],
        F(0.5, unit="month"): ["半个月"],
        F(48, unit="hour"): ["48小时", "四十八小时", "48个小时"],
        F(20, unit="minute"): ["20分钟", "二十分钟"],
        F(3, unit="day"): ["三天", "3天"],
        F(10, unit="year"): ["十年"],
        F(2, unit="week"): ["两周", "两个星期"],
        F(5, unit="day"): ["5个工作日", "五个工作日"],
        F(1.5, unit="month"): ["一个半月"],
        F(0.5, unit="hour"): ["半小时", "半个小时"],
        F(10, unit="day", approx="about"): ["十来天"],
        F(20, unit="day", approx="at_least"): ["20多天", "二十多天", "20余天"],
        F(1, unit="hour", approx="at_least"): ["一个多小时", "1个多小时"],
        F(20, unit="year", approx="at_most"): ["将近二十年", "将近20年"],
    },
}

FIGURE_NEGATIVES = [
    # idioms and words with numerals
    "一些", "一起", "一五一十", "万一", "一致", "三心二意", "千方百计", "成千上万", "一带一路", "第一时间", "十分满意",
    "统一", "唯一", "一旦", "一把手", "两岸", "双方", "七上八下", "乱七八糟", "四面八方", "五湖四海", "九牛一毛",
    "八九不离十", "一模一样", "三言两语", "一会儿", "千千万万", "一下子",
    # names with numerals
    "四川", "五粮液", "三亚", "六安", "九江", "十堰", "八达岭", "三峡", "百度", "百货商场", "三星手机", "九寨沟",
    "二维码", "三明治", "万达广场", "一汽大众", "三农问题", "两会",
    # dates, times, codes
    "星期三", "2023年", "6月20日", "周一", "第二季度", "上半年", "90后", "二〇二三年", "14时30分", "下午3点", "14:30",
    "5G网络", "G20峰会", "13912345678", "拨打12345", "iPhone 14", "国庆假期",
    # the article 一
    "一位网友", "一家公司", "一名记者", "一款新车",
]


CASES = form_cases(FIGURE_FORMS)


def _figures(text: str):
    return [c for c in metaledger.extract_text(text, reference_date="2023-06-20").claims if c.kind == "figure"]


def check_figure_case(text: str, span: str, expected: F) -> str | None:
    """None when the text yields its one expected figure, else what went wrong."""
    claims = _figures(text)
    if [c.text for c in claims] != [span]:
        return f"claims {[c.text for c in claims]}, expected [{span!r}]"
    claim = claims[0]
    got = f"{claim.rule}: value {claim.value} {case_kind_of(claim)} {claim.unit} {claim.approx} high {claim.value_high}"
    if not same_number(expected.value, claim.value) or case_kind_of(claim) != expected.kind:
        return got
    if expected.unit is not ANY and claim.unit != expected.unit:
        return got
    if claim.approx != expected.approx:
        return got
    if expected.high is not None and not same_number(expected.high, claim.value_high):
        return got
    return None


@pytest.mark.parametrize("form, text, span, expected", CASES, ids=[f"{form}:{text}" for form, text, _, _ in CASES])
def test_news_figure_form(form, text, span, expected):
    problem = check_figure_case(text, span, expected)
    assert problem is None, f"{text!r}: {problem}"


@pytest.mark.parametrize("text", FIGURE_NEGATIVES)
def test_news_not_a_figure(text):
    assert [c.text for c in _figures(text)] == []
