"""Vietnamese text as people really type it, made comparable.

`normalise()` gives lower-case NFC text with one tone-mark placement, emoji and letter repeats
removed and phone shorthand expanded ("ko dc" → "không được"); `fold()` removes the diacritics
("đường bị ngập" → "duong bi ngap") so that text typed without them meets text typed with them;
`segment()` joins the syllables of a word with pyvi ("xe_máy"). Pure Python and regular
expressions, except `segment()`, which imports pyvi (and with it scikit-learn) on first use."""

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining)

# "hoà"/"hòa", "thuý"/"thúy", "uỷ"/"ủy": in an open syllable oa/oe/uy the tone sits on the first
# vowel in the old style and on the second in the new; both appear in real text. We keep the
# old style (the one most keyboards still produce). "quý" is left alone: "qu" is a consonant.
_NEW_STYLE_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([aAeEyY])([{TONE_MARKS}])(?![\w\u0300-\u036f])"
)

_EMOJI_AND_SYMBOLS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3\U000e0020-\U000e007f]"
)
_REPEATED_LETTER = re.compile(r"([^\W\d_])\1{2,}")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[\w]+(?:[./][\w]+)*\.?|[^\w\s]", re.UNICODE)

# Shorthand typed in messages and addresses, keyed by the lower-case token as typed.
# Only unambiguous ones: "ca" (công an / cá / cả) is expanded only when typed "CA".
SHORTHAND = {
    "ko": "không", "k": "không", "kh": "không", "khg": "không", "kg": "không", "hok": "không",
    "hông": "không", "khong": "không", "kô": "không",
    "dc": "được", "đc": "được", "dk": "được", "đk": "được", "duoc": "được",
    "bn": "bao nhiêu", "j": "gì", "r": "rồi", "vs": "với", "ng": "người",
    "ntn": "như thế nào", "mn": "mọi người", "nc": "nước", "ns": "nói", "bik": "biết",
    "wa": "quá", "qua'": "quá", "cx": "cũng", "cg": "cũng", "lm": "làm", "trc": "trước",
    "h": "giờ", "sdt": "số điện thoại", "sđt": "số điện thoại", "đt": "điện thoại", "dt": "điện thoại",
    "tp": "thành phố", "tp.": "thành phố", "tphcm": "thành phố hồ chí minh", "tp.hcm": "thành phố hồ chí minh",
    "hcm": "hồ chí minh", "sg": "sài gòn", "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân",
    "ca.": "công an", "csgt": "cảnh sát giao thông", "cstt": "cảnh sát trật tự", "pccc": "phòng cháy chữa cháy",
    "bv": "bệnh viện", "bhyt": "bảo hiểm y tế", "bhxh": "bảo hiểm xã hội", "bhtn": "bảo hiểm thất nghiệp",
    "cccd": "căn cước công dân", "cmnd": "chứng minh nhân dân", "gplx": "giấy phép lái xe",
    "gpxd": "giấy phép xây dựng", "qsdđ": "quyền sử dụng đất", "qsdd": "quyền sử dụng đất",
    "gcn": "giấy chứng nhận", "attp": "an toàn thực phẩm", "atgt": "an toàn giao thông",
    "thcs": "trung học cơ sở", "thpt": "trung học phổ thông", "cty": "công ty",
    "kp": "khu phố",
    "p.": "phường", "q.": "quận", "h.": "huyện", "x.": "xã", "tx.": "thị xã", "tt.": "thị trấn",
    "đ.": "đường", "d.": "đường", "kdc": "khu dân cư", "kcn": "khu công nghiệp", "ccn": "cụm công nghiệp",
    "tdp": "tổ dân phố", "vp": "văn phòng", "xl": "xin lỗi", "tks": "cảm ơn", "thanks": "cảm ơn",
    "hs": "học sinh", "gv": "giáo viên", "sv": "sinh viên", "bs": "bác sĩ", "nv": "nhân viên",
    "xm": "xe máy", "oto": "ô tô", "đh": "đại học", "ktx": "ký túc xá",
}
_PREFIXES = {"p.", "q.", "h.", "x.", "tp.", "tt.", "tx.", "đ."}
UPPERCASE_ONLY = {"CA": "công an", "TT": "thị trấn", "TX": "thị xã", "P": "phường", "Q": "quận"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical_tones(text: str) -> str:
    """One tone-mark placement for oa/oe/uy: "hoà" → "hòa", "thuý" → "thúy"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE_TONE.sub(r"\1\3\2", decomposed))


@lru_cache(maxsize=4096)
def strip_diacritics(text: str) -> str:
    """Vietnamese without its marks, case kept: "Đường Lê Lợi" → "Duong Le Loi"."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Lower case without diacritics: "Đường Lê Lợi" → "duong le loi"."""
    return strip_diacritics(text.lower())


def strip_emoji(text: str) -> str:
    return _EMOJI_AND_SYMBOLS.sub(" ", text)


def squeeze_repeats(text: str) -> str:
    """"nguyyyy hiểmmmm" → "nguy hiểm": a letter three or more times in a row is typed emphasis."""
    return _REPEATED_LETTER.sub(r"\1", text)


def expand_shorthand(text: str) -> str:
    out = []
    for token in _TOKEN.findall(text):
        if token in UPPERCASE_ONLY:
            out.append(UPPERCASE_ONLY[token])
            continue
        lower = token.lower()
        if lower in SHORTHAND:
            out.append(SHORTHAND[lower])
        elif "." in lower and lower.partition(".")[0] + "." in _PREFIXES and lower.partition(".")[2]:
            # "P.9", "Q.Bình", "TT.Dầu" written without a space after the dot
            head, _, rest = lower.partition(".")
            out.append(f"{SHORTHAND[head + '.']} {rest}".strip())
        elif re.fullmatch(r"[pq]\d{1,2}", lower):
            out.append(f"{'phường' if lower[0] == 'p' else 'quận'} {lower[1:]}")
        else:
            out.append(lower)
    return " ".join(out)


def normalise(text: str) -> str:
    """Lower-case NFC text with one tone placement, no emoji, no letter repeats, shorthand expanded."""
    text = canonical_tones(nfc(text or ""))
    text = squeeze_repeats(strip_emoji(text))
    return _SPACES.sub(" ", expand_shorthand(text)).strip()


def segment(text: str) -> str:
    """Word segmentation ("xe máy" → "xe_máy") with pyvi's offline CRF model.

    Imports pyvi, which imports scikit-learn: call it only where those are already needed."""
    from pyvi import ViTokenizer

    return ViTokenizer.tokenize(text)
