"""Hand-built report ledgers for the conflicts tests: invented news texts with the claims the
extractors are meant to give them (links, places and clock times included), so the tests pin
what `conflicts` does with a ledger whatever the extractors of the day find.

Texts are written for these tests (no corpus text): quakes in one county reported several
times, a quake months later in another county of the same province, a fire's death toll.
"""

from __future__ import annotations

from ledger_builders import dat, ent, evt, fig, ledger_of

from metaledger.query import combine_ledgers

MAY = "2008-05-12"


def _day(surface, iso, time=None, granularity=None, nth=1):
    timex = iso if time is None else f"{iso}T{time}"
    extra = {"start_time": time, "end_time": None} if time else {}
    return dat(surface, timex, iso, iso, granularity or ("day" if time is None else "minute"), nth=nth, **extra)


def quake_a():
    """The first wire: the main shock to a tenth of a second, then an aftershock with its time."""
    text = "5月12日14时27分57.9秒，四川省汶川县发生7.8级地震。\n14时43分，汶川县发生6.0级余震。\n"
    return ledger_of(text, [
        _day("5月12日14时27分57.9秒", MAY, "14:27:57.9", "second"),
        ent("四川省", "Sichuan", "PLACE"), ent("汶川县", type="PLACE"),
        fig("7.8级", 7.8, "magnitude", "measure"),
        evt("地震", "earthquake", subject="汶川县", dates=["5月12日14时27分57.9秒"], figures=["7.8级"], places=[("汶川县", 1)]),
        _day("14时43分", MAY, "14:43"), ent("汶川县", type="PLACE", nth=2),
        fig("6.0级", 6.0, "magnitude", "measure"),
        evt("余震", "earthquake", subject="汶川县", dates=["14时43分"], figures=["6.0级"], places=[("汶川县", 2)]),
    ], "quake-a", "reports/quake-a.txt", MAY)


def quake_b():
    """A second wire: the onset to the minute, on the network's authority, magnitude by cue word."""
    text = "据中国地震台网测定，12日14时28分，四川汶川发生强烈地震，震级为7.8级。\n"
    return ledger_of(text, [
        ent("中国地震台网", type="ORG"), _day("12日14时28分", MAY, "14:28"),
        ent("四川", "Sichuan", "PLACE"), ent("汶川", type="PLACE"),
        evt("地震", "earthquake", subject="汶川", attribution="中国地震台网", certainty="reported",
            dates=["12日14时28分"], places=["汶川"]),
        fig("7.8级", 7.8, "magnitude", "measure"),
    ], "quake-b", "reports/quake-b.txt", MAY)


def quake_c():
    """A report edited to say 7.6级."""
    text = "四川汶川县12日发生7.6级地震，成都震感强烈。\n"
    return ledger_of(text, [
        ent("四川", "Sichuan", "PLACE"), ent("汶川县", type="PLACE"), _day("12日", MAY),
        fig("7.6级", 7.6, "magnitude", "measure"),
        evt("地震", "earthquake", subject="汶川县", dates=["12日"], figures=["7.6级"], places=["汶川县"]),
        ent("成都", "Chengdu", "PLACE"),
    ], "quake-c", "reports/quake-c.txt", MAY)


def quake_august():
    """Another quake in the same province months later: never compared with the May one."""
    text = "8月30日16时30分，四川攀枝花市仁和区发生6.1级地震。\n"
    return ledger_of(text, [
        _day("8月30日16时30分", "2008-08-30", "16:30"),
        ent("四川", "Sichuan", "PLACE"), ent("攀枝花市", type="PLACE"), ent("仁和区", type="PLACE"),
        fig("6.1级", 6.1, "magnitude", "measure"),
        evt("地震", "earthquake", subject="仁和区", dates=["8月30日16时30分"], figures=["6.1级"], places=["仁和区"]),
    ], "quake-august", "reports/quake-august.txt", "2008-08-30")


def toll_evening():
    """107 dead as of 18时 on the day."""
    text = "截至12日18时，汶川地震已造成107人死亡。\n"
    return ledger_of(text, [
        _day("12日18时", MAY, "18:00", "hour"), ent("汶川", type="PLACE"),
        evt("地震", "earthquake", subject="汶川", dates=["12日18时"], places=["汶川"]),
        fig("107人", 107, "person"),
        evt("死亡", "death", dates=["12日18时"], figures=["107人"]),
    ], "toll-evening", "reports/toll-evening.txt", MAY)


def toll_next_day():
    """近万 dead in the next day's report."""
    text = "汶川地震已造成近万人死亡。\n"
    return ledger_of(text, [
        ent("汶川", type="PLACE"), evt("地震", "earthquake", subject="汶川", places=["汶川"]),
        fig("近万人", 10000, "person", approx="at_most"), evt("死亡", "death", figures=["近万人"]),
    ], "toll-next-day", "reports/toll-next-day.txt", "2008-05-13")


def fire_city_desk():
    text = "截至13日8时，朝阳区一处仓库火灾已造成16人死亡。\n"
    return ledger_of(text, [
        _day("13日8时", "2024-01-13", "08:00", "hour"), ent("朝阳区", type="PLACE"),
        evt("火灾", "fire", subject="朝阳区", dates=["13日8时"], places=["朝阳区"]),
        fig("16人", 16, "person"), evt("死亡", "death", dates=["13日8时"], figures=["16人"]),
    ], "fire-city-desk", "reports/fire-city-desk.txt", "2024-01-13")


def fire_agency():
    """The same toll at the same hour, as an official count, with the cue word before the figure."""
    text = "据北京市应急管理局通报，截至13日8时，朝阳区仓库火灾死亡人数为18人。\n"
    return ledger_of(text, [
        ent("北京市应急管理局", type="ORG"), evt("通报", "announce", subject="北京市应急管理局"),
        _day("13日8时", "2024-01-13", "08:00", "hour"), ent("朝阳区", type="PLACE"),
        evt("火灾", "fire", subject="朝阳区", attribution="北京市应急管理局", dates=["13日8时"], places=["朝阳区"]),
        fig("18人", 18, "person"),
    ], "fire-agency", "reports/fire-agency.txt", "2024-01-13")


def fire_two_tolls():
    """One article stating two tolls for one time."""
    text = "截至13日8时，朝阳区仓库火灾已造成16人死亡。\n另据现场消息，截至13日8时，这起火灾已造成18人遇难。\n"
    return ledger_of(text, [
        _day("13日8时", "2024-01-13", "08:00", "hour"), ent("朝阳区", type="PLACE"),
        evt("火灾", "fire", subject="朝阳区", dates=[("13日8时", 1)], places=["朝阳区"]),
        fig("16人", 16, "person"), evt("死亡", "death", figures=["16人"]),
        _day("13日8时", "2024-01-13", "08:00", "hour", nth=2),
        evt("火灾", "fire", nth=2, dates=[("13日8时", 2)]),
        fig("18人", 18, "person"), evt("遇难", "death", certainty="reported", figures=["18人"]),
    ], "fire-two-tolls", "reports/fire-two-tolls.txt", "2024-01-13")


def layoffs(article_id: str, surface: str, value, approx="exact", reference="2025-12-11"):
    """Meta 宣布裁员 …: one layoff count as written."""
    text = f"Meta 宣布裁员{surface}。\n"
    return ledger_of(text, [
        ent("Meta"), evt("宣布", "announce", subject="Meta"),
        evt("裁员", "layoff", subject="Meta", figures=[surface]),
        fig(surface, value, "person", approx=approx),
    ], article_id, f"reports/{article_id}.txt", reference)


def reports(*builders):
    return combine_ledgers([builder() for builder in builders])
