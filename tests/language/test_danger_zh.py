"""Chinese danger signs, vital signs, trauma and crisis (issue 13): lexicon_danger.yaml and context.yaml.

One row per reading: (text, finding, expected). ``expected`` is a state the finding must have
among its mentions (present, absent, uncertain, historical, family, hypothetical); ``NOT`` when
the finding must not be read as present or uncertain (negated wording of another kind, a guard,
a different meaning); a number for a value (vital signs, pain score, temperature in °C, age);
``None`` when no value may be read. Colloquial (health Q&A sites) and clinical (病历) register,
numbers in digits and in Chinese numerals.
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
    return load_pack("zh")


ROWS: list[tuple[str, str, str | float | None]] = [
    ("我昨天在厕所突然晕倒了，醒来后腰很疼", "collapse", "present"),
    ("主诉：腰痛2天，今晨晕厥1次。", "collapse", "present"),
    ("他刚才眼前一黑就倒了，叫了几声才醒", "collapse", "present"),
    ("早上发现他倒在地上，扶起来说腰疼", "collapse", "present"),
    ("否认晕厥，否认胸痛。", "collapse", "absent"),
    ("没有晕倒过，就是腰疼", "collapse", "absent"),
    ("站起来眼前发黑，差点晕倒。", "collapse", NOT),
    ("无恶心呕吐，无意识丧失。", "collapse", "absent"),
    ("我爸今天说话颠三倒四的，连我都认不出", "new_confusion", "family"),
    ("她今天有点糊涂了，老是答非所问", "new_confusion", "present"),
    ("查体：嗜睡，GCS 13分。", "new_confusion", "present"),
    ("患者意识模糊，T 39.5℃。", "new_confusion", "present"),
    ("神志清楚，精神可。", "new_confusion", "absent"),
    ("无意识障碍，无抽搐。", "new_confusion", "absent"),
    ("人很清醒，没有意识模糊", "new_confusion", "absent"),
    ("人叫不醒了，怎么拍都没反应", "reduced_consciousness", "present"),
    ("入院时浅昏迷，呼之不应。", "reduced_consciousness", "present"),
    ("GCS评分7分，对疼痛刺激有反应。", "reduced_consciousness", "present"),
    ("AVPU: P", "reduced_consciousness", "present"),
    ("无昏迷史。", "reduced_consciousness", "absent"),
    ("脸色苍白，出了一身冷汗，手脚冰凉", "shock_signs", "present"),
    ("查体：面色苍白，四肢湿冷，大汗淋漓。", "shock_signs", "present"),
    ("他现在脸色发灰，浑身冷汗", "shock_signs", "present"),
    ("腿上皮肤出现花斑", "shock_signs", "present"),
    ("老伴说我最近脸色苍白，总是很累", "shock_signs", NOT),
    ("没有出冷汗，脸色也正常", "shock_signs", "absent"),
    ("腰疼得厉害，还有点喘不上气", "breathing_difficulty", "present"),
    ("胸闷气短，呼吸困难半天", "breathing_difficulty", "present"),
    ("无呼吸困难，无胸痛。", "breathing_difficulty", "absent"),
    ("呼吸平稳，双肺呼吸音清。", "breathing_difficulty", "absent"),
    ("这辈子从来没这么疼过，疼得在床上打滚", "worst_pain_ever", "present"),
    ("疼得坐立不安，怎么躺都不舒服", "worst_pain_ever", "present"),
    ("痛不欲生，吃了止痛药也没用", "worst_pain_ever", "present"),
    ("腰疼但没有疼得打滚，还能忍", "worst_pain_ever", "absent"),
    ("伤口一直流血，血止不住", "heavy_bleeding", "present"),
    ("孕12周，阴道大出血", "heavy_bleeding", "present"),
    ("孕12周，阴道大出血", "vaginal_bleeding", "present"),
    ("流了好多血，地上一大滩血", "heavy_bleeding", "present"),
    ("没有大出血，只是有点见红", "heavy_bleeding", "absent"),
    ("腰疼得站不起来，一步都走不了", "cannot_stand_or_walk", "present"),
    ("突然双下肢无力，无法站立。", "cannot_stand_or_walk", "present"),
    ("还能走路，就是腰酸", "cannot_stand_or_walk", "absent"),
    ("昨天出了车祸，现在背疼", "road_traffic_collision", "present"),
    ("骑电动车被汽车撞了，腰疼", "road_traffic_collision", "present"),
    ("主诉：交通事故致腰背部疼痛3小时。", "road_traffic_collision", "present"),
    ("10年前出过车祸，最近腰又疼", "road_traffic_collision", "historical"),
    ("没有出过车祸，也没摔过", "road_traffic_collision", "absent"),
    ("车祸后腰疼，两条腿针扎一样麻", "significant_trauma", "present"),
    ("从梯子上摔下来，后背着地", "fall_from_height", "present"),
    ("从二楼阳台摔了下去", "fall_from_height", "present"),
    ("从三米高的地方摔下来，腰疼", "fall_from_height", "present"),
    ("下楼梯踩空滚下楼梯了", "fall_from_height", "present"),
    ("高处坠落伤2小时。", "fall_from_height", "present"),
    ("没有从高处摔下来过", "fall_from_height", "absent"),
    ("在卫生间摔了一跤", "fall_from_height", NOT),
    ("昨晚被人捅了一刀，在后腰", "penetrating_injury", "present"),
    ("背部刀刺伤1小时。", "penetrating_injury", "present"),
    ("没有刀伤，也没有枪伤", "penetrating_injury", "absent"),
    ("腰椎手术刀口有点疼", "penetrating_injury", NOT),
    ("在工地被钢筋压住了，腰动不了", "crush_injury", "present"),
    ("被重物压伤腰部", "crush_injury", "present"),
    ("按压痛，压迫神经", "crush_injury", NOT),
    ("滑雪的时候摔了一跤，尾骨疼", "high_speed_sport_injury", "present"),
    ("骑马的时候被甩下来", "high_speed_sport_injury", "present"),
    ("打橄榄球被人撞飞了", "high_speed_sport_injury", "present"),
    ("去滑雪了，回来腰有点酸", "high_speed_sport_injury", NOT),
    ("前天被人打了，后背被踢了好几脚", "assault", "present"),
    ("被我爸打了一顿，现在腰疼", "assault", "present"),
    ("跟人打架后腰疼", "assault", "present"),
    ("踢足球时腰侧被踢了一脚", "assault", NOT),
    ("没有被人打过，也没摔过", "assault", "absent"),
    ("疼了这么久，真的不想活了", "suicidal_thoughts", "present"),
    ("活着没意思，每天都很痛苦", "suicidal_thoughts", "present"),
    ("有时候想，睡着了就不要醒来", "suicidal_thoughts", "present"),
    ("我没有轻生的念头", "suicidal_thoughts", "absent"),
    ("从来没有过伤害自己的想法", "suicidal_thoughts", "absent"),
    ("我妈总说活着没意思", "suicidal_thoughts", "family"),
    ("我想自杀，已经攒了一瓶安眠药", "suicidal_intent", "present"),
    ("真的想死，想结束自己的生命", "suicidal_intent", "present"),
    ("我不想死，就是腰太疼了", "suicidal_intent", "absent"),
    ("没有想过自杀", "suicidal_intent", NOT),
    ("腰疼得想死", "suicidal_intent", NOT),
    ("如果一直这样疼我会不会想自杀", "suicidal_intent", "hypothetical"),
    ("昨晚又割腕了，还吞了一把安眠药", "self_harm", "present"),
    ("我有自残，用小刀划手臂", "self_harm", "present"),
    ("吃了一整瓶止痛药", "self_harm", "present"),
    ("不会伤害自己，放心", "self_harm", "absent"),
    ("以前割过腕，现在好了", "self_harm", NOT),
    ("吃了很多药都不管用", "self_harm", NOT),
    ("腰疼得难以忍受，钻心地疼", "severe_pain", "present"),
    ("主诉：突发腰痛3小时。", "sudden_onset", "present"),
    ("头昏，眼前一黑", "feeling_faint", "present"),
    ("发烧，冷得牙齿打颤", "chills_rigors", "present"),
    ("寒战高热，腰痛", "fever", "present"),
    ("不发烧，也没有寒战", "chills_rigors", "absent"),
    ("T 39.2℃，P 110次/分，R 24次/分，BP 86/52mmHg", "heart_rate", 110),
    ("T 39.2℃，P 110次/分，R 24次/分，BP 86/52mmHg", "respiratory_rate", 24),
    ("T 39.2℃，P 110次/分，R 24次/分，BP 86/52mmHg", "systolic_bp", 86),
    ("T 39.2℃，P 110次/分，R 24次/分，BP 86/52mmHg", "diastolic_bp", 52),
    ("T 39.2℃，P 110次/分，R 24次/分，BP 86/52mmHg", "temperature_c", 39.2),
    ("心率124次/分，律齐", "heart_rate", 124),
    ("脉搏一百二十，呼吸二十八次", "heart_rate", 120),
    ("脉搏一百二十，呼吸二十八次", "respiratory_rate", 28),
    ("HR 118 bpm", "heart_rate", 118),
    ("呼吸28次/分，口唇发绀", "respiratory_rate", 28),
    ("血氧饱和度90%", "oxygen_saturation", 90),
    ("家里血氧仪测的血氧只有88", "oxygen_saturation", 88),
    ("SpO2 91%（未吸氧）", "oxygen_saturation", 91),
    ("血压86/52mmHg", "systolic_bp", 86),
    ("血压86/52mmHg", "diastolic_bp", 52),
    ("量了血压，高压90低压60", "systolic_bp", 90),
    ("量了血压，高压90低压60", "diastolic_bp", 60),
    ("疼痛评分7分", "pain_score", 7),
    ("VAS 8分", "pain_score", 8),
    ("满分十分的话能打八分", "pain_score", 8),
    ("疼痛9/10", "pain_score", 9),
    ("腰疼得十分厉害", "pain_score", None),
    ("体温102.4°F", "temperature_c", 39.1),
    ("华氏101度", "temperature_c", 38.3),
    ("体温39.8℃", "temperature_c", 39.8),
    ("耳温38.6，一直发抖", "temperature_c", 38.6),
    ("我儿子8岁，腰疼了一个星期", "age", 8),
    ("女儿今年十二岁，最近老说背疼", "age", 12),
    ("我儿子两岁，天天抱他，我腰疼得厉害", "age", None),
    ("心跳一跳一跳的", "heart_rate", None),
    ("站不了太久，站半小时腰就酸", "cannot_stand_or_walk", NOT),
    ("疼得直冒冷汗", "shock_signs", NOT),
    ("疼得直冒冷汗", "severe_pain", "present"),
    ("吓出一身冷汗", "shock_signs", NOT),
    ("有青霉素过敏性休克史", "shock_signs", NOT),
    ("月经出血量多，一直流血不干净", "heavy_bleeding", NOT),
    ("货架上掉下来一个箱子砸到我", "fall_from_height", NOT),
    ("腰疼得不能平卧", "breathing_difficulty", NOT),
    ("尿憋得慌", "breathing_difficulty", NOT),
    ("气得脸色铁青", "shock_signs", NOT),
    ("被打了一针封闭", "assault", NOT),
    ("想死你了", "suicidal_intent", NOT),
    ("累得我想死", "suicidal_intent", NOT),
    ("会不会大出血？", "heavy_bleeding", "hypothetical"),
    ("去年被车撞过，腰一直不好", "road_traffic_collision", "historical"),
    ("我妈被车撞了，在医院", "road_traffic_collision", "family"),
    ("十分钟后有三分之一的疼", "pain_score", None),
    ("做了呼吸训练3次", "respiratory_rate", None),
    ("腿失去知觉了", "collapse", NOT),
    ("突然晕了一下", "collapse", NOT),
    ("把手压在腰下面睡觉", "crush_injury", NOT),
    ("查体：T:38.9℃，P:112次/分，R:22次/分，BP:90/60mmHg。", "heart_rate", 112),
    ("查体：T:38.9℃，P:112次/分，R:22次/分，BP:90/60mmHg。", "systolic_bp", 90),
    ("收缩压85mmHg，舒张压50mmHg", "systolic_bp", 85),
    ("收缩压85mmHg，舒张压50mmHg", "diastolic_bp", 50),
    ("心跳一分钟一百三十多下", "heart_rate", 130),
    ("疼得有8分", "pain_score", 8),
    ("NRS评分6分", "pain_score", 6),
    ("指脉氧92%，吸氧中", "oxygen_saturation", 92),
    ("患者意识不清，呼之不应", "reduced_consciousness", "present"),
    ("主诉：车祸致腰痛1天，神志清，GCS 15分。", "new_confusion", "absent"),
    ("主诉：车祸致腰痛1天，神志清，GCS 15分。", "road_traffic_collision", "present"),
    ("我儿子,10岁,打篮球回来说腰疼", "age", 10),
    ("我可能有点想不开，害怕自己会做傻事", "suicidal_thoughts", "present"),
    ("好像晕过去了几秒钟", "collapse", "uncertain"),
    # the 病历 and "还能走路" cues reach only their own words
    ("腰痛伴发热神志清楚", "new_confusion", NOT),
    ("腰痛伴发热神志清楚", "fever", "present"),
    ("能站起来腿有点麻", "leg_numbness", "present"),
    ("能自己下地走动了", "cannot_stand_or_walk", "absent"),
    ("患者神志清楚，呼吸平稳。", "breathing_difficulty", "absent"),
    ("VAS 8", "pain_score", 8),
    ("体温102.4F", "temperature_c", 39.1),
    # Issue 14, round 2: classes missed by other writers.
    # Pain bad enough to say 疼得厉害, to sweat or to cry; hedged (还能忍) or about a headache it is not.
    ("这两天后腰疼得厉害，晚上翻身都难", "severe_pain", "present"),
    ("搬完花盆腰疼得我直冒冷汗", "severe_pain", "present"),
    ("搬完花盆腰疼得我直冒冷汗", "shock_signs", NOT),
    ("主诉：腰痛剧烈伴活动受限半天。", "severe_pain", "present"),
    ("腰疼得厉害，不过还能忍", "severe_pain", NOT),
    ("头疼得厉害，腰只是有点酸", "severe_pain", NOT),
    ("腰疼八分，止痛药吃了也没用", "pain_score", 8),
    # Pale together with a sweat is shock, whichever comes first.
    ("突发腰背痛伴大汗、面色苍白。", "shock_signs", "present"),
    ("疼得直冒冷汗，脸色也发白了", "shock_signs", "present"),
    # Cannot keep still, said without 疼得 (病历), rolling about.
    ("右腰绞痛3小时，坐立不安，伴恶心。", "worst_pain_ever", "present"),
    ("疼得我在床上滚来滚去", "worst_pain_ever", "present"),
    ("还不至于坐立不安，能忍住", "worst_pain_ever", "absent"),
    # Sudden: "at once" before a jolt; not the moment of standing up.
    ("打了个喷嚏，腰一下子就闪了", "sudden_onset", "present"),
    ("从沙发上起身的一瞬间腰最疼", "sudden_onset", NOT),
    # Confusion in everyday words, slow to answer.
    ("我外婆这两天突然有点糊涂了", "new_confusion", "family"),
    ("今天人变得迷糊起来，喊他半天才答应", "new_confusion", "present"),
    # Pills saved up, the drug named first; wishing not to wake; a burden to the family.
    ("止痛药我偷偷攒了两瓶，准备一次吃掉", "suicidal_intent", "present"),
    ("我想结束这一切", "suicidal_intent", "present"),
    ("睡着了别再醒过来就好了", "suicidal_thoughts", "present"),
    ("觉得自己就是家里的拖累", "suicidal_thoughts", "present"),
    ("以前有过这种念头，现在没有轻生的想法", "suicidal_thoughts", "absent"),
    ("拿小刀划过自己的胳膊", "self_harm", "present"),
    # Mechanisms: pinned under a load; a fast fall on skis; a fall onto the bottom.
    ("货架倒下来压在他腰上，压了十几分钟", "crush_injury", "present"),
    ("单板滑雪摔了一跤，速度很快", "high_speed_sport_injury", "present"),
    ("从椅子上滑落至地面，臀部着地", "minor_trauma", "present"),
    ("两条腿突然走不动路了", "cannot_stand_or_walk", "present"),
    ("走不动太远，走一会就要歇", "cannot_stand_or_walk", NOT),
    ("住院病人，无法自行下床。", "cannot_stand_or_walk", "present"),
    ("血流不止，纱布都湿透了", "heavy_bleeding", "present"),
    # Vital signs said loosely.
    ("用血压计量了一下，85/50，手脚冰凉", "systolic_bp", 85),
    ("心跳一分钟一百一十几下", "heart_rate", 110),
    ("喘气有点急，说话费劲", "breathing_difficulty", "present"),
    ("人感觉发飘，站都站不稳", "feeling_faint", "present"),
    # Issue 14, round 2: everyday words, traditional characters and Cantonese.
    ("我婆婆发着烧，说话迷迷糊糊的", "new_confusion", "present"),
    ("她發燒以後，成日講嘢亂晒", "new_confusion", "present"),
    ("烧到三十九度，盖两床被子还在打冷颤", "chills_rigors", "present"),
    ("沒有發冷，也沒有寒顫。", "chills_rigors", "absent"),
    ("最近放个屁都会带出来一点大便", "bowel_incontinence", "present"),
    ("內褲上沾了大便，自己都沒發覺", "bowel_incontinence", "present"),
    ("腰正中间那里一按就疼", "spine_tender_to_touch", "present"),
    ("脊柱中間一敲就痛", "spine_tender_to_touch", "present"),
    ("腰椎棘突无叩痛。", "spine_tender_to_touch", "absent"),
    ("下午过马路被电动车撞飞出去两三米", "road_traffic_collision", "present"),
    ("揸電單車跣咗，撞到路邊", "road_traffic_collision", "present"),
    ("他从工地脚手架（两层楼高）坠落", "fall_from_height", "present"),
    ("去滑雪的时候从坡上摔下来，后腰着地", "high_speed_sport_injury", "present"),
    ("自诉有结束生命的计划", "suicidal_intent", "present"),
    ("家里的安眠药我偷偷攒了两瓶", "suicidal_intent", "present"),
    ("突发剧烈腰痛，出冷汗", "severe_pain", "present"),
    ("整个腰像断了一样", "severe_pain", "present"),
    ("他摔倒在地上就起不来了", "cannot_stand_or_walk", "present"),
    ("今朝起身企唔穩", "cannot_stand_or_walk", "present"),
    ("成晚屙唔出尿", "urinary_retention", "present"),
    ("尿也尿不干净，总觉得还有", "urinary_retention", "present"),
    ("屁股周圍冇麻，小便正常", "saddle_anaesthesia", NOT),
    ("大腿根到胯下都没感觉了", "saddle_anaesthesia", "present"),
]


# Tenths written after the unit (三十八度二, 38度5): lexicon.yaml's temperature patterns step
# aside for them, so the {num}度{num2} pattern of lexicon_danger.yaml reads them.
SHADOWED = [
    pytest.param("体温三十八度二", "temperature_c", 38.2),
    pytest.param("发烧38度5", "temperature_c", 38.5),
]


@pytest.mark.parametrize(("text", "finding", "expected"), ROWS + SHADOWED)
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
            "主诉：腰痛3小时，今晨晕厥1次。BP 80/45mmHg，HR 130次/分，SpO2 90%。",
            {"collapse": True, "systolic_bp": 80},
        ),
        ("否认晕厥，无意识障碍，呼吸平稳。", {"collapse": False, "new_confusion": False}),
        ("我不想活了，想自杀", {"suicidal_thoughts": True, "suicidal_intent": True}),
        ("10年前出过车祸，最近腰疼", {}),
    ],
)
def test_read_text_gives_the_engine_these_findings(
    kb: KnowledgeBase, text: str, expected: dict[str, object]
) -> None:
    reading = read_text(text, kb=kb, packs={"zh": load_pack("zh")}, lang="zh")
    for finding, value in expected.items():
        assert reading.findings.get(finding) == value, reading.findings
    if not expected:
        assert "road_traffic_collision" not in reading.findings, reading.findings
