"""Search terms per language, the same for passages and questions, so that they meet.

SQLite's FTS5 ``unicode61`` tokenizer splits on spaces and punctuation only: it cannot segment
Chinese, fold Arabic letter variants or strip English endings. So the text is turned into terms
here first, and FTS5 indexes the space-separated result.

- ``en``: lower-cased words without stop words, with a tiny suffix strip (s, ies, ing, ed), so
  "hurts" and "hurt", "staying" and "stay" meet. Not a stemmer: just enough for questions.
- ``ar``: tashkeel and tatweel stripped (pyarabic), alef forms, hamza carriers, teh marbuta and
  alef maksura folded; each word also yields its form without the definite article (السرير ->
  سرير, with و ف ب ك ل before it), without one pronoun suffix (ظهري, ظهرك -> ظهر), without a
  present-tense prefix (أبقى, يبقى -> بقي), and a synonym from a very short list (سرير -> فراش).
- ``zh``: jieba's precise segmentation plus its in-dictionary two- and three-character sub-words
  (as ``cut_for_search`` does), so 卧床休息 also yields 卧床 and 休息; stop characters dropped.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import TYPE_CHECKING

from pyarabic import araby

from backcheck.engine.case import Lang

if TYPE_CHECKING:
    import jieba

# ---------------------------------------------------------------------------------------- English
_EN_WORD = re.compile(r"[^\W_]+")
#: Lower-cased, apostrophes dropped ("don't" -> "dont").
ENGLISH_STOP_WORDS = frozenset(
    [
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "dont", "doesnt", "didnt", "down", "during", "each", "few", "for", "from", "had",
        "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "im", "in",
        "into", "is", "isnt", "it", "its", "ive", "just", "me", "more", "most", "must", "my", "no",
        "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "youre", "cant", "wont", "whats", "thats",
    ]
)  # fmt: skip
# Consonant pairs that an "-ing"/"-ed" ending doubles: sitting -> sitt -> sit, stopped -> stop.
_DOUBLED = re.compile(r"([bdfgmnprt])\1$")


def _undouble(stem: str) -> str:
    return _DOUBLED.sub(r"\1", stem) if len(stem) >= 4 else stem


def _en_stem(word: str) -> str:
    """Strip one common ending; both sides of a search get the same cut, so it need not be a word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return _undouble(word[:-3])
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return _undouble(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _en_groups(text: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    text = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("\u2019", "")
    for word in _EN_WORD.findall(text):
        if word in ENGLISH_STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        out.append((_en_stem(word),))
    return out


# ----------------------------------------------------------------------------------------- Arabic
# The same folding as backcheck.language.normalise, so a word is spelt one way however it is typed.
_AR_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic (Persian) digits
    }
)  # fmt: skip
_AR_WORD = re.compile(r"[^\W_]+")
# Stop words, written folded (على -> علي, إلى -> الي, أن -> ان).
_AR_STOP = frozenset(
    [
        "في", "من", "علي", "الي", "عن", "و", "ان", "او", "ام", "ثم", "هل", "ما", "ماذا", "لا", "لم",
        "لن", "يا", "هذا", "هذه", "ذلك", "تلك", "هناك", "هنا", "كان", "كانت", "يكون", "تكون", "اذا",
        "لو", "قد", "مع", "كل", "بعد", "قبل", "عند", "الذي", "التي", "الذين", "هو", "هي", "انا",
        "انت", "انتم", "نحن", "هم", "كيف", "متي", "اين", "لماذا", "اي", "ايضا", "حتي", "لكن", "بل",
        "به", "بها", "له", "لها", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "ومن", "وما", "ولا",
        "وهو", "وهي", "يجب", "ينبغي", "يمكن", "ممكن",
    ]
)  # fmt: skip
_AR_ARTICLE = ("وال", "فال", "بال", "كال", "ال")  # longest first
_AR_SUFFIXES = ("كما", "هما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ي", "ك", "ه")  # longest first
_AR_VERB_PREFIXES = ("ا", "ي", "ت", "ن")  # present tense: ابقي, يبقي, تبقي, نبقي -> بقي
# Words for one thing that the knowledge base and people use interchangeably; each yields the
# first as well, so either finds the other. Kept to a few plain pairs, written folded.
_AR_SYNONYMS = {"سرير": "فراش"}


def _ar_variants(word: str) -> tuple[str, ...]:
    """The word; without its article (or لل, or و); without one pronoun suffix; without a
    present-tense prefix; and its synonym. Extra variants that are not words are harmless: they
    only meet the same cut of another word."""
    variants = [word]
    bare = word
    for prefix in _AR_ARTICLE:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            bare = word[len(prefix) :]
            break
    else:
        if word.startswith("لل") and len(word) >= 5:  # للظهر = ل + الظهر
            bare = word[2:]
        elif word.startswith("و") and len(word) >= 5:  # conjunction: ومشي -> مشي
            bare = word[1:]
    variants.append(bare)
    stem = bare
    for suffix in _AR_SUFFIXES:
        if bare.endswith(suffix) and len(bare) - len(suffix) >= 3:
            stem = bare[: -len(suffix)]
            break
    variants.append(stem)
    variants.extend(v[1:] for v in (bare, stem) if len(v) >= 4 and v.startswith(_AR_VERB_PREFIXES))
    variants.extend(_AR_SYNONYMS[v] for v in list(variants) if v in _AR_SYNONYMS)
    return tuple(dict.fromkeys(variants))


def _ar_groups(text: str) -> list[tuple[str, ...]]:
    text = araby.strip_tashkeel(araby.strip_tatweel(unicodedata.normalize("NFKC", text)))
    # Quranic marks and rarer harakat beyond pyarabic's list.
    text = re.sub("[\u0653-\u065f\u0670\u06d6-\u06ed]", "", text).translate(_AR_FOLD).lower()
    out: list[tuple[str, ...]] = []
    for word in _AR_WORD.findall(text):
        if word in _AR_STOP or len(word) == 1:
            continue
        out.append(_ar_variants(word) if not word.isascii() else (word,))
    return out


# ---------------------------------------------------------------------------------------- Chinese
# Single characters (a string of them) and common function words.
_ZH_STOP_CHARS = "的了是吗我你他她它要在吧呢啊呀嘛和与及也就都着会得地而或把被让很又还这那"
_ZH_STOP = frozenset(_ZH_STOP_CHARS + "有么个之其为以于对但并则即") | frozenset(
    [
        "我们", "你们", "他们", "什么", "怎么", "怎样", "如何", "可以", "应该", "需要",
        "是否", "哪里", "为什么", "这个", "那个", "一个", "如果", "因为", "所以", "但是",
        "还是", "就是", "请问", "怎么办", "怎么样",
    ]
)  # fmt: skip
_tokenizer: jieba.Tokenizer | None = None
_tokenizer_lock = threading.Lock()


def _jieba() -> jieba.Tokenizer:
    """One tokenizer of our own (not jieba's global one), built on first use (about a second)."""
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            import jieba  # on use: slow to import, and only Chinese needs it

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _tokenizer = tokenizer
        return _tokenizer


def _zh_groups(text: str) -> list[tuple[str, ...]]:
    tokenizer = _jieba()
    text = unicodedata.normalize("NFKC", text).lower()  # full-width letters and digits -> ASCII
    out: list[tuple[str, ...]] = []
    for word in tokenizer.cut(text, HMM=True):
        word = word.strip()
        if len(word) == 1 and word.isascii() and not word.isdigit():
            continue  # a stray Latin letter ("x" of "x光", "c" of "℃")
        if not word or not word.isalnum() or word in _ZH_STOP:
            if word and not word.isalnum():  # a mixed token such as "covid-19": keep its runs
                out.extend((part,) for part in _EN_WORD.findall(word) if len(part) > 1)
            continue
        subwords = [
            word[i : i + n]
            for n in (2, 3)
            if len(word) > n
            for i in range(len(word) - n + 1)
            if tokenizer.FREQ.get(word[i : i + n])
        ]
        out.append(tuple(dict.fromkeys([*subwords, word])))
    return out


def term_groups(text: str, lang: Lang) -> list[tuple[str, ...]]:
    """The text's words in order, each as the tuple of search terms it yields (variants of one word).

    ``ask`` uses the grouping to tell how much of a question a passage answers: a word counts as
    found when any of its variants is.
    """
    if lang == "en":
        return _en_groups(text)
    if lang == "ar":
        return _ar_groups(text)
    if lang == "zh":
        return _zh_groups(text)
    raise ValueError(f"no search terms for language {lang!r}")


def index_terms(text: str, lang: Lang) -> str:
    """Space-separated, lower-cased search terms of ``text`` (see the module docstring).

    Every term is a run of letters and digits, so FTS5 reads each as exactly one token.

    Example:
        >>> index_terms("My back hurts when I'm staying in bed", "en")
        'back hurt stay bed'
    """
    return " ".join(term for group in term_groups(text, lang) for term in group)
