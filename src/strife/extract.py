"""extract: sentences to mentions and tallies.

For each sentence of a parsed document:
1. triggers (lexicon: data/triggers.yaml) say that something happened and what family it is;
2. modality: a negated, denied, threatened, planned, conditional or questioned happening is dropped;
3. quantities (killed, injured, captured, destroyed) with their qualifiers, read from the parse;
4. the claimant ("X said", "according to X", "X told Y", "X tweeted"; "it said" resolved to the last
   named claimant), else the outlet;
5. cumulative sentences ("this month", "so far", "since December", "the war has killed") give tallies,
   never incident figures;
6. place and time expressions and actor phrases found in the sentence, for resolve to anchor.

Output is plain data (Mention, Tally); resolve fills dates, places and canonical actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .claimants import find_claimant, resolve_claimant
from .figures import PART_OF, apply_coded_figure, find_quantities, toll_quantities
from .happenings import TriggerHit, classify, cue_words, find_triggers, is_setting, riotous
from .lexicon import triggers
from .modality import CAMPAIGN_NOUNS, HABITUAL, modality_of, present_perfect, refers_back, statement_date
from .models import Document, Mention, Quantity, Tally
from .places import locative, precision_hint, split_conjoined, the_town
from .resolve.stage import SHORT_REPORT_CHARS
from .roles import (_doer_of_happening, _owner_of_target, _roles, _supported_side, actor_kinds,
                    claimed_responsibility, targets_hit)
from .tallies import CUMULATIVE, SENTENCE_CUMULATIVE, _fill_tally_period, _tally_subject, clause_spans, tallied_here

# classify.lead_mention reads the place rule from here
_locative = locative


@dataclass
class DocContext:
    """What extraction remembers across the sentences of one document."""

    doc: Document
    country: str | None = None
    claimants: list[str] = field(default_factory=list)
    place_matches: list = field(default_factory=list)
    time_exprs: list = field(default_factory=list)


def extract_document(doc: Document, sdoc, *, gazetteer=None, actors=None) -> tuple[list[Mention], list[Tally]]:
    """Mentions and tallies of one parsed document."""
    from .resolve import timex

    ctx = DocContext(doc=doc)
    if gazetteer is not None:
        from .resolve.stage import document_country

        ctx.country = document_country(doc, gazetteer)
        ctx.place_matches = gazetteer.find_places(doc.text, ctx.country)
    mentions: list[Mention] = []
    tallies: list[Tally] = []
    n = 0
    pending_label = None
    for sent in sdoc.sents:
        text = sent.text
        if len(text.strip()) < 3:
            continue
        hits = find_triggers(sent)
        quants = find_quantities(sent)
        claim_text, say_tok = find_claimant(sent)
        claimant, _ = resolve_claimant(claim_text, ctx)
        low = text.lower()
        words = cue_words(low)
        texprs = timex.find_time_expressions(text)
        points = [t for t in texprs if t.kind == "point"]
        # a day told only as the day of a statement ("X said on Friday") bounds the happening's day:
        # it is used when the sentence gives no other
        # (in a coder's note, "Reported on 11 Feb" is the event's date by convention)
        said = [t for t in points if statement_date(t, sent)] if len(doc.text) > SHORT_REPORT_CHARS else []
        statement_dated = bool(said) and len(said) == len(points)
        points = [t for t in points if t not in said] or said
        periods = [t for t in texprs if t.kind == "period"]
        # Label prefixes of ACLED-style notes ("Arrests: ...") name the family outright.
        label_fam = label_text = None
        mlabel = re.match(r"\s*([A-Za-z /-]{4,40}):", text)
        if mlabel and mlabel.group(1).strip().lower() in triggers().labels:
            label_fam, label_text = triggers().labels[mlabel.group(1).strip().lower()], mlabel.group(1)
            rest = text[mlabel.end():]
            told_after = [h for h in hits if h.start >= sent.start_char + mlabel.end()]
            if len(re.findall(r"[A-Za-z]{3,}", rest)) <= 2 and not told_after:
                # "Looting: 24 May." then the story: the label (and its date) name the next sentence
                pending_label = (label_fam, label_text, points)
                continue
        elif pending_label is not None:
            label_fam, label_text, carried = pending_label
            points = points or carried
        pending_label = None
        asserted = [h for h in hits if modality_of(h.token, sent) == "asserted"]
        if hits and not asserted and not label_fam:
            continue  # only denied / threatened / planned happenings
        clauses = clause_spans(text)
        cumulative = bool(periods) or bool(CUMULATIVE.search(text))
        main = max(asserted, key=lambda h: (not is_setting(h), h.priority, -h.start)) if asserted else None
        if label_fam:
            # the note's label names the family; a word of that family in the sentence ("Movement of
            # forces: troops were deployed ...") still gives the parse its verb
            label_end = sent.start_char + (mlabel.end() if mlabel and label_text == mlabel.group(1) else 0)
            told = next((h for h in asserted if h.family == label_fam and h.token is not None
                         and h.start >= label_end), None)
            main = TriggerHit(label_fam, triggers().priority.get(label_fam, 50), told.start if told else sent.start_char,
                              label_text, told.token if told else None)
        background = False
        day_points = [pp for pp in points if _precision_of(pp, doc) == 1]
        if main is not None and main.token is not None and not day_points and present_perfect(main.token):
            background = True
        if main is not None and not day_points and HABITUAL.search(text) and not label_fam:
            background = True
        quants = quants + toll_quantities(text, sent.start_char, quants)
        # Cumulative figures become tallies: a figure is cumulative when its own clause carries a period
        # ("this month", "since December") or the sentence is a present-perfect summary. An "including
        # 34 who died in an air strike on Thursday" clause inside a cumulative sentence is an incident.
        incident_q: list[Quantity] = []
        for q in quants:
            rel = q.start - sent.start_char
            clause = next((c for c in clauses if c[0] <= rel < c[1]), (0, len(text)))
            ctext = text[clause[0]:clause[1]]
            c_periods = [pp for pp in periods if clause[0] <= pp.start < clause[1]]
            q_cumulative = bool(c_periods) or bool(CUMULATIVE.search(ctext)) or bool(SENTENCE_CUMULATIVE.search(text))
            # A present-perfect lead ("four children have been killed") is news; a present-perfect
            # figure in the hundreds ("the regime has killed hundreds") is a campaign's running total.
            q_is_tally = q_cumulative or (background and q.value >= 100)
            if q_is_tally:
                c_points = [pp for pp in points if clause[0] <= pp.start < clause[1]]
                if re.search(r"\bincluding\b", ctext[: rel - clause[0]]) and c_points:
                    q_is_tally = False
            if q_is_tally and q.figure in ("fatalities", "injured"):
                period = (c_periods or periods or [None])[0]
                tallies.append(Tally(claimant=claimant or doc.outlet, subject=_tally_subject(q),
                                     value=q.value, qualifier=q.qualifier, period_start=None, period_end=None,
                                     as_of=doc.published, doc_id=doc.doc_id, sentence=text,
                                     start=sent.start_char, end=sent.end_char))
                _fill_tally_period(tallies[-1], doc, period.text if period else None)
            elif not q_is_tally:
                # "at least 11 civilians, including six children": a sub-count of a figure told before it
                if (re.search(r"\b(including|among them|of whom|of them|among whom)\s*$", text[: rel].rstrip(" ,"))
                        or PART_OF.match(text, q.end - sent.start_char)) \
                        and any(o.figure == q.figure and o.start < q.start for o in incident_q):
                    q.subset = True
                if re.match(r"\s*more\b", text[q.end - sent.start_char:]):
                    q.subset = True  # "two more bodies were found": an increase, not the toll
                incident_q.append(q)
        cumulative = cumulative and not incident_q
        if main is None:
            continue
        if tallied_here(tallies, sent) and not any(q.figure in ("fatalities", "injured") for q in incident_q) \
                and not day_points and len(doc.text) > SHORT_REPORT_CHARS:
            continue  # "four soldiers have been killed so far this week": a count, not an incident
        if (cumulative or background) and not incident_q and not points and not (
                main.family not in ("attack", "clash", "casualty", "territory") and main.token is not None
                and main.token.pos_ == "VERB"):
            continue  # a summary of the campaign, not an incident
        if background and not incident_q:
            continue
        if main.token is not None and main.token.lemma_.lower() in CAMPAIGN_NOUNS and not incident_q \
                and not day_points and len(doc.text) > SHORT_REPORT_CHARS:
            continue  # "displaced by the insurgency", "the violence has pushed up prices": the war, not an incident
        kinds = actor_kinds(sent, words, low, incident_q, main)
        kinds["remote_target"] = targets_hit(sent)
        event_type, sub_event_type = classify(main.family, words, low, kinds)
        if label_fam and event_type != "Strategic developments":
            # the note's own label ("Property destruction: youths attacked a vehicle") is the coder's
            # call: a strategic development, whatever the crowd words say
            event_type, sub_event_type = classify(main.family, set(), "", {})
        if event_type == "Protests" and sub_event_type != "Excessive force against protesters" \
                and len(doc.text) <= SHORT_REPORT_CHARS and riotous(doc.text):
            # a short note about one demonstration: violence told in another sentence ("Students
            # protested over food. They pelted vehicles with stones.") makes it a riot
            event_type, sub_event_type = "Riots", "Violent demonstration"
        if (main.family == "casualty" and not incident_q and not kinds.get("victim_armed")
                and not kinds.get("victim_civilian") and (main.token is None or main.token.pos_ != "VERB")):
            continue  # "death" or "killing" with nothing counted and no one named: not an incident
        a1, a2 = _roles(sent, main, actors, ctx.country, kinds, gazetteer)
        a1, a2 = _owner_of_target(sent, a1, a2, gazetteer)
        if a1 is None:
            a1 = _doer_of_happening(main, gazetteer)
        a1, a2, backer = _supported_side(sent, a1, a2, actors, ctx.country)
        places = [pm for pm in ctx.place_matches if sent.start_char <= pm.start < sent.end_char
                  and locative(pm, doc.text, ctx)]
        if not places:
            places = the_town(sent, ctx)
        time_text = None
        if points:
            # The most exact expression wins ("Thursday (February 27th)" over "earlier this month"), then
            # the one nearest the trigger.
            trig_rel = main.start - sent.start_char
            ref = doc.published or _REF_DATE

            def exactness(p):
                iv = timex.resolve_time(p, ref)
                return (iv.precision if iv else 9, abs(p.start - trig_rel))
            time_text = min(points, key=exactness).text
        base = Mention(
            mention_id="", doc_id=doc.doc_id, sentence=text, start=sent.start_char, end=sent.end_char,
            trigger=main.text, trigger_start=main.start, event_type=event_type, sub_event_type=sub_event_type,
            family=main.family, priority=main.priority,
            modality="asserted", actor1_text=a1, actor2_text=a2, time_text=time_text,
            quantities=incident_q, claimant=claimant or doc.outlet, claimant_is_outlet=claimant is None,
            backer=backer, refers_back=refers_back(main.token), statement_dated=statement_dated,
        )
        # One mention per place when places are directly conjoined ("the towns of Binnish and Sarmein").
        groups = split_conjoined(places, doc.text)
        for group in groups:
            n += 1
            m = Mention(**base.__dict__)
            m.mention_id = f"{doc.doc_id}:{n}"
            m.place_matches = group
            m.place_texts = [p.surface for p in group]
            m.place_precision_hint = precision_hint(group, doc.text)
            if len(groups) > 1:
                m.quantities = [] if group is not groups[0] else incident_q
            mentions.append(m)
        # A second happening with a date of its own in the same sentence ("captured by the regime on
        # Tuesday after being recaptured by rebels on 27 February") is a mention of its own.
        if time_text and len(day_points) >= 2:
            told = [x for x in mentions if x.start == sent.start_char]
            for m2 in _second_happenings(sent, told, base, points, day_points, asserted, main, places,
                                         (actors, ctx, gazetteer)):
                n += 1
                m2.mention_id = f"{doc.doc_id}:{n}"
                mentions.append(m2)
    claimed_responsibility(mentions, sdoc, actors, ctx.country)
    if not mentions:
        mentions = _lead_incident(doc, sdoc, ctx, actors)
    apply_coded_figure(mentions, doc.text)
    return mentions, tallies


def _second_happenings(sent, told, base, points, day_points, asserted, main, places, knowledge):
    """Mentions of the happenings a sentence dates apart from its main one ("Insurgents killed nine
    civilians in Chai on Monday night, and a roadside bomb killed three soldiers on the N380 on
    Tuesday"). Each takes the figures, places and words of its own part of the sentence; the main
    mentions (`told`) keep theirs."""
    actors, ctx, gazetteer = knowledge
    text, base_char = sent.text, sent.start_char
    chosen = next(p for p in points if p.text == base.time_text)
    out = []
    for other in (p for p in day_points if p.text != base.time_text):
        cut = _part_boundary(text, *sorted((chosen.end if chosen.start < other.start else chosen.start,
                                            other.start if chosen.start < other.start else other.end)))
        side = (lambda x: x >= cut) if chosen.start < other.start else (lambda x: x < cut)
        near = [h for h in asserted if h is not main and h.family in ("territory", "attack", "clash")
                and side(h.start - base_char) and not side(main.start - base_char)]
        if not near:
            continue
        h2 = min(near, key=lambda h: abs(h.start - base_char - other.start))
        lo, hi = (0, cut) if main.start < h2.start else (cut, len(text))
        w1, l1 = cue_words(text[lo:hi].lower()), text[lo:hi].lower()  # the main happening's part
        rest = text[hi:] if lo == 0 else text[:lo]
        w2, l2 = cue_words(rest.lower()), rest.lower()  # the other's
        kinds2 = actor_kinds(sent, w2, l2, [], h2)
        m2 = Mention(**base.__dict__)
        m2.trigger, m2.trigger_start, m2.family, m2.priority = h2.text, h2.start, h2.family, h2.priority
        m2.event_type, m2.sub_event_type = classify(h2.family, w2, l2, kinds2)
        m2.actor1_text, m2.actor2_text = _roles(sent, h2, actors, ctx.country, kinds2, gazetteer)
        m2.time_text = other.text
        m2.quantities = [q for q in base.quantities if not lo <= q.start - base_char < hi]
        mine = [p for p in places if not lo <= p.start - base_char < hi]
        m2.place_matches, m2.place_texts = mine, [p.surface for p in mine]  # none named in its part: none
        m2.place_precision_hint = precision_hint(m2.place_matches, sent.doc.text)
        for m in told:  # the main happening keeps what its own part tells
            m.quantities = [q for q in m.quantities if lo <= q.start - base_char < hi]
            m.event_type, m.sub_event_type = classify(main.family, w1, l1, actor_kinds(sent, w1, l1, m.quantities, main))
            if mine:
                m.place_matches = [p for p in m.place_matches if lo <= p.start - base_char < hi] or m.place_matches
                m.place_texts = [p.surface for p in m.place_matches]
        out.append(m2)
    return out


def _part_boundary(text: str, a: int, b: int) -> int:
    """Where the part of a sentence that tells the happening at `a` ends and the one at `b` begins:
    the last ", and", "; " or " and " between them, else the midpoint."""
    lo, hi = sorted((a, b))
    seps = [m.start() for m in re.finditer(r",\s+and\b|;\s|,\s+after\b|\bafter\b|,\s+while\b", text[lo:hi])]
    return lo + (seps[-1] if seps else (hi - lo) // 2)

# Words of a gathering, or of a crowd's purpose ("drove slowly to denounce fuel prices", "blocked the
# road to demand water"): a report of one, whatever verb it uses, is a protest.
_GATHERING = re.compile(r"\b(gather(?:ed|ing)?|demonstrat\w*|rall(?:y|ied|ies)|sit-in|march(?:ed|ing)|protest\w*|"
                        r"picket\w*|petition\w*|to (?:denounce|demand|complain|condemn|reject|call for)|"
                        r"blocked (?:a|the) (?:road|highway|street))\b", re.I)


def _lead_incident(doc: Document, sdoc, ctx: DocContext, actors) -> list[Mention]:
    """A short report that names a party to political violence or a gathering but tells no happening
    the trigger words know, not even a denied or threatened one ("Al Shabaab reached an agreement with a clan militia", "residents
    gathered to complain") is still about its lead incident: one mention from its first dated, or
    first, sentence, a protest when it tells of a gathering, else a strategic development."""
    if actors is None or len(doc.text) > SHORT_REPORT_CHARS:
        return []
    from .resolve import timex

    named = [a for a in actors.find_actors(doc.text, ctx.country) if a.actor.inter != 7]
    gathering = _GATHERING.search(doc.text)
    if not named and not gathering:
        return []
    sents = [s for s in sdoc.sents if len(s.text.strip()) >= 3]
    if not sents or any(find_triggers(s) for s in sents):
        return []  # its happenings were denied, threatened, planned or background: not an incident
    dated = [s for s in sents if any(t.kind == "point" for t in timex.find_time_expressions(s.text))]
    sent = (dated or sents)[0]
    points = [t for t in timex.find_time_expressions(sent.text) if t.kind == "point"]
    etype, sub = ("Protests", "Peaceful protest") if gathering else ("Strategic developments", "Other")
    own = [a for a in named if sent.start_char <= a.start < sent.end_char] or named
    places = [pm for pm in ctx.place_matches if sent.start_char <= pm.start < sent.end_char
              and locative(pm, doc.text, ctx)] or the_town(sent, ctx)
    claimant, _ = resolve_claimant(find_claimant(sent)[0], ctx)
    return [Mention(mention_id=f"{doc.doc_id}:1", doc_id=doc.doc_id, sentence=sent.text, start=sent.start_char,
                    end=sent.end_char, trigger="", trigger_start=sent.start_char, event_type=etype,
                    sub_event_type=sub, family="protest" if gathering else "other_strategic",
                    priority=triggers().priority.get("other_strategic", 0),
                    actor1_text=own[0].surface if own else None, time_text=points[0].text if points else None,
                    quantities=[], claimant=claimant or doc.outlet, claimant_is_outlet=claimant is None,
                    place_matches=places, place_texts=[p.surface for p in places],
                    place_precision_hint=precision_hint(places, doc.text))]

_REF_DATE = __import__("datetime").date(2000, 1, 1)


def _precision_of(expr, doc: Document) -> int:
    from .resolve import timex

    iv = timex.resolve_time(expr, doc.published or _REF_DATE)
    return iv.precision if iv else 9
