"""ACLED's actor conventions by event type, applied to a mention once its actors are resolved.

Protests are coded with "Protesters (country)" as actor1 and riots with "Rioters (country)" (the named
group, students or traders, as associated actor); violence against civilians always has civilians as
actor2; an event with no named perpetrator gets the fitting "Unidentified ..." category; crowds that
fight are rioters, and state violence with no armed opponent named is against civilians.

`apply_conventions` runs the rules of ACTOR_RULES in order; each is a short function over the mention
and a `Context` (the actor dictionary, the country, whether the violence is communal, the report).
A rule that settles the mention returns True, and the rules after it are not asked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import triggers
from ..models import Actor, Mention

CLASH_WORDS = re.compile(r"\b(clash\w*|fight\w*|fought|fistfights?|brawl\w*|scuffl\w*)\b", re.I)
# "Security has been beefed up": the state's forces moved, whoever else the sentence names.
SECURITY_RAISED = re.compile(r"\bsecurity (?:has been |had been |was |is being |is |being )?(?:beefed up|tightened|"
                             r"heightened|stepped up|increased|reinforced)\b", re.I)
# Armed people, named by what they are; with weapons and fire, the words that arm a side (a clash
# with police by no one so described is a crowd's); with soldiers, the armed nouns that keep state
# violence from being against civilians.
_ARMED_PEOPLE = (r"gunm[ae]n|bandits?|raiders?|militia\w*|militants?|insurgents?|rebels?|attackers?|assailants?|"
                 r"gangs?|gangsters?|armed|al[- ]?shabaa?b|terrorists?|criminals?|thugs?|robbers?|warriors?|"
                 r"fighters?|suspects?")
# Civilian nouns for people who carry arms in pastoral conflict: as attackers they are not a mob.
_PASTORAL = r"herders?|herdsm[ae]n|pastoralists?"
ARMED_CIVILIAN_NOUNS = re.compile(rf"\b({_PASTORAL})\b", re.I)
ARMED_WORDS = re.compile(rf"\b({_ARMED_PEOPLE}|{_PASTORAL}|guns?|gunfire|rifles?|shootout|"
                         r"fire|fired|firing|shot|shooting|bullets?|machetes?|pangas?|arrows?|weapons?)\b", re.I)
ARMED_NOUNS = re.compile(rf"\b({_ARMED_PEOPLE}|soldiers?|troops?)\b", re.I)
PROTEST_WORDS = re.compile(r"\b(protest\w*|demonstrat\w*|strike|rampage|riot\w*)\b", re.I)
# A gathering as the setting of casualties ("injured during a party meeting").
GATHERING_SETTING = re.compile(r"\b(?:during|at|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:rally|rallies|meeting|"
                               r"primaries|campaigns?|protests?|demonstrations?|riots?|strike)\b", re.I)
# What forces do to a crowd: the intervention that makes them actor2 of a protest or riot.
INTERVENTION = re.compile(r"\b(interven\w*|dispers\w*|tear ?gas\w*|tear-gass\w*|fired|opened fire|arrested|"
                          r"clash\w*|contain\w*|battl\w*|water cannon|rubber bullets|batons?|broke up|quell\w*|"
                          r"repuls\w*|rescued?|shot|confront\w*|open fire|fir(?:e|ed|ing)|kill\w*|injur\w*|"
                          r"wound\w*|engag\w*|turned away|barred)\b", re.I)

# The generic categories, asked of the actor dictionary by a plain noun so that its country naming
# (ACLED's short names) applies: "gunmen" in Kenya -> "Unidentified Armed Group (Kenya)".
_GENERIC_NOUN = {"Protesters": "protesters", "Rioters": "rioters", "Civilians": "civilians",
                 "Unidentified Armed Group": "gunmen"}
# Police words: the state violence rule asks for armed people other than the police who acted.
_POLICE_WORDS = {"police", "officer", "officers", "personnel", "unit", "guards"}
ARMED = (1, 2, 3, 4, 8)  # the actor types that carry arms: state, rebel, militias, external forces
CROWD = (5, 6, 7)  # rioters, protesters, civilians


@dataclass
class Context:
    """What the rules read besides the mention."""

    actors: object  # resolve.actors.ActorResolver
    cc: str | None
    communal: bool  # violence between communities (resolve.stage.COMMUNAL_CUES)
    short_text: str  # the whole report when it is short (one incident, read whole: resolve.stage), else ""
    report: str  # the short report, else the mention's sentence

    def generic(self, kind: str) -> Actor | None:
        return _generic(self.actors, kind, self.cc)

    def unnamed_armed(self) -> Actor | None:
        return _unnamed_armed(self.actors, self.cc, self.communal)


def apply_conventions(m: Mention, actors, cc: str | None, communal: bool = False, short_text: str = "") -> None:
    """ACLED's conventions by event type (ACTOR_RULES, in order, until one settles the mention).
    short_text: the whole report when it is short enough to be read whole, else empty."""
    ctx = Context(actors, cc, communal, short_text, short_text or m.sentence or "")
    for rule in ACTOR_RULES:
        if rule(m, ctx):
            return


def _generic(actors, kind: str, cc: str | None) -> Actor | None:
    return actors.resolve(_GENERIC_NOUN[kind], cc)


def _unnamed_armed(actors, cc: str | None, communal: bool) -> Actor | None:
    """The armed side a report leaves unnamed: a communal militia in communal violence, else an
    unidentified armed group."""
    return actors.generic("communal_militia", cc) if communal else _generic(actors, "Unidentified Armed Group", cc)


def _is(a: Actor | None, types: tuple[int, ...]) -> bool:
    return a is not None and a.inter in types


def _armed_named(sentence: str) -> bool:
    """Whether a sentence names armed people or military things ("positions", "convoy") other than the
    police who acted."""
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    return bool(ARMED_NOUNS.search(sentence)) or bool(words & (triggers().cues["armed"][0] - _POLICE_WORDS))


def type_by_target(m: Mention, actors) -> None:
    """ACLED tells violence against civilians from a battle by who was hit: once the target is a
    resolved actor, an armed target makes an attack a battle and a civilian one the reverse."""
    t = m.actor2
    if t is None:
        return
    if t.name.startswith("Unidentified Armed Group") and m.actor2_text and re.search(
            r"\b(suspected|alleged)\s+(?:[\w-]+\s+){0,2}" + re.escape(m.actor2_text), m.sentence or "", re.I):
        # "a suspected gang leader was killed", "two suspected criminals killed by a mob": people only
        # suspected of crime, unarmed when hit, are civilians in ACLED's coding
        m.actor2 = actors.generic("civilians", t.country_code)
        t = m.actor2
    if m.event_type == "Violence against civilians" and m.sub_event_type == "Attack" and t.inter in ARMED \
            and not t.name.startswith("Government"):  # (officials attacked are civilians: _officials_are_civilians)
        m.event_type, m.sub_event_type = "Battles", "Armed clash"
    elif m.event_type == "Battles" and m.sub_event_type == "Armed clash" and m.family in ("attack", "casualty") \
            and t.inter == 7 and _is(m.actor1, ARMED):
        m.event_type, m.sub_event_type = "Violence against civilians", "Attack"


# ------------------------------------------------------------------- before the crowd events


def _mines_driven_over(m: Mention, ctx: Context) -> None:
    # "officers escaped when their vehicle drove over an explosive": forces do not plant the mines
    # they drive over; they are the target
    if m.sub_event_type == "Remote explosive/landmine/IED" and _is(m.actor1, (1, 8)) and m.actor2 is None:
        m.actor1, m.actor2 = None, m.actor1


def _officials_are_civilians(m: Mention, ctx: Context) -> None:
    # officials, chiefs and politicians attacked are unarmed: ACLED codes them as civilians, with
    # their government as associated actor
    if m.event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles") \
            and m.actor2 is not None and m.actor2.name.startswith("Government") and m.actor2.inter == 1:
        gov = m.actor2.name
        m.actor2 = ctx.actors.generic("civilians", ctx.cc)
        m.actor2.assoc = gov


def _government_protested(m: Mention, ctx: Context) -> None:
    # what a crowd protests against is not a party to the event (ACLED leaves it out)
    if m.event_type in ("Protests", "Riots") and m.actor2 is not None and m.actor2.inter == 1 \
            and m.actor2.name.startswith("Government"):
        m.actor2 = None


def _strategic_armed_party_acts(m: Mention, ctx: Context) -> None:
    # "the president deployed the military", "Looting: al-Shabaab raided a town": in a strategic
    # development the one armed party named is the one acting
    if m.event_type == "Strategic developments" and m.actor1 is None and _is(m.actor2, ARMED) \
            and m.sub_event_type != "Arrests":
        m.actor1, m.actor2 = m.actor2, None


def _strategic_no_civilian_side(m: Mention, ctx: Context) -> None:
    # a deployment, a base or property burned: ACLED names no civilian side (the owners of a burned
    # house are not a party)
    if m.event_type == "Strategic developments" and m.sub_event_type in (
            "Change to group/activity", "Looting/property destruction", "Headquarters or base established") \
            and _is(m.actor2, (7,)):
        m.actor2 = None


def _change_of_activity(m: Mention, ctx: Context) -> None:
    if m.event_type != "Strategic developments" or m.sub_event_type != "Change to group/activity":
        return
    if m.actor1 is None and re.search(r"\bsecurity\b", m.sentence or "", re.I) \
            or SECURITY_RAISED.search(m.sentence or ""):
        # "security has been beefed up along the border": the state's forces (ACLED: its military)
        m.actor1 = ctx.actors.state_actor("military", ctx.cc)
    # forces moved, deployed or recruiting: one side changes what it does; the enemy it moves
    # against, the youths it recruits or the official who reports it are not a party (ACLED leaves
    # actor2 empty in nearly all such events)
    m.actor2 = None


def _device_defused(m: Mention, ctx: Context) -> None:
    # a device defused: the forces that found it and whoever planted it (unknown unless named)
    if m.event_type != "Strategic developments" or m.sub_event_type != "Disrupted weapons use":
        return
    if m.actor1 is None and ctx.short_text:
        # "An explosive is found in Kaptembwa. Police safely disposed of the device."
        forces = [a.actor for a in ctx.actors.find_actors(ctx.short_text, ctx.cc) if a.actor.inter == 1
                  and a.actor.name.startswith(("Police", "Military"))]
        if forces:
            m.actor1 = forces[0]
    if m.actor1 is None:
        m.actor1 = ctx.generic("Unidentified Armed Group")
    elif m.actor1.inter in (1, 8) and m.actor2 is None:
        m.actor2 = ctx.generic("Unidentified Armed Group")


def _looting_by_no_one(m: Mention, ctx: Context) -> None:
    # property burned or looted by no one named: ACLED's unidentified armed group (or communal militia)
    if m.event_type == "Strategic developments" and m.actor1 is None \
            and m.sub_event_type == "Looting/property destruction":
        m.actor1 = ctx.unnamed_armed()


def _clash_with_police_unarmed(m: Mention, ctx: Context) -> None:
    # "one dead following clashes with police": the side no report arms is a crowd; ACLED codes such
    # clashes as riots (83 of 86 Kenyan notes of clashes with police that name no armed group)
    if m.event_type == "Battles" and m.family == "clash" and not ARMED_WORDS.search(ctx.report) \
            and sum(_is(a, (1,)) for a in (m.actor1, m.actor2)) == 1 \
            and all(a is None or a.inter in (1, 7) for a in (m.actor1, m.actor2)):
        m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
        m.actor1, m.actor2 = None, next(a for a in (m.actor1, m.actor2) if _is(a, (1,)))


def _casualties_of_a_gathering(m: Mention, ctx: Context) -> None:
    # "two injured during a party meeting", "three shot dead during protests": casualties of a
    # gathering with no one named who did it are a riot's (ACLED codes them so)
    if m.event_type in ("Violence against civilians", "Battles") and m.family in ("casualty", "attack") \
            and not m.actor1_text and GATHERING_SETTING.search(m.sentence or ""):
        m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
        m.actor1 = None
        if m.actor2 is not None and m.actor2.inter != 1:
            m.actor2 = None


def _forces_protested(m: Mention, ctx: Context) -> None:
    # "residents protested police brutality", "women marched against youths joining al-Shabaab": the
    # forces or group protested against are the grievance, not a party
    if m.event_type in ("Protests", "Riots") and _is(m.actor2, ARMED) and not INTERVENTION.search(m.sentence or ""):
        m.actor2 = None


# ------------------------------------------------------------------- protests and riots


def _crowd_event(m: Mention, ctx: Context) -> bool:
    """A protest's or riot's sides: the crowd's generic actor first (the group named in it as
    associated actor), the forces that intervened second, a mob's victims second."""
    if m.event_type not in ("Protests", "Riots"):
        return False
    role = "Protesters" if m.event_type == "Protests" else "Rioters"
    if m.actor1 is None or m.actor1.inter in CROWD:
        crowd = m.actor1
        other = m.actor2 if m.actor2 is not None and m.actor2.inter not in CROWD else None
        m.actor1 = ctx.generic(role)
        if m.actor1 is not None and _named_crowd(crowd):
            m.actor1.assoc = crowd.name
        m.actor2 = other
    elif m.actor1.inter in ARMED:
        # "police dispersed protesters": the crowd is actor1, the police actor2; what the crowd
        # protests against (a ministry, a governor) is not a party; forces are
        state = m.actor1
        m.actor1 = ctx.generic(role)
        m.actor2 = None if state.name.startswith("Government") or not INTERVENTION.search(m.sentence or "") \
            else state
    if m.actor2 is None and m.sub_event_type != "Mob violence":
        _intervening_forces(m, ctx)
    if m.event_type == "Riots" and m.sub_event_type == "Mob violence" and m.actor2 is None:
        m.actor2 = ctx.generic("Civilians")
    return True


def _named_crowd(a: Actor | None) -> bool:
    """A crowd named as who it is (students, traders), not by a generic category."""
    return _is(a, (7, 6, 5)) and not a.name.startswith(("Civilians", "Protesters", "Rioters"))


def _intervening_forces(m: Mention, ctx: Context) -> None:
    """"Police used tear gas to disperse students who were protesting": the forces that intervene are
    actor2, wherever the sentence (or a short note) names them (a mob's actor2 is its victim, whoever
    stepped in)."""
    for sent in re.split(r"(?<=[.;!?])\s+", ctx.report):
        if not INTERVENTION.search(sent):
            continue
        forces = [a.actor for a in ctx.actors.find_actors(sent, ctx.cc)
                  if a.actor.inter == 1 and a.actor.name.startswith(("Police", "Military"))]
        if forces:
            m.actor2 = forces[0]
            if m.sub_event_type == "Peaceful protest":
                m.sub_event_type = "Protest with intervention"
            return


# ------------------------------------------------------------------- armed violence


def _territory_loser(m: Mention, ctx: Context) -> None:
    # territory changes hands between two sides: the side that lost it is actor2
    if m.actor2 is None and m.actor1 is not None and m.sub_event_type in (
            "Non-state actor overtakes territory", "Government regains territory"):
        if m.actor1.inter == 1:
            m.actor2 = ctx.actors.resolve("rebels", ctx.cc)
        elif m.actor1.inter in (2, 3):
            m.actor2 = ctx.actors.resolve("government forces", ctx.cc)


def _crowd_battle(m: Mention, ctx: Context) -> bool:
    """"supporters of two candidates clashed", "youths engaged police in running battles": a crowd
    fighting with its hands and stones is a riot, not a battle between armed groups."""
    crowd = [a for a in (m.actor1, m.actor2) if _is(a, (5, 6))]
    if _is(m.actor1, (7,)) and m.family == "clash":
        crowd.append(m.actor1)  # "supporters clashed": the civilians named are the ones fighting
    if m.event_type != "Battles" or not crowd or any(_is(a, (2, 3, 4)) for a in (m.actor1, m.actor2)):
        return False
    m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
    state = next((a for a in (m.actor1, m.actor2) if _is(a, (1, 8))), None)
    m.actor1 = ctx.generic("Rioters")
    m.actor1.assoc = next((a.assoc for a in crowd if a.assoc), None)
    m.actor2 = state or (ctx.generic("Rioters") if m.family == "clash" else None)
    if state is None and m.family == "clash":
        m.sub_event_type = "Mob violence"  # two crowds fighting each other (ACLED's usual coding)
    return True


def _rioters_attack(m: Mention, ctx: Context) -> bool:
    """"beaten to death by a vigilante group", "a mob attacked": rioters who attack are mob violence."""
    if m.event_type not in ("Violence against civilians", "Battles") or not _is(m.actor1, (5,)) \
            or m.family not in ("attack", "casualty", "mob"):
        return False
    m.event_type, m.sub_event_type = "Riots", "Mob violence"
    if m.actor2 is None:
        m.actor2 = ctx.generic("Civilians")
    return True


def _civilians_acting(m: Mention, ctx: Context) -> bool:
    """Civilians as the side that acts in violence: the parse turned round, armed herders, a mob, or
    no perpetrator at all."""
    if m.event_type not in ("Violence against civilians", "Explosions/Remote violence", "Battles") \
            or not _is(m.actor1, (7,)):
        return False
    if _is(m.actor2, ARMED):
        # "48 people killed as a militia attacks a village", parsed the other way round
        m.actor1, m.actor2 = m.actor2, m.actor1
    elif m.actor1_text and ARMED_CIVILIAN_NOUNS.search(m.actor1_text):
        # "four people were killed by herders": herders carry arms in pastoral conflict; ACLED codes
        # them as a communal militia or an unidentified armed group, not as a mob
        m.actor1 = ctx.unnamed_armed()
    elif m.event_type != "Explosions/Remote violence" and m.actor1_text:
        # "villagers mobilised, killing a man": people with no arms of their own who attack are a mob
        # (ACLED: Riots, mob violence, by rioters)
        crowd = m.actor1
        m.event_type, m.sub_event_type = "Riots", "Mob violence"
        m.actor1 = ctx.generic("Rioters")
        if crowd.assoc:
            m.actor1.assoc = crowd.assoc
        if m.family == "clash" or CLASH_WORDS.search(m.sentence or ""):
            m.actor2 = ctx.generic("Rioters")  # "supporters of two candidates clashed": rioters on both sides
        elif m.actor2 is None:
            m.actor2 = ctx.generic("Civilians")
        return True
    else:
        m.actor1, m.actor2 = None, m.actor2 or m.actor1
    return False


def _communal_gunmen(m: Mention, ctx: Context) -> None:
    # "bandits" or "gunmen" in a cattle raid or a clash between communities: ACLED codes them as a
    # communal militia
    if ctx.communal and _is(m.actor1, (3,)) and m.actor1.name.startswith("Unidentified Armed Group") \
            and m.event_type in ("Battles", "Violence against civilians"):
        m.actor1 = ctx.actors.generic("communal_militia", ctx.cc)


def _unnamed_perpetrator(m: Mention, ctx: Context) -> None:
    if m.actor1 is not None or m.event_type not in ("Battles", "Violence against civilians",
                                                    "Explosions/Remote violence"):
        return
    if _is(m.actor2, (4,)) and m.event_type == "Battles":
        # a clash with one side named as a people's or communal militia: the other side is too
        m.actor1, m.actor2 = m.actor2, ctx.actors.generic("communal_militia", ctx.cc)
    elif ctx.communal and m.event_type != "Explosions/Remote violence":
        # "ethnic clashes", "cattle raiders struck": ACLED codes communal violence to identity
        # militias (inter 4), not to an unidentified armed group
        m.actor1 = ctx.actors.generic("communal_militia", ctx.cc)
    else:
        m.actor1 = ctx.generic("Unidentified Armed Group")


def _communal_second_side(m: Mention, ctx: Context) -> None:
    # a communal clash has two sides; the second is unnamed
    if m.event_type == "Battles" and _is(m.actor1, (4,)) and (m.actor2 is None or m.actor2.inter == 7 and ctx.communal):
        m.actor2 = ctx.actors.generic("communal_militia", ctx.cc)


def _dead_of_a_clash(m: Mention, ctx: Context) -> None:
    # "two people were killed in a clash": the dead of a clash are not a civilian side
    if m.event_type == "Battles" and m.family == "clash" and _is(m.actor2, (7,)) \
            and re.search(r"\b(people|persons|men)$", m.actor2_text or ""):
        m.actor2 = None


def _state_violence_unopposed(m: Mention, ctx: Context) -> None:
    # "a rights activist was shot dead by police": state violence with no armed opponent named is
    # against civilians
    if m.event_type == "Battles" and m.family in ("attack", "casualty") and _is(m.actor1, (1,)) \
            and m.actor2 is None and not m.actor2_text and not _armed_named(m.sentence or ""):
        m.event_type, m.sub_event_type = "Violence against civilians", "Attack"
        m.actor2 = ctx.generic("Civilians")


def _clash_second_side(m: Mention, ctx: Context) -> None:
    # a clash has two armed sides; the one the report leaves unnamed is unidentified ("two killed in
    # a clash", "police engaged the assailant")
    if m.event_type == "Battles" and m.sub_event_type == "Armed clash" and m.actor1 is not None and m.actor2 is None:
        m.actor2 = ctx.unnamed_armed()


# ------------------------------------------------------------------- strategic developments, last


def _arrests_by_police(m: Mention, ctx: Context) -> None:
    # ACLED codes arrests to the state's police; the arrested are actor2
    if m.event_type == "Strategic developments" and m.sub_event_type == "Arrests" and not _is(m.actor1, (1, 8)):
        arrested = m.actor1
        m.actor1 = ctx.actors.state_actor("police", ctx.cc)
        if m.actor2 is None and arrested is not None:
            m.actor2 = arrested


def _crowd_destroys_property(m: Mention, ctx: Context) -> bool:
    """"traders burnt down three villas in retaliation": a crowd destroying property is a mob (unless
    the note's own label says property destruction)."""
    if m.event_type != "Strategic developments" or m.sub_event_type != "Looting/property destruction" \
            or not _is(m.actor1, (5, 7)) or not m.actor1_text \
            or re.search(r"\b(unknown|unidentified)\b", m.actor1_text, re.I) or ARMED_WORDS.search(ctx.report) \
            or (m.trigger or "").lower() in triggers().labels:
        return False
    crowd = m.actor1
    m.actor1 = ctx.generic("Rioters")
    m.actor1.assoc = crowd.assoc
    if PROTEST_WORDS.search(ctx.report):
        m.event_type, m.sub_event_type = "Riots", "Violent demonstration"  # students on the rampage, protesting
        m.actor2 = None
    else:
        m.event_type, m.sub_event_type = "Riots", "Mob violence"
        m.actor2 = ctx.generic("Civilians")
    return True


def _strategic_no_crowd_actor(m: Mention, ctx: Context) -> None:
    # ACLED never codes civilians or a crowd as the side that acts in a strategic development:
    # "unidentified people destroyed a billboard", "youths attacked a vehicle carrying ballot boxes"
    # are an unidentified armed group's (a communal militia's, in communal violence)
    if m.event_type == "Strategic developments" and _is(m.actor1, CROWD) and m.sub_event_type != "Arrests":
        m.actor1 = ctx.unnamed_armed()


def _civilians_hit(m: Mention, ctx: Context) -> None:
    if m.event_type == "Violence against civilians" and (m.actor2 is None or m.actor2.inter != 7):
        m.actor2 = ctx.generic("Civilians")
    if m.event_type == "Explosions/Remote violence" and m.actor2 is None and (any(
            q.figure in ("fatalities", "injured") and not q.victim_side for q in m.quantities)
            or m.sub_event_type in ("Grenade", "Remote explosive/landmine/IED", "Suicide bomb")):
        # a bomb that killed "four people", or a grenade thrown with no armed target named: ACLED codes
        # those hit as civilians
        m.actor2 = ctx.generic("Civilians")


# The order matters: each rule sees what the rules before it made of the mention.
ACTOR_RULES = (
    _mines_driven_over, _officials_are_civilians, _government_protested, _strategic_armed_party_acts,
    _strategic_no_civilian_side, _change_of_activity, _device_defused, _looting_by_no_one,
    _clash_with_police_unarmed, _casualties_of_a_gathering, _forces_protested,
    _crowd_event,
    _territory_loser, _crowd_battle, _rioters_attack, _civilians_acting, _communal_gunmen, _unnamed_perpetrator,
    _communal_second_side, _dead_of_a_clash, _state_violence_unopposed, _clash_second_side,
    _arrests_by_police, _crowd_destroys_property, _strategic_no_crowd_actor, _civilians_hit,
)
