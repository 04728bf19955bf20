"""Arabic read as others write it (issue 14): data/ar/lexicon_everyday.yaml, context.yaml, arabizi.yaml.

One row per sentence: the text, the finding or value key, and what must be read. A state must be
among the finding's mentions (and "present" must not be, unless it is the state wanted); None means
the finding must not be read as present; a number is the value read. The sentences are written for
these tests (MSA and Gulf, Levantine, Egyptian and Maghrebi dialect, Arabizi, and a clinician's
register with English mixed in), one or more for each class of issue 14.
"""

from __future__ import annotations

import pytest

from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.pack import load_pack
from backcheck.language.reading import read_text

KB = load_knowledge_base()
PACKS = {"ar": load_pack("ar")}

Expected = str | float | None

ROWS: list[tuple[str, str, Expected]] = [
    # ---------------------------------------------------------------- 1. back pain itself
    ("ضهري مكسّر من الشغل امبارح", "back_pain", "present"),  # Levantine
    ("ظهري قاصح بزاف هاد الايام", "back_pain", "present"),  # Maghrebi
    ("ابني بيشتكي من ضهره من اسبوع", "back_pain", "present"),  # Egyptian, the son is the patient
    ("عندي ألم خفيف في أسفل الظهر منذ شهر", "back_pain", "present"),  # MSA
    ("وجعني ضهري لما شلت الشنطة", "back_pain", "present"),  # the verb before the back
    ("الوجع بالبطن رايح لضهري", "back_pain", "present"),  # spreading to the back
    ("c/o mechanical LBP منذ أسبوع", "back_pain", "present"),
    ("محتاج مسكن لظهري", "back_pain", "present"),
    ("mara bywaj3ni dahri mn el sob7", "back_pain", "present"),  # Arabizi
    ("ظهر ألم في جانبي الأيسر فجأة", "back_pain", None),  # ظهر = appeared
    ("ما في وجع بضهري ابدا، بس رقبتي", "back_pain", "absent"),
    # ---------------------------------------------------------------- 2. emergency signs in everyday words
    ("من الصبح المنطقة اللي بين رجليا صارت مخدرة", "saddle_anaesthesia", "present"),
    ("لما بنشف حالي بالحمام ما بحس بشي", "saddle_anaesthesia", "present"),
    ("reduced perianal sensation on examination", "saddle_anaesthesia", "present"),
    ("bladder scan 900 ml, painless retention", "urinary_retention", "present"),
    ("post-void residual 35 ml", "urinary_retention", "absent"),
    ("ينكر أعراض المثانة والأمعاء", "urinary_retention", "absent"),
    ("ينكر أعراض المثانة والأمعاء", "urinary_incontinence", "absent"),
    ("ينكر أعراض المثانة والأمعاء", "bowel_incontinence", "absent"),
    ("جوزي بيدخل الحمام عادي ما عنده مشكلة", "urinary_retention", "absent"),  # Egyptian
    ("ما بقدر حس برجليّ من الصبح", "leg_numbness", "present"),
    ("power 3/5 in both legs", "leg_weakness", "present"),
    ("MRC 2/5 ankle dorsiflexion, DF 2/5 on the left", "foot_drop", "present"),
    ("القوة العضلية 5/5 بالطرفين", "leg_weakness", "absent"),
    ("ضعف بيزيد يوم عن يوم في الطرفين السفليين", "leg_weakness", "present"),
    ("ضعف بيزيد يوم عن يوم في الطرفين السفليين", "both_legs", "present"),
    ("ضعف متفاقم في رجليا", "progressive_weakness", "present"),
    ("صار يتعثر في مشيته من كم يوم", "unsteady_walking", "present"),
    ("بيتكعبل بأطراف أصابع رجله وهو ماشي", "foot_drop", "present"),
    ("حرارة ٣٩ ومعها رعدة ما بتوقف", "temperature_c", 39.0),
    ("جاتني برداء وترعيدة البارح", "chills_rigors", "present"),  # Maghrebi
    ("بطلع مني بول بدون ما احس", "urinary_incontinence", "present"),
    # ---------------------------------------------------------------- 3. pregnancy said indirectly
    ("الدورة متأخرة عشر أيام والستيك طلع خطين", "pregnant", "present"),
    ("الدورة متأخرة عشر أيام والستيك طلع خطين", "missed_period", "present"),
    ("عملت تحليل الحمل المنزلي وطلع إيجابي", "pregnant", "present"),
    ("حامل بعمر حمل 30 أسبوع والميه عم تنزل مني شوي شوي", "fluid_leaking", "present"),
    ("حامل بالسابع وبطني عم تشد كل ربع ساعة", "regular_tightenings", "present"),
    ("البيبي قلّ يتحرك من امبارح", "reduced_fetal_movements", "present"),
    ("حركة الجنين طبيعية والحمد لله", "reduced_fetal_movements", "absent"),
    ("الدورة اجت في ميعادها", "missed_period", "absent"),
    # ---------------------------------------------------------------- 4. negation, scope, ability, history
    ("no bowel or bladder symptoms", "bowel_incontinence", "absent"),
    ("no bowel or bladder symptoms", "urinary_retention", "absent"),
    ("denies bladder or bowel incontinence", "urinary_incontinence", "absent"),
    ("negative for saddle anaesthesia", "saddle_anaesthesia", "absent"),
    ("heel and toe walking fine", "foot_drop", "absent"),
    ("heel and toe walking fine", "leg_weakness", "absent"),
    ("المشي على الكعب طبيعي", "leg_weakness", "absent"),
    ("أول مرة بحياتي يوجعني ظهري هيك", "previous_back_pain_episodes", "absent"),
    ("أول مرة بحياتي يوجعني ظهري هيك", "back_pain", "present"),
    ("كان عندي ديسك من زمان", "previous_back_pain_episodes", "historical"),  # see the lead note
    ("مش قادر اوطي البس جزمتي من الوجع", "worse_with_movement", "present"),
    ("مش قادر اقوم من السرير من ضهري", "back_pain", "present"),  # inability, not absence
    ("كنت اضرب ابر من زمان، هلق نضيف", "injecting_drug_use", None),  # used to: not current
    ("كان عندي سرطان بالثدي قبل ١٠ سنين، والوجع بيصحيني بالليل", "night_pain", "present"),
    ("كان عندي سرطان بالثدي قبل ١٠ سنين، والوجع بيصحيني بالليل", "history_of_cancer", "historical"),
    ("ex-smoker, no IVDU", "smoking", "absent"),
    ("ex-smoker, no IVDU", "injecting_drug_use", "absent"),
    ("الوجع بيتحسن بالراحة", "not_better_with_rest", "absent"),
    ("ما بيخف حتى لو ارتحت", "not_better_with_rest", "present"),
    ("جدتي عمرها ٨٠ سنة وعندها حرارة", "fever", "present"),  # the grandmother is the patient
    ("امي كانت عندها حرارة شديدة", "fever", "family"),
    ("صعوبة في الانتصاب ما كانت عندي من قبل", "sexual_dysfunction_new", "present"),
    ("هل الحزام الطبي مفيد لآلام الظهر؟", "back_pain", "present"),
    ("غير بديت نحس بالوجع فالظهر", "back_pain", "present"),  # Maghrebi غير = just
    ("لا تراودني أفكار لإيذاء نفسي", "self_harm", "absent"),
    ("لا تراودني أفكار لإيذاء نفسي", "suicidal_thoughts", "absent"),
    ("query myeloma, bloods sent", "history_of_cancer", None),
    ("afebrile, obs stable", "fever", "absent"),
    # ---------------------------------------------------------------- 5. numbers
    ("حرارتي 102.2 من الصبح", "temperature_c", 39.0),
    ("الحرارة ٣٨٫٤ اليوم", "temperature_c", 38.4),
    ("الوجع ٧ من ١٠", "pain_score", 7.0),
    ("pain 9/10 despite analgesia", "pain_score", 9.0),
    # ---------------------------------------------------------------- 6. the clinical register
    ("SLR positive at 40° on the right", "straight_leg_raise_positive", "present"),
    ("SLR سلبي على الجهتين", "straight_leg_raise_positive", "absent"),
    ("tenderness over L3 spinous process", "spine_tender_to_touch", "present"),
    ("no midline bony tenderness", "spine_tender_to_touch", "absent"),
    ("إيلام عند قرع الكلية اليسرى", "renal_angle_tenderness", "present"),
    ("renal angle tenderness R", "renal_angle_tenderness", "present"),
    ("gross haematuria since this morning", "haematuria", "present"),
    ("dipstick: blood +++", "haematuria", "present"),
    ("h/o prostate ca on hormone therapy", "history_of_cancer", "present"),
    ("على prednisolone 5 mg من سنتين", "long_term_steroids", "present"),
    ("diabetic on insulin", "diabetes", "present"),
    ("renal transplant على tacrolimus", "immunosuppression", "present"),
    ("step deformity at T12 with bruising", "bruise_or_deformity_spine", "present"),
    ("paraspinal spasm and tenderness around L4-L5", "muscle_stiffness_tenderness", "present"),
    ("bilateral sciatica for 2 days", "both_legs", "present"),
    ("no focal neuro deficit", "leg_weakness", "absent"),
    # ---------------------------------------------------------------- 7. dialects and Arabizi
    ("كنحس بواحد الثقل لتحت فالكرش", "pelvic_heaviness", "present"),  # Maghrebi
    ("من ساعة ما نقلت الكراتين ضهري واجعني", "after_lifting", "present"),  # Egyptian
    ("بشتغل عالكمبيوتر ٨ ساعات", "prolonged_sitting_or_driving", "present"),  # Levantine
    ("كي نقعد بزاف يزيد الوجع", "worse_sitting", "present"),  # Maghrebi
    ("ملي كنتمشى شوية كيخف", "better_with_exercise", "present"),  # Maghrebi
    ("صرت روح عالحمام كل شوي وبحرقة", "urinary_frequency", "present"),  # Levantine
    ("ووشها مايل وما تقدر تتكلم", "stroke_symptoms", "present"),  # Egyptian
    ("عندي ضغط نفسي من الشغل", "hypertension", None),  # stress, not blood pressure
    ("عنده ضغط وسكر وبياخد دوا", "hypertension", "present"),
    ("ضربني واحد على جنبي بالخناقة", "assault", "present"),
    ("ضربني واحد على جنبي بالخناقة", "blow_to_flank", "present"),
    ("ولدت من اسبوع والنزيف ما وقف", "vaginal_bleeding", "present"),
    ("نزيف من الجرح بعد العملية", "vaginal_bleeding", None),
    ("3andi wja3 f dahri w el boul a7mar", "haematuria", "present"),  # Arabizi
    ("dahri bywaj3ni w m2dertesh a3mel 7amam mn embare7", "back_pain", "present"),  # Arabizi
    ("ana 7amla w el dawra mt2akhra", "pregnant", "present"),  # Arabizi
    ("fja2a dahri wja3ni w 8mi 3alay", "collapse", "present"),  # Arabizi
    ("el wag3 nazel 3a rejli la ta7t el rekba", "radiation_below_knee", "present"),  # Arabizi
    ("3indi s5ana w ra3sha", "chills_rigors", "present"),  # Arabizi
    # ---------------------------------------------------------------- issue 14, second pass: warning signs
    ("حسيت شي طق بضهري وانا برفع الكرتونة", "sudden_onset", "present"),  # something cracked
    ("kont 3am sheel el ghasale w 7asit shi ta2 b dahri", "sudden_onset", "present"),  # Arabizi
    ("مش حاسة كويس لما بنشف بعد الحمام", "saddle_anaesthesia", "present"),  # reversed order
    ("ما بحس بكرسي التواليت وانا قاعد", "saddle_anaesthesia", "present"),
    ("بقيت بحس عادي لما بمسح", "saddle_anaesthesia", None),
    ("mesh 7asa b 7aga fel manta2a el 7asasa", "saddle_anaesthesia", "present"),  # Arabizi
    ("من امبارح ببلل نفسي ومش بحس", "urinary_incontinence", "present"),  # Egyptian
    ("عملت بيبي على حالي بالليل", "urinary_incontinence", "present"),  # Levantine
    ("العرق يبلل ملابسي بالليل", "urinary_incontinence", None),  # night sweats
    ("مش عارف اعمل بيبي من الصبح", "urinary_retention", "present"),  # Egyptian
    ("البول ما عم ينزل من امبارح", "urinary_retention", "present"),  # Levantine
    ("mesh 2ader a3mel pipi", "urinary_retention", "present"),  # Arabizi
    ("لم أعد أستطيع التحكم في البراز", "bowel_incontinence", "present"),  # MSA verbal noun
    ("ما عدت اقدر امسك البراز", "bowel_incontinence", "present"),
    ("راسي بيوجعني كتير وشوفي صاير مغبش", "severe_headache_or_vision_change", "present"),
    ("عيوني صارت صفرا من اسبوع", "yellow_skin_or_eyes", "present"),
    ("لاحظت اصفرارا في بياض العين", "yellow_skin_or_eyes", "present"),
    ("ما في اصفرار بالعيون", "yellow_skin_or_eyes", "absent"),
    ("من امبارح ابول دما", "haematuria", "present"),  # MSA accusative
    ("وقعت عن الخيل وانا بتسابق", "high_speed_sport_injury", "present"),
    ("w2e3t 3an el 7san", "high_speed_sport_injury", "present"),  # Arabizi
    ("RTC بسرعة عالية على الطريق السريع", "significant_trauma", "present"),
    ("رجلي اليمين صارت ضعيفة من يومين", "leg_weakness", "present"),
    ("power: knee extension 4/5 Rt", "leg_weakness", "present"),
    ("power 5/5 in both legs", "leg_weakness", None),
    ("Neuro: normal", "leg_weakness", None),  # the colon does not hide the normal finding
    ("sensation reduced over the lateral foot", "leg_numbness", "present"),
    ("اجريي التنتين بيتقلو لما امشي", "both_legs", "present"),  # Levantine
    ("tenderness over L4 paraspinal muscles", "spine_tender_to_touch", None),  # muscle, not bone
    ("post L2-L3 laminectomy قبل أسبوعين", "recent_spinal_surgery", "present"),
    ("تأخرت دورتي عشرة أيام", "missed_period", "present"),
    ("ألم ظهر مع vomiting من امبارح", "nausea_vomiting", "present"),
    # ---------------------------------------------------------------- round 2: one phrase denies two findings
    ("الادرار والبراز كله طبيعيين الحمدلله", "urinary_incontinence", "absent"),
    ("الادرار والبراز كله طبيعيين الحمدلله", "bowel_incontinence", "absent"),
    ("نفت المريضة أي أعراض بولية أو شرجية", "urinary_incontinence", "absent"),
    ("نفت المريضة أي أعراض بولية أو شرجية", "bowel_incontinence", "absent"),
    ("sphincter function intact on review", "urinary_incontinence", "absent"),
    ("sphincter function intact on review", "bowel_incontinence", "absent"),
    ("BO/PU normal, no retention", "bowel_incontinence", "absent"),
    ("BO/PU, no retention", "bowel_incontinence", None),
    ("ما عندو ولا مشكلة بالحمام", "urinary_incontinence", "absent"),  # the toilet = bladder and bowel
    ("ما عندو ولا مشكلة بالحمام", "bowel_incontinence", "absent"),
    ("انزلقت بالحمام امبارح ووجعني ضهري", "bowel_incontinence", None),  # the room, not a function
    ("ما عنده أي مشكلة في التبول", "urinary_incontinence", "absent"),
    ("صار عندي سلس بول من يومين", "urinary_incontinence", "present"),
    # the neurological examination said normal: both words absent, neither present
    ("neuro grossly intact، SLR سلبي", "leg_weakness", "absent"),
    ("neuro intact", "leg_numbness", None),
    # تنميل denied is numbness denied (and tingling); said, it stays tingling
    ("مافي أي تنميل برجليا", "leg_numbness", "absent"),
    ("مافي أي تنميل برجليا", "leg_tingling", "absent"),
    ("la yojad tanmeel abadan w 3omri 40", "leg_numbness", "absent"),  # Arabizi
    ("صار عندي تنميل بريلي اليسار", "leg_tingling", "present"),
    ("صار عندي تنميل بريلي اليسار", "leg_numbness", None),
    # negation in one word (Maghrebi/Egyptian ما...ش) and dual "normal"
    ("مكانتش عندي حرارة هاد الايام", "fever", "absent"),
    ("رجليا الاتنين سليمين وقوتهم طبيعيان", "leg_weakness", None),
    # a French-speaking clinician (Maghreb)
    ("Pas de fièvre ni de perte de poids, lombalgie depuis 5 jours", "fever", "absent"),
    ("Pas de fièvre ni de perte de poids, lombalgie depuis 5 jours", "weight_loss_unexplained", "absent"),
    ("sueurs nocturnes depuis un mois", "night_sweats", "present"),
    ("sueurs nocturnes depuis un mois", "night_pain", None),
    ("douleur nocturne qui le réveille", "night_pain", "present"),
    ("ATCD de néoplasie mammaire traitée", "history_of_cancer", "present"),
]


def _ids() -> list[str]:
    return [f"{i:03d}-{finding}" for i, (_, finding, _) in enumerate(ROWS)]


@pytest.mark.parametrize(("text", "finding", "expected"), ROWS, ids=_ids())
def test_generalise_ar(text: str, finding: str, expected: Expected) -> None:
    reading = read_text(text, kb=KB, packs=PACKS, lang="ar")  # type: ignore[arg-type]
    mentions = [m for m in reading.mentions if m.finding == finding]
    got = [(m.state, m.value, m.text) for m in mentions]
    if expected is None:
        assert all(m.state not in ("present", "value") for m in mentions), got
    elif isinstance(expected, float):
        assert [m.value for m in mentions][:1] == [pytest.approx(expected)], got
    else:
        states = {m.state for m in mentions}
        assert expected in states, got
        assert expected == "present" or "present" not in states, got


def test_every_class_has_rows() -> None:
    assert len(ROWS) >= 70
    read = {finding for _, finding, expected in ROWS if expected not in (None, "absent")}
    assert {"back_pain", "saddle_anaesthesia", "pregnant", "straight_leg_raise_positive"} <= read
    assert {"renal_angle_tenderness", "spine_tender_to_touch", "pain_score", "temperature_c"} <= read
