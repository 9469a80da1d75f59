"""Subject and object of a trigger among the noun phrases of its clause (as written).

- cause frame, for casualty and damage verbs: the phrase between a cause verb (造成, 导致…)
  and the trigger is the victims, the object; the cause is the subject: the phrase before
  the cause verb, or the incident word named before it (爆炸造成至少12人死亡). An incident in
  the same clause is the cause too (火灾中没有人员伤亡). With no cause stated the victims are
  the subject (至少12人死亡);
- passive (被, 遭到…): the phrase after the marker is the agent, the one before it the patient
  (大火被消防员扑灭); 将/把 X moves X to the object;
- comitative triggers (相撞, 会见): A 与 B 相撞 → A subject, B object;
- an incident noun's subject is what it happened to: the phrase right before it or before the
  occurrence word (北京一家工厂昨日发生火灾), never a count (6 级地震) or a setting;
- otherwise the subject is the last participant phrase before the trigger in its clause that
  no preposition governs (在公路上) and no verb takes as its object (赶赴现场救援: 现场 is
  赶赴's); a verb opening the clause belongs to the phrase after it (巡逻民警). The object is
  the first phrase after the trigger before the next verb; a frame's object is what the frame
  names (启动二级应急响应). A state before 的 describes the phrase after it (受伤的司机). A clause
  with no subject continues the sentence's topic: its first participant phrase, when no verb
  comes before it.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from .arguments import Hit, SentenceContext
from .phrases import Phrase, Unit, chunk, sentence_units

_ASPECT = frozenset({"了", "着", "过"})
_COMITATIVE = frozenset({"与", "和", "同", "跟"})
_SOURCES = frozenset({"据", "根据", "依据"})  # 据目击者称: the witness speaks
_PATIENTS = frozenset({"对", "对于", "向"})  # 对 X 实施打击: X is struck
_CAUSATIVES = frozenset({"让", "使", "令", "叫", "使得"})  # 让 X 受益: X benefits
_GOVERNED_SUBJECTS = _SOURCES | _CAUSATIVES
_NO_ROLE = frozenset({"time", "ordinal"})  # phrases that are no subject or object
_FRAME_WINDOW = 20


class PhraseRoles(NamedTuple):
    subject: Phrase | None = None
    object: Phrase | None = None
    carried: bool = False  # the subject is the sentence's topic, not in the trigger's clause
    cause: bool = False  # the subject is a stated cause
    first_person: bool = False  # 我们会推出…: a quoted speaker's words


class SentencePhrases:
    """The phrases of one sentence, and the roles they play for each trigger. Each clause is read
    (tagged and chunked) only when a trigger asks for it: most clauses of most sentences hold no
    trigger, and a phrase never reaches across a clause mark."""

    def __init__(self, ctx: SentenceContext, times: list[tuple[int, int]]):
        self.ctx = ctx
        self._times = times + [m.span() for m in ctx.cues.phrases.time.finditer(ctx.text, ctx.start, ctx.end)]
        self._breaks = sorted((h.start, h.end) for h in ctx.hits)
        self._modifiers = sorted(ctx.modifiers)
        self._verbs = ctx.cues.phrase_verbs
        self._clauses: dict[int, tuple] = {}  # clause index → (units, starts, phrases, marker words, covered units)
        self.units: list[Unit] = []  # of the clause being read
        self._starts: list[int] = []
        self.phrases: list[Phrase] = []
        self._words: frozenset[str] = frozenset()  # the clause's marker words: a marker absent from them is not looked for
        self._covered: frozenset[int] = frozenset()  # indices of the units inside a phrase
        self._markers = ctx.cues.phrase_markers

    def _read(self, clause) -> None:
        """Make clause the one being read: its units, their starts and its phrases."""
        found = self._clauses.get(clause.index)
        if found is None:
            ctx, cues = self.ctx, self.ctx.cues.phrases
            start, end = clause.start, clause.end
            times = [(s, e) for s, e in self._times if start <= s < end]
            mentions = [m for m in ctx.mentions if start <= m.start < end]
            units = sentence_units(
                ctx.tokens_in(start, end), mentions, _merged(times), self._breaks, self._verbs, cues,
                self._modifiers, ctx.cues.negators,
            )
            words = frozenset(u.word for u in units if u.word in self._markers)
            phrases = chunk(units, ctx.text, cues)
            covered = frozenset(i for p in phrases for i in range(p.first, p.last + 1))
            found = (units, [u.start for u in units], phrases, words, covered)
            self._clauses[clause.index] = found
        self.units, self._starts, self.phrases, self._words, self._covered = found

    # --- helpers --------------------------------------------------------------------------------

    def _before(self, phrase: Phrase) -> Unit | None:
        return self.units[phrase.first - 1] if phrase.first > 0 else None

    def _governor(self, phrase: Phrase) -> str | None:
        if phrase.first <= 0:  # (self._before, inlined: asked for every phrase of every trigger)
            return None
        unit = self.units[phrase.first - 1]
        if unit.start < self.ctx.start or not unit.word:
            return None
        word = unit.word
        if len(word) == 2 and word[0] in "已曾将正也还又并均都再就":
            word = word[1]  # 已向: an adverb fused with the preposition
        return word if word in self.ctx.cues.phrases.governors else None

    def _candidate(self, phrase: Phrase, zone_start: int) -> Phrase | None:
        """The phrase as a subject: None right after a verb inside the clause (that verb's object);
        a verb opening the clause modifies the noun after it and joins the phrase (巡逻民警)."""
        unit = self._before(phrase)
        if unit is None or unit.tag != "V" or unit.word in self.ctx.cues.auxiliaries or unit.start < zone_start:
            return phrase
        if unit.word in _GOVERNED_SUBJECTS:
            return phrase  # 让患者受益: the causative's object does the verb
        index = phrase.first - 1
        opening = all(u.tag in ("T", "X", "P") for u in self.units[self._unit_at(zone_start) : index] if u.start >= zone_start)
        is_hit = any(h.start < unit.end and unit.start < h.end for h in self.ctx.hits)
        if is_hit or unit.word in self.ctx.cues.occurrence:
            return None
        if not opening:
            return self._compound(phrase, index, zone_start)
        return Phrase(unit.start, phrase.end, self.ctx.text[unit.start : phrase.end], phrase.kind, index, phrase.last, phrase.head, phrase.coordinated)

    def _compound(self, phrase: Phrase, verb: int, zone_start: int) -> Phrase | None:
        """全国快递业务量, 工厂排放标准: a verb the tagger found between two nouns right before the
        trigger's zone end joins them into one subject phrase (the serial-verb reading keeps the
        first noun as its start)."""
        before = next((p for p in self.phrases if p.last == verb - 1), None)
        if before is None or before.start < zone_start or before.kind not in ("participant", "place"):
            return None
        if self.units[verb].start != before.end or phrase.start != self.units[verb].end or len(self.units[verb].word) != 2:
            return None  # 市长到医院看望: a one-character verb of motion is no part of a name
        text = self.ctx.text[before.start : phrase.end]
        return Phrase(before.start, phrase.end, text, phrase.kind, before.first, phrase.last, phrase.head, phrase.coordinated)

    def _unit_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._starts, position) - 1)

    def _marker(self, words, start: int, end: int) -> Unit | None:
        if self._words.isdisjoint(words):
            return None
        found = None
        for unit in self.units[self._unit_at(start) :]:
            if unit.start >= end:
                break
            if unit.start >= start and unit.word in words:
                found = unit
        return found

    def _stop(self, hit: Hit) -> int:
        """Where the trigger's object can end: the next verb or trigger outside a phrase, or the clause end."""
        covered = self._covered
        for index in range(self._unit_at(hit.end), len(self.units)):
            unit = self.units[index]
            if unit.start < hit.end:
                continue
            if unit.start >= hit.clause.end:
                break
            if unit.word == "、" and index not in covered:
                return unit.start  # 600 人裁员、顶级大佬空降: the next item of a list is no object
            if unit.tag == "V" and unit.word not in _ASPECT and index not in covered:
                if unit.start == hit.end and len(unit.word) == 1 and unit.word in self.ctx.cues.complements:
                    continue  # 参与到…, 送往: a complement of the trigger
                return unit.start
        return hit.clause.end

    def _governed_after(self, phrase: Phrase, hit: Hit) -> bool:
        """A preposition governs the phrase, and it is not the end of the trigger (专注于 X)."""
        unit = self._before(phrase)
        return self._governor(phrase) is not None and not (unit is not None and unit.start < hit.end)

    def _source_of(self, phrase: Phrase, hit: Hit) -> bool:
        """据目击者称, 据地震台网测定: what 据 governs right before the verb does the verb; so does
        what a causative governs (让全世界3400多个患者受益: the patients benefit)."""
        if self._governor(phrase) not in _GOVERNED_SUBJECTS:
            return False
        between = [u for u in self.units[phrase.last + 1 : self._unit_at(hit.start)] if u.start >= phrase.end]
        return all(u.tag in ("X", "T") for u in between)

    def _first_person(self, start: int, end: int) -> bool:
        first = self.ctx.cues.phrases.first_person
        if self._words.isdisjoint(first):
            return False
        return any(u.word in first for u in self.units[self._unit_at(start) :] if start <= u.start < end)

    def _fused_object(self, hit: Hit) -> Phrase | None:
        """赶赴现场 is one token: the rest of it is the object."""
        unit = self.units[self._unit_at(hit.end - 1)] if self.units else None
        if unit is None or unit.end <= hit.end or unit.start != hit.start:
            return None
        return Phrase(hit.end, unit.end, self.ctx.text[hit.end : unit.end], "participant", -1, -1)

    def _hit_phrase(self, hit: Hit) -> Phrase:
        return Phrase(hit.start, hit.end, self.ctx.text[hit.start : hit.end], "participant", -1, -1)

    def _incidents(self, start: int, end: int) -> list[Phrase]:
        return [self._hit_phrase(h) for h in self.ctx.hits if start <= h.start and h.end <= end and h.spec.nominal]

    def _frame_object(self, hit: Hit) -> Phrase | None:
        """启动二级应急响应, 控制涉事司机: the object a frame names, with the phrase it ends in."""
        if hit.spec.after is None:
            return None
        match = hit.spec.after.match(self.ctx.text[hit.end : hit.end + _FRAME_WINDOW])
        greedy = hit.spec.after_greedy.match(self.ctx.text[hit.end : hit.end + _FRAME_WINDOW]) if hit.spec.after_greedy else None
        match = greedy or match
        if match is None:
            return None
        start = hit.end + len(match.group()) - len(match.group().lstrip("了着过 "))
        end = hit.end + match.end()
        for phrase in self.phrases:
            if phrase.start <= end <= phrase.end and phrase.start >= start:
                end = phrase.end
        text = self.ctx.text[start:end]
        # a context that only says the clause ends there (高度重视，…) names no object
        return Phrase(start, end, text, "participant", -1, -1) if any(c.isalnum() for c in text) else None

    # --- roles ----------------------------------------------------------------------------------

    def roles(self, hit: Hit, zone_start: int) -> PhraseRoles:
        spec = hit.spec
        self._read(hit.clause)
        left = [p for p in self.phrases if zone_start <= p.start and p.end <= hit.start]
        stop = self._stop(hit)
        right = [p for p in self.phrases if hit.end <= p.start and p.end <= stop and p.kind not in _NO_ROLE and not self._governed_after(p, hit)]
        free = [p for p in left if self._governor(p) is None or self._source_of(p, hit)]
        subjects = [c for c in (self._candidate(p, zone_start) for p in free if p.kind == "participant") if c is not None]
        if self._first_person(zone_start, hit.start):
            return PhraseRoles(first_person=True)
        if spec.nominal:
            return PhraseRoles(self._site(hit, left))
        obj = self._frame_object(hit) or self._fused_object(hit) or (right[0] if right else None)
        if spec.frame and stop < hit.clause.end:
            obj = None  # 对方称其系统存在缺陷: what is said has its own verb; 公布财报: what is made public
        if obj is None:  # 对位于机场区域的一处基地实施打击; 对三名责任人停职检查
            patients = [p for p in left if self._governor(p) in _PATIENTS and p.kind not in _NO_ROLE]
            obj = patients[-1] if patients else None
        if spec.casualty:
            found = self._casualty(hit, left, subjects, obj)
            if found is not None:
                return found
        passive = self._marker(self.ctx.cues.passive, zone_start, hit.start)
        if passive is not None and not self.ctx.cues.not_passive.match(self.ctx.text, passive.start):
            agents = [p for p in left if p.start >= passive.end and p.kind == "participant"]
            patients = [p for p in free if p.end <= passive.start and p.kind not in _NO_ROLE]
            patients += self._incidents(zone_start, passive.start)
            patient = max(patients, key=lambda p: p.end, default=None)
            return PhraseRoles(agents[-1] if agents else None, patient or obj)
        disposal = self._marker(self.ctx.cues.disposal, zone_start, hit.start)
        if disposal is not None:
            moved = [
                p for p in left
                if p.start >= disposal.end and p.kind not in _NO_ROLE and self._governor(p) is None and self.units[p.first].pos != "vn"
            ]
            moved += self._incidents(disposal.end, hit.start)  # 将大火扑灭; not 将发动袭击 or 将在5天内 (将: will)
            moved.sort(key=lambda p: p.start)
            if moved and not (hit.spec.after is not None and obj is not None):
                agents = [p for p in subjects if p.end <= disposal.start]
                return PhraseRoles(agents[-1] if agents else None, moved[0])
        if spec.comitative:
            found = self._comitative(left, subjects)
            if found is not None:
                return PhraseRoles(found[0], found[1] or obj)
        incidents = self._incidents(zone_start, hit.start)
        if incidents and (not subjects or incidents[-1].start > subjects[-1].end):
            return PhraseRoles(incidents[-1], obj)  # 台风…在沿海登陆, 火势…蔓延: the incident named last does it
        if subjects:
            return PhraseRoles(subjects[-1], obj)
        described = self._described(hit)
        if described is not None:
            return PhraseRoles(described, obj)
        abstract = [p for p in free if p.kind == "abstract"]  # 事故原因正在调查
        if abstract:
            return PhraseRoles(abstract[-1], obj)
        incidents = self._incidents(hit.clause.start, hit.start)  # 5处火灾已经扑灭
        if incidents:
            return PhraseRoles(incidents[-1], obj)
        topic = self._topic(hit)
        return PhraseRoles(topic, obj, carried=topic is not None)

    def _site(self, hit: Hit, left: list[Phrase]) -> Phrase | None:
        before = self.units[self._unit_at(hit.start) - 1] if self._unit_at(hit.start) > 0 else None
        if before is not None and before.word in self.ctx.cues.phrases.governors:
            return None  # 道路因山体滑坡中断: an incident a preposition governs is a cause, not a report
        return self._site_before(hit, left)

    def _site_before(self, hit: Hit, left: list[Phrase]) -> Phrase | None:
        """What an incident happened to: the phrase before its occurrence word (商场外发生汽车
        爆炸: what stands between describes the blast), else right before it, with only times,
        adverbs and modifiers between (not a count: 6 级地震)."""
        index = self._unit_at(hit.start)
        occurrence = self._marker(self.ctx.cues.occurrence, hit.clause.start, hit.start)
        if occurrence is not None and occurrence.tag == "V":
            index = self._unit_at(occurrence.start)
        k = index - 1
        while k >= 0 and self.units[k].start >= hit.clause.start:
            unit = self.units[k]
            phrase = next((p for p in left if p.last == k), None)
            if phrase is not None:
                if phrase.kind in ("participant", "place") and any(u.tag in ("N", "E", "R", "S") for u in self.units[phrase.first : phrase.last + 1]):
                    return None if self._governor(phrase) else phrase
            elif not (unit.tag in ("T", "X", "A", "M", "Q", "P") or unit.word in self.ctx.cues.occurrence):
                return None
            k -= 1 if phrase is None else (k - phrase.first + 1)
        return None

    def _casualty(self, hit: Hit, left, subjects, obj) -> PhraseRoles | None:
        cause_verb = self._marker(self.ctx.cues.cause_verbs, hit.clause.start, hit.start)
        if cause_verb is not None:
            victims = [p for p in left if p.start >= cause_verb.end and p.kind in ("participant", "place")]
            victim = victims[-1] if victims else obj
            causes = [p for p in subjects if p.end <= cause_verb.start]
            incidents = self._incidents(self.ctx.start, cause_verb.start)
            cause = max(causes + incidents, key=lambda p: p.end, default=None)
            if cause is not None:
                return PhraseRoles(cause, victim, cause=True)
            return PhraseRoles(victim, None)
        incidents = self._incidents(hit.clause.start, hit.start)
        if incidents:  # 火灾中没有人员伤亡; 一名老人在车祸中身亡; 部分道路因山体滑坡中断
            victims = [p for p in left if p.start != incidents[-1].start and p.kind in ("participant", "place") and self._governor(p) is None]
            victim = victims[-1] if victims else obj
            return PhraseRoles(incidents[-1], victim, cause=True)
        return None

    def _comitative(self, left: list[Phrase], subjects: list[Phrase]):
        """A 与 B: (A, B), from two phrases or from one coordinated phrase split at its 与/和."""
        partners = [p for p in left if self._before(p) is not None and self._before(p).word in _COMITATIVE]
        if partners:
            agents = [p for p in subjects if p.end <= partners[0].start]
            return (agents[-1] if agents else None, partners[0])
        for phrase in reversed(subjects):
            if not phrase.coordinated:
                continue
            for k in range(phrase.first, phrase.last + 1):
                if self.units[k].word in _COMITATIVE:
                    return (self._span(phrase.first, k - 1), self._span(k + 1, phrase.last))
        return None

    def _span(self, first: int, last: int) -> Phrase:
        start, end = self.units[first].start, self.units[last].end
        mention = self.units[last].mention
        return Phrase(start, end, self.ctx.text[start:end], "participant", first, last, mention)

    def _described(self, hit: Hit) -> Phrase | None:
        """受伤的司机: a trigger right before 的 describes the phrase after it."""
        for phrase in self.phrases:
            if phrase.start == hit.start and phrase.end > hit.end:
                de = next((k for k in range(phrase.first, phrase.last + 1) if self.units[k].tag == "DE"), None)
                if de is not None and de < phrase.last:
                    return self._span(de + 1, phrase.last)
        return None

    def _topic(self, hit: Hit) -> Phrase | None:
        """The first participant phrase of the sentence, in a clause before the trigger's, with no
        verb before it in its clause."""
        found = None
        for clause in self.ctx.clauses:
            if clause.start >= hit.clause.start:
                break
            self._read(clause)
            found = self._clause_topic(clause)
            if found is not None:
                break
        self._read(hit.clause)
        return found

    def _clause_topic(self, clause) -> Phrase | None:
        for phrase in self.phrases:
            if phrase.kind != "participant" or self._governor(phrase) is not None:
                continue
            if any(h.spec.frame and h.start >= phrase.end and h.clause is clause for h in self.ctx.hits):
                continue  # 一位了解内情的人士表示，…: a speaker hands no topic on
            if any(u.tag == "V" for u in self.units[: phrase.first]):
                continue
            return phrase
        return None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping time spans as one (a date claim and the time of day inside it)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
