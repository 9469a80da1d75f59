"""Benchmark: how much more than parsing the YAML does a query of a large ledger cost?

    python benchmarks/query_bench.py                 # 50,000 claims, 3 runs each
    python benchmarks/query_bench.py --claims 10000 --runs 5 --keep big.yaml

It generates a realistic ledger (many articles with sentences; entity, date, figure
and event claims with offsets that match their sentences; events linking their
dates and figures), writes it with the ledger writer, then times

- baseline: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the file, and
- query: ``load_ledger`` (strict YAML + full validation) + resolving an alias
  + ``query_claims`` with an entity and a date range + rendering the result as JSON,

and prints the ratio query / baseline (target ≤ 1.5) with a breakdown. Timings are
CPU seconds of this process (steadier than wall time on a shared machine), the best
of --runs runs; nothing here is asserted, so the test suite never times.

``load_ledger`` pauses the cyclic garbage collector while it parses (see ledger.py);
the plain ``yaml.load`` baseline runs with it, as any caller's would. The ratio to a
baseline with the collector paused too is printed as well: it is the honest price of
validation and querying on top of parsing.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # runnable from a checkout without installing

from metaledger.ledger.claim_ids import assign_ids, sort_claims  # noqa: E402
from metaledger.ledger.store import dump_ledger, load_ledger  # noqa: E402
from metaledger.ledger.models import (  # noqa: E402
    Article, DateClaim, EntityClaim, EventClaim, FigureClaim, Ledger, Sentence,
)

# Sentence templates: {slot} is filled with a claim's text; <word> is an event trigger.
# Each template names its event: (type, subject slot, object slot, attribution slot, certainty).
TEMPLATES = [
    ("{date}，{org}宣布<裁员>{count}。", ("layoff", "org", None, None, "asserted")),
    ("据{media}报道，{org}营收同比<增长>{pct}。", ("growth", "org", None, "media", "reported")),
    ("{person}表示，{org}将在{date}<发布>新一代模型。", ("release", "org", None, "person", "asserted")),
    ("{org}以{money}<收购>{org2}。", ("acquire", "org", "org2", None, "asserted")),
    ("{person}于{date}<离开>{org}，加盟{org2}。", ("departure", "person", "org", None, "reported")),
    ("分析人士认为，{org}的市场份额可能<达到>{pct}。", ("reach", "org", None, None, "hedged")),
    ("{org}股价在{date}<下跌>{pct}，市值蒸发{money}。", ("decline", "org", None, None, "asserted")),
    ("这一消息在业内引发了广泛关注。", None),
    ("{org}与{org2}的竞争仍在继续，{person}对此未置可否。", None),
    ("截至{date}，{org}员工总数约为{count}。", None),
]
SLOT_KINDS = {"org": "entity", "org2": "entity", "person": "entity", "media": "entity", "place": "entity",
              "province": "entity", "date": "date", "count": "figure", "pct": "figure", "money": "figure",
              "magnitude": "figure", "toll": "figure"}
# Places for report templates that name one (benchmarks/conflicts_bench.py): counties, and the
# provinces written right before them (江南省青山县), which nest the county in the province.
PLACES = [(f"{head}{tail}", [f"{head}{tail}"]) for head in "青山 白河 东湖 西岭 南溪 北川 石门 云台".split() for tail in ("县", "区")]
PROVINCES = [(f"{name}省", [f"{name}省"]) for name in "江南 岭东 河西 山南".split()]
ORG_HEADS = "星河 云帆 蓝海 北辰 天衡 启明 远景 卓越 华芯 智源 鸿图 长风 银杉 青松 海川 金桥".split()
ORG_TAILS = "科技 集团 资本 银行 智能 半导体 汽车 传媒 云 网络 医药 能源".split()
SURNAMES = "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭".split()
GIVEN = "伟 芳 娜 敏 静 磊 强 军 洋 勇 艳 杰 涛 明 超 霞".split()
GAZETTEER_ORGS = [("Nvidia", ["英伟达", "NVIDIA"]), ("Google", ["谷歌", "Google"]), ("Meta", ["Meta", "脸书"]),
                  ("Alibaba", ["阿里巴巴", "阿里"]), ("Amazon", ["亚马逊"]), ("OpenAI", ["OpenAI"])]
GAZETTEER_PEOPLE = [("Mark Zuckerberg", ["扎克伯格", "小扎"]), ("Jensen Huang", ["黄仁勋"])]
MEDIA = [("Bloomberg", ["彭博社", "彭博"]), ("Reuters", ["路透社"]), ("Xinhua", ["新华社"])]


def _names(rng: random.Random):
    # Names the gazetteer knows come first: they are among the 40 that most mentions use.
    synthetic = [(f"{head}{tail}", [f"{head}{tail}"]) for head in ORG_HEADS for tail in ORG_TAILS]
    rng.shuffle(synthetic)
    orgs = GAZETTEER_ORGS + synthetic
    people = GAZETTEER_PEOPLE + [(f"{s}{g}", [f"{s}{g}"]) for s in SURNAMES for g in GIVEN]
    return {"org": orgs, "org2": orgs, "person": people, "media": MEDIA, "place": PLACES, "province": PROVINCES}


def _date(rng: random.Random):
    year = rng.choice([2023, 2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    choice = rng.random()
    if choice < 0.5:
        iso = f"{year}-{month:02d}-{day:02d}"
        return f"{year}年{month}月{day}日", dict(timex=iso, start_date=iso, end_date=iso, granularity="day", rule="date.ymd")
    if choice < 0.8:
        last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28
        return f"{year}年{month}月", dict(timex=f"{year}-{month:02d}", start_date=f"{year}-{month:02d}-01",
                                        end_date=f"{year}-{month:02d}-{last}", granularity="month", rule="date.ym")
    return f"{year} 年", dict(timex=str(year), start_date=f"{year}-01-01", end_date=f"{year}-12-31",
                             granularity="year", rule="date.year")


def _figure(slot: str, rng: random.Random):
    if slot == "magnitude":  # a few values, so reports of one quake agree more often than not
        value = rng.choice([5.1, 6.0, 6.0, 6.4, 7.8, 7.8, 7.8])
        return f"{value}级", dict(value=value, unit="magnitude", measure="measure", rule="figure.magnitude")
    if slot == "toll":
        value = rng.choice([3, 12, 16, 18, 107, 107, 9000])
        return f"{value}人", dict(value=value, unit="person", measure="count", rule="figure.count")
    if slot == "count":
        value = rng.randint(2, 20000)
        return f"{value} 人", dict(value=value, unit="person", measure="count", rule="figure.count")
    if slot == "pct":
        value = round(rng.uniform(0.5, 95), 1)
        return f"{value:g}%", dict(value=value, unit="percent", measure="percent", rule="figure.percent")
    value = rng.randint(1, 900)
    return f"{value} 亿美元", dict(value=value * 100_000_000, unit="USD", measure="money", rule="figure.money")


def _sentence(template, names, rng, article_id, index, offset):
    """Fill a template; return its text, its claims (no ids yet) and each event's linked claims."""
    pattern, event = template
    text, claims, slots, trigger, links = "", [], {}, None, []
    for piece in _pieces(pattern):
        start = offset + len(text)
        if piece.startswith("{"):
            slot = piece[1:-1]
            kind = SLOT_KINDS[slot]
            if kind == "entity":
                canonical, aliases = rng.choice(names[slot][:40] if rng.random() < 0.7 else names[slot])
                surface = rng.choice(aliases)
                entity_type = {"person": "PERSON", "place": "PLACE", "province": "PLACE"}.get(slot, "ORG")
                claim = EntityClaim(article=article_id, sentence=index, start=start, end=start + len(surface),
                                    text=surface, rule="entity.gazetteer", type=entity_type, canonical=canonical)
            elif kind == "date":
                surface, values = _date(rng)
                claim = DateClaim(article=article_id, sentence=index, start=start, end=start + len(surface),
                                  text=surface, **values)
            else:
                surface, values = _figure(slot, rng)
                claim = FigureClaim(article=article_id, sentence=index, start=start, end=start + len(surface),
                                    text=surface, **values)
            slots[slot] = claim
            claims.append(claim)
            text += surface
        elif piece.startswith("<"):
            trigger = (start, piece[1:-1])
            text += piece[1:-1]
        else:
            text += piece
    if event and trigger:
        event_type, subject, obj, source, certainty = event
        name = lambda slot: slots[slot].canonical if slot else None  # noqa: E731
        claims.append(EventClaim(
            article=article_id, sentence=index, start=trigger[0], end=trigger[0] + len(trigger[1]),
            text=trigger[1], rule=f"event.{event_type}", type=event_type, trigger=trigger[1],
            subject=name(subject), object=name(obj), attribution=name(source), certainty=certainty,
        ))
        links.append((claims[-1], list(slots.values())))  # linked once ids are assigned
    return text, claims, links


def _pieces(pattern: str):
    import re

    return [p for p in re.split(r"(\{\w+\}|<[^>]+>)", pattern) if p]


def generate_ledger(target_claims: int, seed: int = 7, templates=None, max_articles: int | None = None) -> Ledger:
    """A ledger of at least target_claims claims (or of max_articles articles), from templates."""
    templates = templates or TEMPLATES
    rng = random.Random(seed)
    names = _names(rng)
    articles, claims = [], []
    number = 0
    while len(claims) < target_claims and (max_articles is None or number < max_articles):
        number += 1
        article_id = f"news-{number:05d}"
        text, sentences, article_claims, links = "", [], [], []
        for index in range(rng.randint(8, 24)):
            if index and index % 4 == 0:
                text += "\n"
            sentence_text, found, linked = _sentence(rng.choice(templates), names, rng, article_id, index, len(text))
            sentences.append(Sentence(index=index, start=len(text), end=len(text) + len(sentence_text),
                                      line=text.count("\n") + 1, text=sentence_text))
            text += sentence_text
            article_claims += found
            links += linked
        plain = assign_ids([c for c in article_claims if c.kind != "event"])
        events = [c for c in article_claims if c.kind == "event"]
        for event, linked in links:
            event.date_ids = [c.id for c in linked if c.kind == "date"]
            event.figure_ids = [c.id for c in linked if c.kind == "figure"]
        claims += plain + assign_ids(events)
        articles.append(Article(id=article_id, path=f"archive/{article_id}.txt",
                                sha256=hashlib.sha256(text.encode()).hexdigest(), title=sentences[0].text,
                                length=len(text), reference_date="2025-12-11", reference_date_source="sidecar",
                                sentences=sentences))
    return Ledger(articles=articles, claims=sort_claims(claims))


def timed(function, gc_paused: bool) -> float:
    """CPU seconds of one call, after a full collection, with the collector paused or not."""
    gc.collect()
    if gc_paused:
        gc.disable()
    began = time.process_time()
    try:
        function()
    finally:
        spent = time.process_time() - began
        gc.enable()
    return spent


def best_times(runs: int, measures: dict) -> dict[str, float]:
    """The best time of each measure; rounds interleave the measures so that other load
    on the machine falls on all of them alike rather than on whichever ran at a bad moment."""
    best = dict.fromkeys(measures, float("inf"))
    for _ in range(runs):
        for name, (function, gc_paused) in measures.items():
            best[name] = min(best[name], timed(function, gc_paused))
    return best


def query_once(path: Path, entity: str) -> str:
    """What `metaledger query LEDGER --entity E --from 2025-11 --to 2025-11 --format json` does."""
    from metaledger.query import LedgerIndex, find_entity, parse_date_bound, query_claims

    index = LedgerIndex(load_ledger(path))
    canonical = find_entity(index, entity)
    found = query_claims(index, entity=canonical, date_from=parse_date_bound("2025-11"),
                         date_to=parse_date_bound("2025-11", end=True))
    return json.dumps([c.model_dump(mode="json") for c in found], ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50_000, help="claims in the generated ledger")
    parser.add_argument("--runs", type=int, default=3, help="timed rounds; the best of each measure is kept")
    parser.add_argument("--entity", default="英伟达", help="the name queried")
    parser.add_argument("--keep", type=Path, help="also write the generated ledger here")
    options = parser.parse_args()

    from metaledger.support.yamlio import StrictLoader

    ledger = generate_ledger(options.claims)
    with tempfile.TemporaryDirectory() as folder:
        path = options.keep or Path(folder) / "big.yaml"
        path.write_text(dump_ledger(ledger), encoding="utf-8")
        read = lambda: path.read_text(encoding="utf-8")  # noqa: E731
        data = yaml.load(read(), Loader=yaml.CSafeLoader)
        best = best_times(options.runs, {
            "baseline": (lambda: yaml.load(read(), Loader=yaml.CSafeLoader), False),
            "baseline_paused": (lambda: yaml.load(read(), Loader=yaml.CSafeLoader), True),
            "strict": (lambda: yaml.load(read(), Loader=StrictLoader), True),
            "validate": (lambda: Ledger.model_validate(data), True),
            "query": (lambda: query_once(path, options.entity), False),
        })
        found = len(json.loads(query_once(path, options.entity)))
        size = path.stat().st_size
    print(f"ledger: {len(ledger.claims):,} claims in {len(ledger.articles):,} articles, {size / 1e6:.1f} MB")
    print(f"yaml.load CSafeLoader              {best['baseline']:7.3f} s   (baseline)")
    print(f"yaml.load CSafeLoader, GC paused   {best['baseline_paused']:7.3f} s")
    print(f"  strict YAML loader, GC paused    {best['strict']:7.3f} s")
    print(f"  pydantic + consistency, paused   {best['validate']:7.3f} s")
    print(f"query {options.entity} in 2025-11 → {found} claims, JSON rendered")
    print(f"query total (load_ledger + query)  {best['query']:7.3f} s")
    print(f"ratio query / baseline             {best['query'] / best['baseline']:7.2f}x  (target ≤ 1.5x)")
    print(f"ratio query / GC-paused baseline   {best['query'] / best['baseline_paused']:7.2f}x")


if __name__ == "__main__":
    main()
