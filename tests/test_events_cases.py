"""Regression rows: one sentence each, the event it must give, field by field.

Sentences are written for these tests (not taken from the bundled article); their names
come from the packaged gazetteer plus tests/fixtures/articles/cases.lexicon.yaml.
A row that once failed stays here with the reason in its id.
"""

from __future__ import annotations

import pytest

import metaledger
from metaledger.resources.gazetteer import load_gazetteer

from conftest import FIXTURES

_GAZETTEER = load_gazetteer((FIXTURES / "articles" / "cases.lexicon.yaml",))

CASES = [
    # id, text, trigger, expected fields
    ("release-time-noun", "苹果公司周二在加州总部发布了 iPhone 17，起售价为 5999 元。", "发布",
     dict(type="release", subject="Apple", object="iPhone 17", certainty="asserted")),
    ("report-citing-anonymous", "据路透社援引知情人士报道，微软正考虑收购字节跳动的部分业务。", "收购",
     dict(subject="Microsoft", object="ByteDance", certainty="hedged", attribution="Reuters")),
    ("company-means-the-speakers", "特斯拉 CEO 马斯克在社交平台上表示，公司将于明年推出全自动驾驶出租车。", "推出",
     dict(subject="Tesla", attribution="Elon Musk", certainty="asserted")),
    ("fine-by-regulator", "欧盟委员会对苹果公司处以 18 亿欧元罚款。", "罚款",
     dict(type="fine", subject="European Commission", object="Apple")),
    ("denial-negates-first-claim-only", "奥尔特曼否认 OpenAI 计划推迟发布 GPT-5。", "推迟",
     dict(subject="OpenAI", polarity="negative", attribution="Sam Altman", certainty="asserted")),
    ("denial-leaves-the-rest", "奥尔特曼否认 OpenAI 计划推迟发布 GPT-5。", "发布",
     dict(object="GPT-5", polarity="positive")),
    # issue 15: 伤亡 counts the dead and the injured together (was injury)
    ("no-casualties", "上海市浦东新区一栋居民楼昨晚发生火灾，所幸无人员伤亡。", "伤亡",
     dict(type="casualties", subject="人员", polarity="negative")),
    # issue 15: the building is what burned, as written; the places named in it are where (was Pudong)
    ("places-in-the-phrase-are-where", "上海市浦东新区一栋居民楼昨晚发生火灾，所幸无人员伤亡。", "火灾",
     dict(type="fire", subject="上海市浦东新区一栋居民楼", place_ids=["text:entity:shanghai:1", "text:entity:pudong:1"])),
    ("hedge-over-reported", "有消息称，字节跳动或将在今年下半年裁员 10%。", "裁员",
     dict(subject="ByteDance", certainty="hedged", attribution=None)),
    ("metric-types-the-change", "特斯拉第三季度净利润同比下降 37%，营收则同比增长 12%。", "下降",
     dict(type="net_profit_decline", subject="Tesla")),
    ("adjunct-closer-fused-with-say", "库克在接受采访时说，苹果不会在中国市场降价。", "说",
     dict(type="statement", subject="Tim Cook")),
    ("negation-across-a-place-phrase", "库克在接受采访时说，苹果不会在中国市场降价。", "降价",
     dict(type="price_cut", subject="Apple", polarity="negative", attribution="Tim Cook")),
    ("departure-object-is-the-org", "马斯克离开了特斯拉董事会。", "离开",
     dict(type="departure", subject="Elon Musk", object="Tesla")),
    ("coordinated-subjects-negated", "谷歌和微软都没有回应置评请求。", "回应",
     dict(subject="Google", polarity="negative")),
    # issue 15: an agent named by a phrase is the subject as written (was None)
    ("passive-by-agent", "特斯拉在美国被一名车主起诉，对方称其自动驾驶系统存在缺陷。", "起诉",
     dict(type="sue", subject="一名车主", object="Tesla")),
    ("comitative-talks", "据知情人士透露，苹果公司已与字节跳动就广告合作展开谈判。", "谈判",
     dict(subject="Apple", object="ByteDance", certainty="reported", attribution="anonymous sources")),
    ("complement-of-announce", "雷军表示，小米将在2026年投入超过200亿元用于芯片研发。", "投入",
     dict(subject="Xiaomi", attribution="Lei Jun")),
    ("fused-adverb-preposition", "微软此前已向OpenAI累计投资超过130亿美元。", "投资",
     dict(subject="Microsoft", object="OpenAI")),
    ("price-cut-with-gap", "苹果公司此前被曝在部分市场下调了 iPhone 17 的售价。", "下调",
     dict(type="price_cut", subject="Apple", object="iPhone 17", certainty="reported")),
    ("stock-fall", "特斯拉股价周五暴跌8%，市值蒸发约700亿美元。", "暴跌",
     dict(type="stock_price_decline", subject="Tesla", certainty="asserted")),
    ("sale-denied", "字节跳动否认了将在美国出售业务的传闻。", "出售",
     dict(type="sell", subject="ByteDance", polarity="negative", attribution="ByteDance")),
    ("learned-from-office", "记者13日从上海市应急管理局了解到，浦东新区一物流仓库12日晚起火。", "起火",
     dict(type="fire", subject="浦东新区一物流仓库", attribution="Shanghai Emergency Management Bureau")),
    ("learned-from-office-not-the-byline", "（记者 王明）记者从上海市应急管理局获悉，浦东新区一仓库起火。", "起火",
     dict(type="fire", subject="浦东新区一仓库", attribution="Shanghai Emergency Management Bureau")),
    ("learner-is-not-the-agent", "库克从富士康获悉，iPhone 17 将推迟发布。", "推迟",
     dict(type="delay", subject=None, object="iPhone 17", attribution="Foxconn", certainty="asserted")),
    ("reporter-is-not-the-agent", "彭博社报道称，苹果公司将推迟发布 iPhone 17。", "推迟",
     dict(subject="Apple", attribution="Bloomberg", certainty="reported")),
    ("dateline-and-byline-are-settings", "新华社上海12月10日电（记者 李明）上海市应急管理局10日通报，浦东新区一仓库起火。", "通报",
     dict(type="announce", subject="Shanghai Emergency Management Bureau")),
    ("invest-takes-no-span-of-time", "扎克伯格押注的，是一场可能决定 Meta 未来十年的豪赌。", "押注",
     dict(subject="Mark Zuckerberg", figure_ids=[])),
    ("invest-takes-money", "微软此前已向OpenAI累计投资超过130亿美元。", "投资",
     dict(subject="Microsoft", figure_ids=["text:figure:13000000000-usd:1"])),
    ("concurrent-post", "阿里巴巴集团12日发布公告称，集团CEO吴泳铭将兼任阿里云智能集团董事长。", "兼任",
     dict(type="join", subject="Eddie Wu", object="Alibaba Cloud", attribution="Alibaba")),
    ("report-by-agency", "据新华社报道，国家市场监督管理总局依法对阿里巴巴处以182.28亿元罚款。", "罚款",
     dict(subject="SAMR", object="Alibaba", certainty="reported", attribution="Xinhua")),
    ("called-false", "字节跳动回应称，网传公司将裁员30%的消息不实。", "裁员",
     dict(subject="ByteDance", polarity="negative", attribution="ByteDance")),
    # 小米汽车 is one organization (the org-suffix rule: a brand + an industry word, like 长城汽车),
    # the maker named right before its product, so it releases it (was Xiaomi from a bare 小米).
    ("product-goes-on-sale", "小米汽车SU7上市首月交付量突破1万辆。", "上市",
     dict(type="release", subject="小米汽车", object="SU7")),
    ("product-goes-on-sale-maker-before-it", "小米SU7正式上市，首月交付量突破1万辆。", "上市",
     dict(type="release", subject="Xiaomi", object="SU7")),
    ("product-goes-on-sale-maker-elsewhere", "小米发布了SU7，该车将于明年上市。", "上市",
     dict(type="release", subject="Xiaomi", object="SU7", certainty="asserted")),
    ("anonymous-analysts-hedge", "有分析人士认为，特斯拉可能在明年第一季度推出更便宜的车型。", "推出",
     dict(subject="Tesla", certainty="hedged", attribution="anonymous sources")),
    ("underperform-index", "特斯拉股价今年以来已累计下跌约25%，远远跑输纳斯达克指数。", "跑输",
     dict(type="underperform", subject="Tesla", object="Nasdaq")),
    ("plan-with-a-time-word-is-hedged", "据彭博社报道，苹果公司计划明年推出折叠屏 iPhone。", "推出",
     dict(subject="Apple", certainty="hedged", attribution="Bloomberg")),
    ("a-noun-plan-put-off-is-no-hedge", "谷歌内部原以为新品会在年底发布，但现在的计划已推迟。", "推迟",
     dict(subject="Google", certainty="asserted")),
    ("announced-no-longer", "小米集团宣布，雷军将不再担任小米汽车CEO。", "担任",
     dict(subject="Lei Jun", polarity="negative", attribution="Xiaomi")),
    ("anonymous-then-sale", "知情人士称，马斯克已同意出售特斯拉部分股票。", "出售",
     dict(subject="Elon Musk", object="Tesla", certainty="reported", attribution="anonymous sources")),
    ("visit-a-place", "苹果公司CEO库克周四访问了北京。", "访问",
     dict(type="meet", subject="Tim Cook", object="Beijing")),
    ("negation-through-a-support-verb", "阿里巴巴并未参与此次融资。", "融资",
     dict(polarity="negative")),
    ("means-verb-shares-its-subject", "OpenAI被指使用未经授权的数据训练模型。", "训练",
     dict(subject="OpenAI", certainty="reported")),
    ("official-unit-on-record", "北京市消防救援总队表示，火灾共造成4人受伤。", "受伤",
     dict(type="injury", certainty="asserted", attribution="北京市消防救援总队")),
    ("description-as-object", "马斯克此前曾多次批评OpenAI，并于2024年起诉了该公司。", "起诉",
     dict(subject="Elon Musk", object="OpenAI")),
    ("no-plans-to-launch", "黄仁勋表示，英伟达目前没有计划在中国推出新芯片。", "推出",
     dict(subject="Nvidia", polarity="negative", attribution="Jensen Huang", certainty="asserted")),
    ("product-recall", "特斯拉召回超过12万辆汽车。", "召回", dict(type="recall", subject="Tesla")),
    ("owner-through-qixia", "字节跳动旗下的大模型宣布降价。", "降价", dict(type="price_cut", subject="ByteDance")),
    ("officer-speaks-for-the-company", "阿里巴巴CEO吴泳铭称，未来三年将投入3800亿元建设云和AI基础设施。", "投入",
     dict(subject="Alibaba", attribution="Eddie Wu")),
    ("personal-act-stays-personal", "马斯克宣布辞去特斯拉董事长职务。", "辞去",
     dict(type="departure", subject="Elon Musk", object="Tesla", attribution="Elon Musk")),
    ("passive-by-board", "奥尔特曼曾在2023年被OpenAI董事会解雇。", "解雇", dict(subject="OpenAI", object="Sam Altman")),
    # issue 15: a speaker named by a phrase makes a statement too (was no event)
    ("unnamed-speaker-is-a-phrase", "特斯拉被一名车主起诉，对方称其系统存在缺陷。", "称",
     dict(type="statement", subject="对方")),
    ("second-say-is-one-statement", "马斯克随后在社交媒体上回应称，相关指控毫无根据。", "称", None),
    # issue 15: an investigation under way is a claim; what is investigated is its topic (was no event)
    ("cause-under-investigation", "仓库起火原因正在调查中。", "调查",
     dict(type="investigate", subject="仓库起火原因")),
    ("first-disaster-named-as-a-cause-stands", "昨日一场火灾造成3人死亡。", "火灾", dict(type="fire", subject=None)),
]


@pytest.mark.parametrize("text, trigger, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(text, trigger, expected):
    ledger = metaledger.extract_text(text, reference_date="2025-12-11", lexicon=_GAZETTEER)
    found = [c for c in ledger.claims if c.kind == "event" and c.text == trigger]
    if expected is None:
        assert not found, [(e.type, e.subject) for e in found]
        return
    assert found, f"no event {trigger!r}; got {[(e.text, e.type) for e in ledger.claims if e.kind == 'event']}"
    for field, value in expected.items():
        assert getattr(found[0], field) == value, field
