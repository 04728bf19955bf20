"""Arabic danger signs, vital signs, trauma and crisis (issue 13): data/ar/lexicon_danger.yaml.

One row per sentence (presidio style): the text, the finding or value key, and what must be read.
A state must be among the finding's mentions (and "present" must not be, unless it is the state
wanted); None means the finding must not be read as present; a number is the value read. Texts in
MSA and in Gulf, Levantine, Egyptian and Maghrebi dialect, in the patient's voice and in a
clinician's register with English abbreviations, Arabic-Indic and Western digits.
"""

from __future__ import annotations

import pytest

from backcheck.language.extract import extract
from backcheck.language.pack import load_pack

PACK = load_pack("ar")

Expected = str | float | None

ROWS: list[tuple[str, str, Expected]] = [
    # ---------------------------------------------------------------- collapse
    ("أغمي علي في الحمام ووقعت على الأرض", "collapse", "present"),
    ("امبارح انغمى عليه وهو واقف بالمطبخ", "collapse", "present"),  # Levantine
    ("أمي اتغمى عليها فجأة والضهر بيوجعها", "collapse", "present"),  # Egyptian: the mother is the patient
    ("امي كان عندها نوبات اغماء زمان", "collapse", "family"),
    ("فقد الوعي لمدة دقيقة بعد ما قام من السرير", "collapse", "present"),
    ("لقيناه مرمي على الأرض الصبح وما يرد", "collapse", "present"),  # Gulf
    ("البارح سخفت فالدوش وطحت", "collapse", "present"),  # Moroccan
    ("لا يوجد إغماء", "collapse", "absent"),
    ("المريض ينفي الإغماء أو فقدان الوعي", "collapse", "absent"),
    ("حاسس إني رح يغمى علي", "collapse", None),  # about to faint: feeling_faint
    ("حاسس إني رح يغمى علي", "feeling_faint", "present"),
    # ---------------------------------------------------------------- new confusion
    ("من الصبح صار مشوش ومش عارف وين هو", "new_confusion", "present"),
    ("المريض مشوش، GCS 13", "new_confusion", "present"),
    ("كلامها مش مفهوم وبتهلوس من امبارح", "new_confusion", "present"),
    ("عنده تغير في مستوى الوعي مع حرارة ٣٩", "new_confusion", "present"),  # clinician MSA
    ("نعسان طول الوقت وصعب نصحيه", "new_confusion", "present"),
    ("ما في تشوش ذهني", "new_confusion", "absent"),
    ("نظري مشوش شوي لما بقوم بسرعة", "new_confusion", None),
    # ---------------------------------------------------------------- reduced consciousness
    ("ما بيرد علينا خالص ولا بيفتح عيونه", "reduced_consciousness", "present"),
    ("يستجيب فقط للألم", "reduced_consciousness", "present"),
    ("المريض في غيبوبة", "reduced_consciousness", "present"),
    ("AVPU: P, BP 80/50", "reduced_consciousness", "present"),
    ("مش واعي وما قدرنا نصحيه", "reduced_consciousness", "present"),
    ("الوجع ما يستجيب للمسكنات", "reduced_consciousness", None),
    # ---------------------------------------------------------------- shock signs
    ("هلأ لونه أصفر وعرقان", "shock_signs", "present"),
    ("شاحب وبارد ومتعرق", "shock_signs", "present"),
    ("وجهه صار رمادي وأطرافه باردة", "shock_signs", "present"),
    ("جلده مرقط وبارد", "shock_signs", "present"),
    ("الجو بارد ورطب اليوم", "shock_signs", None),
    ("لا يوجد عرق بارد ولا شحوب شديد", "shock_signs", "absent"),
    # ---------------------------------------------------------------- breathing difficulty
    ("عندي ضيق نفس شديد مع وجع الضهر", "breathing_difficulty", "present"),
    ("ما عم بقدر اتنفس منيح", "breathing_difficulty", "present"),  # Levantine
    ("نفسي مقطوع ومش قادر آخد نفسي", "breathing_difficulty", "present"),  # Egyptian
    ("ما نقدرش نتنفس", "breathing_difficulty", "present"),  # Maghrebi
    ("no SOB, HR 88", "breathing_difficulty", "absent"),
    ("لا يوجد صعوبة في التنفس", "breathing_difficulty", "absent"),
    ("ما بقدر آخد نفس عميق من الوجع", "breathing_difficulty", None),
    ("عندي ضغط نفسي وتعب نفسي من الشغل", "breathing_difficulty", None),
    # ---------------------------------------------------------------- worst pain ever
    ("أقوى وجع بحياتي", "worst_pain_ever", "present"),
    ("عمري ما حسيت بوجع متل هيك", "worst_pain_ever", "present"),
    ("قاعد أتلوى من الألم ولا أقدر أثبت", "worst_pain_ever", "present"),  # Gulf
    ("لا أستطيع البقاء ساكناً من شدة الألم", "worst_pain_ever", "present"),
    ("الوجع مزعج بس مش أسوأ وجع بحياتي", "worst_pain_ever", "absent"),
    # ---------------------------------------------------------------- heavy bleeding
    ("عندي نزيف قوي وأنا حامل", "heavy_bleeding", "present"),
    ("عندي نزيف قوي وأنا حامل", "vaginal_bleeding", "present"),  # both are read
    ("الجرح بينزف كتير والدم ما بيوقف", "heavy_bleeding", "present"),
    ("ينزف بغزارة من الجرح", "heavy_bleeding", "present"),
    ("ما في نزيف قوي، شوية تنقيط بس", "heavy_bleeding", "absent"),
    ("في دم كتير بالبول", "heavy_bleeding", None),
    # ---------------------------------------------------------------- cannot stand or walk
    ("من الصبح مش قادر أمشي خالص", "cannot_stand_or_walk", "present"),
    ("ما قدرت أقوم من الأرض بعد ما وقعت", "cannot_stand_or_walk", "present"),
    ("رجليا خانوني فجأة ووقعت", "cannot_stand_or_walk", "present"),
    ("لا أستطيع الوقوف من الألم", "cannot_stand_or_walk", "present"),
    ("ما بقدر امشي اكتر من عشر دقايق", "cannot_stand_or_walk", None),
    ("ما بقدر امشي كويس بس بمشي", "cannot_stand_or_walk", None),
    ("لسا بقدر امشي طبيعي", "cannot_stand_or_walk", None),
    # ---------------------------------------------------------------- road traffic collision
    ("عملت حادث سيارة من ساعتين", "road_traffic_collision", "present"),
    ("عملت حادث سيارة من ساعتين", "significant_trauma", "present"),  # still read, and implied
    ("سيارة صدمتني وأنا بقطع الشارع", "road_traffic_collision", "present"),
    ("عربية خبطتني وأنا ماشي", "road_traffic_collision", "present"),  # Egyptian
    ("وقعت عن الموتور على الأوتوستراد", "road_traffic_collision", "present"),
    ("patient s/p RTC, BP 100/60", "road_traffic_collision", "present"),
    ("تعرضت لحادث سيارة قبل ١٠ سنوات", "road_traffic_collision", "historical"),
    ("عملت حادث سير من عشر سنين، والضهر منيح من وقتها", "road_traffic_collision", "historical"),
    ("ما تعرضت لأي حادث سير", "road_traffic_collision", "absent"),
    # ---------------------------------------------------------------- fall from height
    ("وقعت عن السلم من علو ٣ متر", "fall_from_height", "present"),
    ("طحت من السطح وأنا أركب الدش", "fall_from_height", "present"),  # Gulf
    ("وقعت وانا نازلة الدرج", "fall_from_height", "present"),
    ("سقط من الطابق الثاني", "fall_from_height", "present"),
    ("لو وقعت عن الدرج ممكن تنكسر الفقرات؟", "fall_from_height", "hypothetical"),
    ("وقعت على الحيط وأنا بلعب", "fall_from_height", None),
    # ---------------------------------------------------------------- penetrating injury
    ("انطعنت بسكين في ظهري", "penetrating_injury", "present"),
    ("طعنني واحد بالسكين بجنبي", "penetrating_injury", "present"),
    ("أصيب بطلق ناري في الظهر", "penetrating_injury", "present"),
    ("وجع زي الطعنة بأسفل ظهري", "penetrating_injury", None),
    # ---------------------------------------------------------------- crush injury
    ("انحشرت تحت الردم ساعتين", "crush_injury", "present"),
    ("الحيط وقع علي وأنا بشتغل", "crush_injury", "present"),
    ("انهرست رجلي بين الحيط والسيارة", "crush_injury", "present"),
    # ---------------------------------------------------------------- high-speed sport injury
    ("وقعت عن الحصان امبارح", "high_speed_sport_injury", "present"),
    ("وقعت وقعة قوية وأنا بتزلج", "high_speed_sport_injury", "present"),
    ("طحت من البشكليط فالطريق", "high_speed_sport_injury", "present"),  # Maghrebi
    ("تدخل عنيف في الماتش ووقعت على ضهري", "high_speed_sport_injury", "present"),
    # ---------------------------------------------------------------- assault
    ("تعرضت للضرب امبارح بالشارع", "assault", "present"),
    ("جوزي بيضربني", "assault", "present"),
    ("أبوي ضربني على ضهري", "assault", "present"),  # the relative is the one who hit: not family
    ("رفسني واحد بضهري بالمضاربة", "assault", "present"),
    ("ضربني عرق النسا من امبارح", "assault", None),
    ("ما وقعت ولا انضربت بشي", "assault", None),
    # ---------------------------------------------------------------- suicidal thoughts
    ("تعبت من الحياة، ما أبغى أعيش", "suicidal_thoughts", "present"),  # Gulf
    ("ما بدي عيش هيك، الموت أرحم", "suicidal_thoughts", "present"),  # Levantine
    ("يا ريتني ما اتخلقت، مش عايز أعيش", "suicidal_thoughts", "present"),  # Egyptian
    ("بفكر بالانتحار من كتر الوجع", "suicidal_thoughts", "present"),
    ("ما عندي أفكار انتحارية", "suicidal_thoughts", "absent"),
    ("مش انتحاري بس تعبان", "suicidal_thoughts", "absent"),
    ("عمري ما فكرت أأذي نفسي", "suicidal_thoughts", "absent"),
    # ---------------------------------------------------------------- suicidal intent
    ("أريد أن أنتحر", "suicidal_intent", "present"),
    ("بدي موت حالي", "suicidal_intent", "present"),
    ("غادي نقتل راسي", "suicidal_intent", "present"),  # Moroccan
    ("مجمع حبوب عشان أنتحر", "suicidal_intent", "present"),
    ("بدي موت من الوجع", "suicidal_intent", None),  # hyperbole
    ("ما بدي انتحر، بس بدي حدا يساعدني", "suicidal_intent", "absent"),
    # ---------------------------------------------------------------- self-harm
    ("جرحت حالي بالموس امبارح", "self_harm", "present"),
    ("شطبت إيدي", "self_harm", "present"),  # Levantine
    ("أخدت علبة بنادول كاملة", "self_harm", "present"),
    ("حاولت الانتحار الأسبوع الماضي", "self_harm", "present"),
    ("حاولت الانتحار من سنتين", "self_harm", "historical"),
    ("أخدت حبتين بنادول للوجع", "self_harm", None),
    ("جرحت حالي بالغلط وأنا بطبخ", "self_harm", None),
    # ---------------------------------------------------------------- a relative who is the patient
    ("جدتي صارت مشوشة وما عم تعرفنا", "new_confusion", "present"),
    ("ابوي ما عم يرد ابدا", "reduced_consciousness", "present"),
    ("ابويا وقع مغمى عليه في الحمام", "collapse", "present"),
    # ---------------------------------------------------------------- supplemental oxygen (NEWS2)
    ("المريض على الأكسجين ٢ لتر والتشبع ٩٤٪", "on_supplemental_oxygen", "present"),
    ("COPD على home O2 2L nasal cannula", "on_supplemental_oxygen", "present"),
    ("الأكسجين عنده ٩٠", "on_supplemental_oxygen", None),
    ("ما بحتاج أكسجين", "on_supplemental_oxygen", None),
    # ---------------------------------------------------------------- existing findings, more forms
    ("عندي ألم مبرح في أسفل الظهر", "severe_pain", "present"),
    ("ضهري بيوجعني أوي أوي", "severe_pain", "present"),  # Egyptian
    ("الوجع إجا كالصاعقة", "sudden_onset", "present"),
    ("حاسس بشبه إغماء لما أوقف", "feeling_faint", "present"),
    ("عندي ارتجاف وحرارة", "chills_rigors", "present"),
    ("جاتني السخانة من البارح", "fever", "present"),  # Maghrebi
    # ---------------------------------------------------------------- values
    ("النبض ١٢٠ والحرارة ٣٨", "heart_rate", 120.0),
    ("HR 118, RR 26, SpO2 90%", "heart_rate", 118.0),
    ("دقات قلبه 125 نبضة في الدقيقة", "heart_rate", 125.0),
    ("HR 118, RR 26, SpO2 90%", "respiratory_rate", 26.0),
    ("معدل التنفس ٢٨ في الدقيقة", "respiratory_rate", 28.0),
    ("HR 118, RR 26, SpO2 90%", "oxygen_saturation", 90.0),
    ("نسبة الأكسجين ٩٠٪", "oxygen_saturation", 90.0),  # ٪ is not folded to %
    ("على أكسجين ٢ لتر والتشبع ٩٤٪", "oxygen_saturation", 94.0),
    ("الضغط ٩٠/٦٠ والنبض سريع", "systolic_bp", 90.0),
    ("الضغط ٩٠/٦٠ والنبض سريع", "diastolic_bp", 60.0),
    ("ضغطه ٨٠ على ٥٠", "systolic_bp", 80.0),
    ("BP 78/40", "diastolic_bp", 40.0),
    ("الألم ٨ من ١٠", "pain_score", 8.0),
    ("الوجع ٩/١٠", "pain_score", 9.0),
    ("VAS 7", "pain_score", 7.0),
    ("حرارته ١٠٢ فهرنهايت", "temperature_c", 38.9),
    ("١٠١ °F من امبارح", "temperature_c", 38.3),
    ("حرارتي ٣٨٫٥", "temperature_c", 38.5),
    ("المريض T 39.2, HR 110", "temperature_c", 39.2),
    ("٣٩ درجة مئوية", "temperature_c", 39.0),
    ("ابني عمره ٨ سنوات ويشتكي من ظهره", "age", 8.0),
    ("عندي ولد عمره 12 سنة بيوجعه ضهره", "age", 12.0),
    ("بعد ما شلت ابني عمره ٢ سنة صار ضهري يوجعني", "age", None),
    # ------------------------------------------------------- issue 14, second pass (lexicon_signs.yaml)
    ("ألم حاد شديد في جنبي الأيسر", "severe_pain", "present"),  # two adjectives
    ("ضهري بيوجعني كتير كتير وما بقدر نام", "severe_pain", "present"),  # doubled intensifier
    ("ضهري بيوجعني كتير من الصبح", "severe_pain", None),  # hurts a lot: not the worst pain ever
    ("ظهري يعورني مره لما اشيل ولدي", "severe_pain", None),
    ("وجع جامد في ضهري من امبارح", "severe_pain", None),
    ("ضرسي واجعني موت", "severe_pain", None),  # the tooth
    ("ما اقدر اقوم من السرير ابدا من امس", "cannot_stand_or_walk", "present"),
    ("مش قادرة تقوم من الفرشة خالص", "cannot_stand_or_walk", "present"),  # Egyptian, a relative
    ("ما قدرت اقوم من السرير الصبح بسهولة", "cannot_stand_or_walk", None),
    ("ما كنقدرش نمشي من البارح", "cannot_stand_or_walk", "present"),  # Moroccan
    ("سقوط من السقالة على ظهره", "fall_from_height", "present"),  # a noun
    ("وقع من ارتفاع ٤ متر تقريبا", "fall_from_height", "present"),
    ("اخوي طاح من السطح وظهره يوجعه", "fall_from_height", "present"),  # the brother is the patient
    ("اخوي طاح من السطح وظهره يوجعه", "significant_trauma", "present"),
    ("لا يوجد سقوط من السلم", "fall_from_height", "absent"),
    ("لما حد يدوس على العمود بيوجعني جامد", "spine_tender_to_touch", "present"),
    ("لما الدكتور ضغط على الفقرات صرخت", "spine_tender_to_touch", "present"),
    ("في نفخة واضحة فوق العمود بعد الوقعة", "bruise_or_deformity_spine", "present"),
    ("ما في ورم على الفقرات", "bruise_or_deformity_spine", "absent"),
    ("حاسة البيبي ما يتحرك زي العادة", "reduced_fetal_movements", "present"),
    ("الجنين ما عاد يتحرك مثل قبل", "reduced_fetal_movements", "present"),
    ("رجلي الشمال بقت تخبط في الأرض وانا ماشي", "foot_drop", "present"),
    ("مش قادر ارفع مقدمة القدم", "foot_drop", "present"),
    ("رجلي كل يوم تضعف أكثر", "progressive_weakness", "present"),
    ("progressive bilateral leg weakness over 2 days", "progressive_weakness", "present"),
    ("خبيت حبوب المنوم في الدرج", "suicidal_intent", "present"),
    ("ما جمعت اي حبوب وما عندي خطة", "suicidal_intent", "absent"),
    ("جدي صار بيتكلم كلام ملخبط من الصبح", "new_confusion", "present"),
    ("الوجع بيضرب عصدري وبيطلع لدراعي", "chest_pain", "present"),
    ("أصبح شاحباً وبارداً فجأة", "shock_signs", "present"),
    ("لا أستطيع التحكم في البول منذ أمس", "urinary_incontinence", "present"),  # verbal noun
    ("لا أستطيع التحكم في البول منذ أمس", "bowel_incontinence", None),
]


def _ids() -> list[str]:
    return [f"{i:03d}-{finding}" for i, (_, finding, _) in enumerate(ROWS)]


@pytest.mark.parametrize(("text", "finding", "expected"), ROWS, ids=_ids())
def test_danger_ar(text: str, finding: str, expected: Expected) -> None:
    mentions = [m for m in extract(text, PACK).mentions if m.finding == finding]
    got = [(m.state, m.value, m.text) for m in mentions]
    if expected is None:
        assert all(m.state not in ("present", "value") for m in mentions), got
    elif isinstance(expected, float):
        assert [m.value for m in mentions] == [pytest.approx(expected)], got
    else:
        states = {m.state for m in mentions}
        assert expected in states, got
        assert expected == "present" or "present" not in states, got


def test_at_least_sixty_rows_cover_every_danger_finding() -> None:
    wanted = {
        "collapse", "new_confusion", "reduced_consciousness", "shock_signs", "breathing_difficulty",
        "worst_pain_ever", "heavy_bleeding", "cannot_stand_or_walk", "road_traffic_collision",
        "fall_from_height", "penetrating_injury", "crush_injury", "high_speed_sport_injury", "assault",
        "suicidal_thoughts", "suicidal_intent", "self_harm", "heart_rate", "respiratory_rate",
        "oxygen_saturation", "systolic_bp", "diastolic_bp", "pain_score", "temperature_c", "age",
    }  # fmt: skip
    assert len(ROWS) >= 60
    assert wanted <= {finding for _, finding, expected in ROWS if expected not in (None, "absent")}
