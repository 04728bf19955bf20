"""English danger signs, vital signs, trauma and crisis (issue 13): lexicon_danger.yaml and context.yaml.

One row per reading: (text, finding, expected). ``expected`` is a state the finding must have
among its mentions (present, absent, uncertain, historical, family, hypothetical); ``NOT`` when
the finding must not be read as present or uncertain (another meaning, a near miss, a guard);
a number for a value (vital signs, pain score, temperature in °C, age); ``None`` when no value
may be read. Patient voice (UK, US, AU and Indian English, forum style, typos) and clinical
register (c/o, o/e, obs, NEWS2 charts, handovers and referral letters).
"""

from __future__ import annotations

import pytest
from mention_check import NOT, STATES, check_mention

from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.extract import extract
from backcheck.language.pack import LanguagePack, load_pack
from backcheck.language.reading import read_text


@pytest.fixture(scope="module")
def pack() -> LanguagePack:
    return load_pack("en")


ROWS: list[tuple[str, str, str | float | None]] = [
    # ------------------------------------------------------------ collapse
    ("I fainted in the shower this morning and now my back is agony", "collapse", "present"),
    ("He passed out on the kitchen floor about an hour ago", "collapse", "present"),
    ("blacked out for a few secs when i stood up, back is killing me", "collapse", "present"),
    ("Pt found on floor by carer, c/o back pain.", "collapse", "present"),
    ("Had a funny turn at the bus stop and my lower back has been sore since", "collapse", "present"),
    ("Brief LOC at scene.", "collapse", "present"),
    ("Denies syncope or LOC.", "collapse", "absent"),
    ("No loss of consciousness.", "collapse", "absent"),
    ("I feel like I'm going to pass out when I stand up.", "collapse", NOT),
    ("I nearly fainted in the queue.", "collapse", NOT),
    ("My dad collapsed and died of an aneurysm.", "collapse", "family"),
    # ------------------------------------------------------------ new confusion
    ("Mum is confused and not making sense since this morning.", "new_confusion", "present"),
    ("He's very drowsy and hard to wake.", "new_confusion", "present"),
    ("Acute confusion, altered mental status, GCS 13/15.", "new_confusion", "present"),
    ("She doesn't know where she is.", "new_confusion", "present"),
    ("No confusion.", "new_confusion", "absent"),
    ("I'm so confused about my MRI results, is it a slipped disc?", "new_confusion", NOT),
    ("The tablets make me drowsy.", "new_confusion", NOT),
    ("My mum is confused and drowsy.", "new_confusion", "present"),
    # ------------------------------------------------------------ reduced consciousness
    ("AVPU: V", "reduced_consciousness", "present"),
    ("Only responds to pain.", "reduced_consciousness", "present"),
    ("She's unresponsive and I can't wake her up.", "reduced_consciousness", "present"),
    ("GCS 7 on arrival.", "reduced_consciousness", "present"),
    ("Not responding to painkillers at all.", "reduced_consciousness", NOT),
    ("He isn't unresponsive, he's talking to me.", "reduced_consciousness", "absent"),
    # ------------------------------------------------------------ shock signs
    ("He's pale, cold and clammy.", "shock_signs", "present"),
    ("now he's grey and sweaty", "shock_signs", "present"),
    ("O/E pale, clammy, cap refill 4 seconds, peripherally shut down.", "shock_signs", "present"),
    ("His skin is mottled and his lips are blue.", "shock_signs", "present"),
    ("Not clammy or mottled.", "shock_signs", "absent"),
    ("Tried hot and cold packs, no difference.", "shock_signs", NOT),
    # ------------------------------------------------------------ breathing difficulty
    ("I'm short of breath and can't catch my breath.", "breathing_difficulty", "present"),
    ("struggling to breathe since last night", "breathing_difficulty", "present"),
    ("c/o LBP and SOB on exertion.", "breathing_difficulty", "present"),
    ("No SOB, chest clear.", "breathing_difficulty", "absent"),
    ("breathing comfortably, talking in full sentences", "breathing_difficulty", "absent"),
    ("It hurts to breathe in deeply.", "breathing_difficulty", NOT),
    # ------------------------------------------------------------ worst pain ever
    ("It's the worst pain I've ever had in my life.", "worst_pain_ever", "present"),
    ("I can't keep still with this pain, I'm writhing around on the floor.", "worst_pain_ever", "present"),
    ("Rolling around in agony.", "worst_pain_ever", "present"),
    ("Never had pain like this before.", "worst_pain_ever", "present"),
    ("Not the worst pain I've ever had, just annoying.", "worst_pain_ever", "absent"),
    ("Pain 10/10 on movement.", "worst_pain_ever", NOT),
    # ------------------------------------------------------------ heavy bleeding
    ("Bleeding heavily from the wound.", "heavy_bleeding", "present"),
    ("my friend got stabbed at a party and the bleeding wont stop", "heavy_bleeding", "present"),
    ("I can't stop the bleeding.", "heavy_bleeding", "present"),
    ("Soaking a pad every hour at 30 weeks.", "heavy_bleeding", "present"),
    ("No heavy bleeding.", "heavy_bleeding", "absent"),
    ("What if I'm bleeding heavily after the op?", "heavy_bleeding", "hypothetical"),
    # ------------------------------------------------------------ cannot stand or walk
    ("I can't stand up or walk.", "cannot_stand_or_walk", "present"),
    ("He can't walk at all since the fall.", "cannot_stand_or_walk", "present"),
    ("My legs gave way and I couldn't get back up.", "cannot_stand_or_walk", "present"),
    ("82F, long lie, unable to weight bear.", "cannot_stand_or_walk", "present"),
    ("Can't walk far because of my back.", "cannot_stand_or_walk", NOT),
    ("I can't stand the pain.", "cannot_stand_or_walk", NOT),
    ("I can still walk, just slowly.", "cannot_stand_or_walk", "absent"),
    ("Mobilising independently.", "cannot_stand_or_walk", "absent"),
    # ------------------------------------------------------------ road traffic collision
    ("I was in a car crash yesterday and my back is stiff.", "road_traffic_collision", "present"),
    ("Got hit by a car while crossing the road.", "road_traffic_collision", "present"),
    ("RTC, restrained driver, rear-ended at 40 mph.", "road_traffic_collision", "present"),
    ("Got rear-ended at a roundabout, airbags didn't go off.", "road_traffic_collision", "present"),
    ("Came off my motorbike on the A road.", "road_traffic_collision", "present"),
    ("I had a car accident 10 years ago.", "road_traffic_collision", "historical"),
    ("She hasn't had a car accident or anything like that.", "road_traffic_collision", "absent"),
    # ------------------------------------------------------------ fall from height
    ("Fell off a ladder about 3 metres.", "fall_from_height", "present"),
    ("I fell down the stairs this morning.", "fall_from_height", "present"),
    ("My grandad (79) fell down the stairs an hour ago.", "fall_from_height", "present"),
    ("45F, LBP after falling down a flight of 10 stairs.", "fall_from_height", "present"),
    ("FFH approx 2m at work.", "fall_from_height", "present"),
    ("I came down the stairs and felt a twinge.", "fall_from_height", NOT),
    ("No fall from height.", "fall_from_height", "absent"),
    # ------------------------------------------------------------ penetrating injury
    ("I was stabbed in the back last night.", "penetrating_injury", "present"),
    ("Gunshot wound to the left flank.", "penetrating_injury", "present"),
    ("A nail went into my back from the nail gun.", "penetrating_injury", "present"),
    ("Sharp stabbing pain in my back.", "penetrating_injury", NOT),
    ("Feels like I've been stabbed in the kidney.", "penetrating_injury", NOT),
    # ------------------------------------------------------------ crush injury
    ("I was crushed under a pallet at work.", "crush_injury", "present"),
    ("Pinned between a forklift and a wall.", "crush_injury", "present"),
    ("A wardrobe fell on top of me.", "crush_injury", "present"),
    ("Crushing pain across my back.", "crush_injury", NOT),
    # ------------------------------------------------------------ high-speed sport injury
    ("I crashed while skiing and hit a tree.", "high_speed_sport_injury", "present"),
    ("Came off my horse yesterday.", "high_speed_sport_injury", "present"),
    ("Got tackled hard playing rugby on Saturday.", "high_speed_sport_injury", "present"),
    ("went over the handlebars mountain biking", "high_speed_sport_injury", "present"),
    ("I have an old rugby injury that flares up.", "high_speed_sport_injury", NOT),
    # ------------------------------------------------------------ assault
    ("I was beaten up last night and kicked in the back.", "assault", "present"),
    ("My husband hit me and pushed me.", "assault", "present"),
    ("My dad hit me.", "assault", "present"),
    ("Alleged assault, punched and kicked to the back.", "assault", "present"),
    ("Denies assault.", "assault", "absent"),
    # ------------------------------------------------------------ crisis
    ("I don't want to wake up anymore.", "suicidal_thoughts", "present"),
    ("Everyone would be better off without me.", "suicidal_thoughts", "present"),
    ("Life isn't worth living with this pain.", "suicidal_thoughts", "present"),
    ("I wish I were dead.", "suicidal_thoughts", "present"),
    ("The pain is so bad I want to die.", "suicidal_thoughts", "present"),
    ("Not suicidal.", "suicidal_thoughts", "absent"),
    ("I have never had thoughts of harming myself.", "suicidal_thoughts", "absent"),
    ("Denies SI/SH.", "suicidal_thoughts", "absent"),
    ("If I ever felt suicidal I would call the helpline.", "suicidal_thoughts", "hypothetical"),
    ("I want to kill myself.", "suicidal_intent", "present"),
    ("I'm going to end my life tonight.", "suicidal_intent", "present"),
    ("I've been planning how I'd end it and I've saved up my tablets.", "suicidal_intent", "present"),
    ("I'm not going to kill myself.", "suicidal_intent", "absent"),
    ("I've been killing myself at the gym.", "suicidal_intent", NOT),
    ("I nearly killed myself falling off that ladder.", "suicidal_intent", NOT),
    ("I've been cutting myself again.", "self_harm", "present"),
    ("I took an overdose of paracetamol last night.", "self_harm", "present"),
    ("Tried to hang myself last week.", "self_harm", "present"),
    ("History of self-harm as a teenager.", "self_harm", "historical"),
    ("I cut myself shaving.", "self_harm", NOT),
    ("I hurt myself lifting a box.", "self_harm", NOT),
    # ------------------------------------------------------------ existing findings: more forms
    ("It's unbearably painful.", "severe_pain", "present"),
    # 8/10 is a high score, not "among the worst pain ever" (the finding's meaning); 9-10 is.
    ("pain 8/10 when I bend", "severe_pain", NOT),
    ("honestly it's a 9/10 right now", "severe_pain", "present"),
    ("my back is killing me after the gym", "severe_pain", NOT),
    ("The pain came on abruptly.", "sudden_onset", "present"),
    ("It hit me like a bolt of lightning.", "sudden_onset", "present"),
    ("Pre-syncope on standing.", "feeling_faint", "present"),
    ("Rigoring since last night.", "chills_rigors", "present"),
    ("I just can't get warm.", "chills_rigors", "present"),
    ("Hot and cold packs help a bit.", "chills_rigors", NOT),
    ("Febrile and tachycardic.", "fever", "present"),
    ("Spiking temps overnight.", "fever", "present"),
    ("sats 94% on 2L O2", "on_supplemental_oxygen", "present"),
    # ------------------------------------------------------------ vital signs
    ("pulse 120", "heart_rate", 120),
    ("HR 118, BP 90/60", "heart_rate", 118),
    ("heart rate of 125 bpm", "heart_rate", 125),
    ("Obs: T 38.9, P 112, R 24, BP 100/60, sats 93% on air.", "heart_rate", 112),
    ("tachycardic at 130", "heart_rate", 130),
    ("2 hr 20 min drive", "heart_rate", None),
    ("RR 26", "respiratory_rate", 26),
    ("resp rate 24", "respiratory_rate", 24),
    ("Obs: T 38.9, P 112, R 24, BP 100/60, sats 93% on air.", "respiratory_rate", 24),
    ("sats 91%", "oxygen_saturation", 91),
    ("SpO2 90% on RA", "oxygen_saturation", 90),
    ("oxygen 89", "oxygen_saturation", 89),
    ("He's on oxygen at 2 litres.", "oxygen_saturation", None),
    ("I sat 8 hours at my desk.", "oxygen_saturation", None),
    ("BP 78/40", "systolic_bp", 78),
    ("BP 78/40", "diastolic_bp", 40),
    ("blood pressure 86 over 52", "systolic_bp", 86),
    ("BP on our home machine says 85/50", "diastolic_bp", 50),
    ("pain 9/10", "pain_score", 9),
    ("8 out of 10", "pain_score", 8),
    ("VAS 8", "pain_score", 8),
    ("on a scale of 1 to 10 it's an 8", "pain_score", 8),
    ("8 out of 10 people get back pain at some point.", "pain_score", None),
    ("Back pain 2 weeks, no fever.", "pain_score", None),
    ("102.4F", "temperature_c", 39.1),
    ("woke up with 101 °F", "temperature_c", 38.3),
    ("T 39.2", "temperature_c", 39.2),
    ("c/o LBP, o/e: HR 118, BP 86/52, RR 26, SpO2 90% on RA, T 39.2", "temperature_c", 39.2),
    ("had 38.5c last night", "temperature_c", 38.5),
    ("febrile 38.6", "temperature_c", 38.6),
    ("my 8 year old son has back pain", "age", 8),
    ("My son (12) has back pain.", "age", 12),
    ("My 12 y.o. says his back hurts from his school bag.", "age", 12),
    ("I hurt my back lifting my 2 year old.", "age", None),
    # ------------------------------------------------------------ issue 14, second pass
    ("She took a tumble down about six steps at the station.", "fall_from_height", "present"),
    ("He went all the way down the full flight on his back.", "fall_from_height", "present"),
    ("Got squashed against the loading bay wall by a reversing van.", "crush_injury", "present"),
    ("My uncle was pinned between the truck and a gate.", "crush_injury", "present"),
    ("She's hardly responding when I call her name.", "reduced_consciousness", "present"),
    ("Grandad is not himself today and seems muddled.", "new_confusion", "present"),
    ("Grandad is not himself today and seems muddled.", "generally_unwell", "present"),
    ("That was the worst feeling I have ever had, like being torn apart.", "worst_pain_ever", "present"),
    ("I can't see the point of carrying on with this pain.", "suicidal_thoughts", "present"),
    ("I'm thinking of swallowing the whole box of co-codamol tonight.", "suicidal_intent", "present"),
    ("I would never take the whole packet, I just want the pain to ease.", "suicidal_intent", NOT),
    ("82, breathless going up the stairs for years, now a stiff back.", "breathing_difficulty", NOT),
    ("so out of breath I can barely talk", "breathing_difficulty", "present"),
    ("68F, non-smoker, sudden severe pain in the lower back.", "severe_pain", "present"),
    ("68F, non-smoker, sudden severe pain in the lower back.", "smoking", "absent"),
    # ------------------------------------------------------------ third pass (issue 14, round 2 classes)
    ("been hoarding my oxycodone to take at once when it gets too much", "suicidal_intent", "present"),
    ("I hurt myself on purpose last night to make the pain stop", "self_harm", "present"),
    ("I burnt myself on the oven door yesterday, unrelated to my back", "self_harm", NOT),
    ("I'm breathless just talking, back pain started an hour ago", "breathing_difficulty", "present"),
    ("Thrown off his quad bike at speed on the farm, lower back pain", "significant_trauma", "present"),
    ("went off the mountain bike at speed and landed on my coccyx", "high_speed_sport_injury", "present"),
    ("tumbled down 5 or 6 steps at the station, back is sore", "fall_from_height", "present"),
    ("What if he came off his motorbike at 40 on the way to work?", "significant_trauma", NOT),
]


@pytest.mark.parametrize(("text", "finding", "expected"), ROWS)
def test_danger_reading(pack: LanguagePack, text: str, finding: str, expected: str | float | None) -> None:
    check_mention(extract(text, pack).mentions, finding, expected)


def test_table_covers_every_finding_and_value() -> None:
    values = {"heart_rate", "respiratory_rate", "oxygen_saturation", "systolic_bp", "diastolic_bp"}
    values |= {"pain_score", "temperature_c", "age"}
    danger = {
        "collapse",
        "new_confusion",
        "reduced_consciousness",
        "shock_signs",
        "breathing_difficulty",
        "worst_pain_ever",
        "heavy_bleeding",
        "cannot_stand_or_walk",
        "road_traffic_collision",
        "fall_from_height",
        "penetrating_injury",
        "crush_injury",
        "high_speed_sport_injury",
        "assault",
        "suicidal_thoughts",
        "suicidal_intent",
        "self_harm",
    }
    more = {"severe_pain", "sudden_onset", "feeling_faint", "chills_rigors", "fever"}
    assert len(ROWS) >= 60
    assert len({(t, f) for t, f, _ in ROWS}) == len(ROWS)
    assert all(isinstance(e, float | int) or e is None or e in STATES for _, _, e in ROWS)
    for finding in danger | more | values:
        rows = [e for _, f, e in ROWS if f == finding]
        assert any(e == "present" or isinstance(e, float | int) for e in rows), finding
    for finding in danger:  # and a row where it must not be read as present
        rows = [e for _, f, e in ROWS if f == finding]
        assert any(e in ("absent", "historical", "family", "hypothetical", NOT) for e in rows), finding


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "71M collapsed at home. c/o sudden severe back pain. On arrival pale, clammy, BP 82/48, HR 124.",
            {"collapse": True, "shock_signs": True, "systolic_bp": 82, "heart_rate": 124},
        ),
        ("Fell off a ladder at work, 3 metres.", {"fall_from_height": True, "significant_trauma": True}),
        ("Denies fainting, no confusion, no SOB.", {"collapse": False, "new_confusion": False}),
        ("I want to end my life, I've saved up my tablets.", {"suicidal_intent": True}),
        ("My dad collapsed and died of a burst aneurysm when I was 20.", {}),
        ("I had a car accident 10 years ago, back pain since Monday.", {}),
    ],
)
def test_read_text_gives_the_engine_these_findings(
    kb: KnowledgeBase, text: str, expected: dict[str, object]
) -> None:
    reading = read_text(text, kb=kb, packs={"en": load_pack("en")}, lang="en")
    for finding, value in expected.items():
        assert reading.findings.get(finding) == value, reading.findings
    if not expected:
        assert not {"collapse", "road_traffic_collision"} & set(reading.findings), reading.findings
