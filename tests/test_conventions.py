"""ACLED's actor conventions (resolve/conventions.py), one rule at a time, on mentions made for the test."""
from strife.models import Actor, Mention
from strife.resolve.conventions import ACTOR_RULES, apply_conventions


def mention(event_type, sub, actor1=None, actor2=None, sentence="", family="attack", **kw):
    m = Mention(mention_id="m", doc_id="d", start=0, end=len(sentence), trigger="", trigger_start=0,
                sentence=sentence, event_type=event_type, sub_event_type=sub, family=family, **kw)
    m.actor1, m.actor2 = actor1, actor2
    return m


def police(knowledge):
    return knowledge.actors.state_actor("police", "KE")


def test_police_who_disperse_a_protest_are_its_second_side(knowledge):
    m = mention("Protests", "Peaceful protest", actor1=police(knowledge),
                sentence="Police fired tear gas to disperse traders protesting in Nakuru on Monday.")
    apply_conventions(m, knowledge.actors, "KE")
    assert m.actor1.name == "Protesters (Kenya)" and m.actor1.inter == 6
    assert m.actor2.name.startswith("Police Forces of Kenya") and m.actor2.inter == 1


def test_a_protest_against_the_police_does_not_make_them_a_party(knowledge):
    m = mention("Protests", "Peaceful protest", actor2=police(knowledge),
                sentence="Residents of Kisumu marched on Monday against police brutality.")
    apply_conventions(m, knowledge.actors, "KE")
    assert m.actor1.name == "Protesters (Kenya)" and m.actor2 is None


def test_state_violence_with_no_armed_opponent_is_against_civilians(knowledge):
    m = mention("Battles", "Armed clash", actor1=police(knowledge),
                sentence="A trader was shot dead by police in Eldoret on Monday.")
    apply_conventions(m, knowledge.actors, "KE")
    assert (m.event_type, m.sub_event_type) == ("Violence against civilians", "Attack")
    assert m.actor2.inter == 7
    # with an armed opponent named, it stays a clash, the other side unidentified
    m = mention("Battles", "Armed clash", actor1=police(knowledge),
                sentence="Police exchanged fire with bandits in Baringo on Monday.")
    apply_conventions(m, knowledge.actors, "KE")
    assert m.event_type == "Battles" and m.actor2.name.startswith("Unidentified Armed Group")


def test_a_rule_that_settles_the_mention_ends_the_list(knowledge):
    """A mob that attacks is settled as mob violence; the later rule that gives violence against civilians
    its civilian side is never asked (the mob's victims are already its second side)."""
    names = [r.__name__ for r in ACTOR_RULES]
    assert names.index("_rioters_attack") < names.index("_civilians_hit")
    rioters = knowledge.actors.resolve("rioters", "KE")
    m = mention("Violence against civilians", "Attack", actor1=rioters, family="mob",
                sentence="A mob lynched a suspected thief in Kisii on Monday.")
    apply_conventions(m, knowledge.actors, "KE")
    assert (m.event_type, m.sub_event_type) == ("Riots", "Mob violence")
    assert m.actor1.inter == 5 and m.actor2.inter == 7
