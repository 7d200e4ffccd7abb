"""What the router decides for a new case: category, ward, agency, priority hint, confidence.

This is the single entry point intake calls; the language work behind it lives in this app:
`classifier` (category), `address` (ward), `priority` (urgent hint), and the routing table of
`organisation` (agency). Low confidence goes to a person (triage), never silently to a guess."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from civicdesk.lib.refcache import RefCache
from civicdesk.organisation.lookup import ward_by_code
from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.organisation.routing_table import agency_for
from civicdesk.petitions.categories import active_categories, active_category
from civicdesk.petitions.models import Case, Category
from civicdesk.routing import address, classifier, duplicate_search, legal, priority, thresholds


@dataclass
class RoutingDecision:
    category: Category | None = None
    category_confidence: float = 0.0
    category_confirmed: bool = False
    ward: AdminUnit | None = None
    ward_confidence: float = 0.0
    agency: Agency | None = None
    urgent_hint: bool = False
    # "complaint" / "denunciation" read in the text: a person decides (always triage)
    legal_hint: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_triage(self) -> bool:
        threshold = confidence_threshold()
        return (self.agency is None or self.category is None or self.category_confidence < threshold
                or bool(self.legal_hint))


def confidence_threshold() -> float:
    return thresholds.confidence()


def decide(case: Case) -> RoutingDecision:
    """Decide where a new (unsaved) case goes. A category chosen by the citizen or an operator is
    taken as given; otherwise the classifier proposes one with its confidence. The case's content
    words are set for the duplicate search, which runs once the case is stored
    (`duplicate_search.record_for`): where the case goes does not depend on it."""
    decision = RoutingDecision(ward=case.ward, ward_confidence=1.0 if case.ward_id else 0.0)
    text = classifier.message_text(case.title, case.content)
    if case.category_id:
        decision.category = case.category
        decision.category_confidence = 1.0
        decision.category_confirmed = case.category_confirmed
    else:
        _classify(text, decision)
    if not case.ward_id:
        _locate(case, decision)
    reasons = priority.urgent_reasons(text)
    if reasons:
        decision.urgent_hint = True
        decision.reasons += [_("Có dấu hiệu khẩn: %(reason)s") % {"reason": _(r)} for r in reasons]
    decision.legal_hint = legal.legal_hint(text)
    if decision.legal_hint == "complaint":
        decision.reasons.append(_("Có dấu hiệu khiếu nại: cần người xác định"))
    elif decision.legal_hint == "denunciation":
        decision.reasons.append(_("Có dấu hiệu tố cáo: cần người xác định, giữ bí mật người gửi"))
    decision.agency = agency_for(decision.category.pk if decision.category else None, decision.ward)
    if decision.category and decision.agency is None:
        decision.reasons.append(_("Bảng phân công chưa có đơn vị cho lĩnh vực và địa bàn này"))
    case.match_terms = duplicate_search.match_terms(case.title, case.content)
    return decision


@dataclass
class Suggestion:
    """What the triage queue proposes for a case waiting for a person."""

    category: Category | None = None
    agency: Agency | None = None
    confidence: float | None = None


def suggest(case: Case) -> Suggestion:
    """The category the router gave the case (or, when it has none — a bulk import, a category
    since deactivated, a case sent back — the classifier's guess now) and the agency the routing
    table names for it in the case's ward."""
    category = case.category if case.category is not None and case.category.is_active else None
    confidence = case.routing_confidence if category is not None else None
    if category is None:
        decision = RoutingDecision()
        _classify(classifier.message_text(case.title, case.content), decision)
        category = decision.category
        confidence = decision.category_confidence if category is not None else None
    agency = agency_for(category.pk, case.ward) if category is not None else None
    return Suggestion(category, agency, confidence)


def classify_text(text: str) -> tuple[Category | None, float]:
    """The category the router would give a text alone, and its confidence."""
    decision = RoutingDecision()
    _classify(text, decision)
    return decision.category, decision.category_confidence


def _classify(text: str, decision: RoutingDecision) -> None:
    model = classifier.current_model(settings.MODEL_DIR)
    if model is not None:
        code, confidence = model.predict(text)
        how = _("mô hình phân loại")
        newer = _newer_category(text, model)
        if newer is not None:
            code, confidence = newer
            how = _("từ khóa của lĩnh vực mới, chưa có trong mô hình")
    else:
        code, confidence = keyword_classifier().predict(text)
        how = _("từ khóa của lĩnh vực")
    category = active_category(code)
    if category is None:
        decision.reasons.append(_("Chưa xác định được lĩnh vực"))
        return
    decision.category, decision.category_confidence = category, confidence
    decision.reasons.append(
        _("Lĩnh vực %(name)s (%(how)s, độ tin cậy %(confidence).2f)")
        % {"name": category.name, "how": how, "confidence": confidence}
    )
    if confidence < confidence_threshold():
        decision.reasons.append(_("Độ tin cậy thấp: cần người phân loại"))


def _newer_category(text: str, model: classifier.CategoryClassifier) -> tuple[str, float] | None:
    """A category added after the model was trained is unknown to it until the next training; when
    its keywords are what the message matches best, they decide."""
    known = set(model.classes)
    if all(c.code in known for c in active_categories()):
        return None
    code, confidence = keyword_classifier().predict(text)
    if code is None or code in known:
        return None
    return code, confidence


def _locate(case: Case, decision: RoutingDecision) -> None:
    province = settings.ROUTING_PROVINCE_CODE
    match = address.WardMatch(None, 0.0)
    if case.address_text:
        match = address.resolve(case.address_text, province)
    if match.code is None and case.lat is not None and case.lon is not None:
        match = address.nearest_ward(case.lat, case.lon, province)
    if match.code is None:
        return
    ward = ward_by_code(match.code)
    if ward is None:
        return
    decision.ward, decision.ward_confidence = ward, match.confidence
    decision.reasons.append(
        _("Địa bàn %(ward)s (độ tin cậy %(confidence).2f)") % {"ward": ward.name, "confidence": match.confidence}
    )


def _build_keyword_classifier() -> classifier.KeywordClassifier:
    return classifier.KeywordClassifier([
        classifier.CategoryKeywords.from_fields(c.code, c.name, c.scope, c.keywords)
        for c in sorted(active_categories(), key=lambda c: c.code)
    ])


_keywords = RefCache("keyword classifier", _build_keyword_classifier, depends_on=["petitions.Category"])


def keyword_classifier() -> classifier.KeywordClassifier:
    """The no-history classifier over the active categories, rebuilt when they change."""
    return _keywords.get()
