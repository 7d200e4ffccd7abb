"""Pre-computed figures the operations dashboard reads instead of scanning every case and event.

`CaseFact` is one narrow row per case with what the dashboard measures (when it was received and
finished, whether on time, time to first response and to answer, reopened, rating). `DailyFigure`
sums those rows per local day × category × agency × ward × channel. Both are derived data: they are
rewritten from the cases by `civicdesk.dashboard.facts` whenever a case, its events or its ratings
change (signals), and in full by `civicdesk rebuild-dashboard`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def _dimension(model: str) -> models.ForeignKey:
    # No database constraint: facts are derived rows, rebuilt at will, and must never block a delete.
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )


SUM_FIELDS = ("received", "resolved", "resolved_on_time", "resolved_late", "rejected", "reopened", "rated",
              "rating_sum")


class CaseFact(models.Model):
    case = models.OneToOneField(
        "petitions.Case", primary_key=True, on_delete=models.CASCADE, related_name="dashboard_fact"
    )
    created_at = models.DateTimeField()
    created_on = models.DateField(help_text="local (Asia/Ho_Chi_Minh) day the case was received")
    category = _dimension("petitions.Category")
    agency = _dimension("organisation.Agency")
    ward = _dimension("organisation.AdminUnit")
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=20)
    is_open = models.BooleanField()
    due_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True, help_text="answered or closed")
    finished_on = models.DateField(null=True, blank=True)
    rejected_on = models.DateField(null=True, blank=True)
    on_time = models.BooleanField(null=True, help_text="finished no later than due_at; empty without a due date")
    first_response_seconds = models.PositiveIntegerField(null=True, blank=True)
    answer_seconds = models.PositiveIntegerField(null=True, blank=True)
    reopened = models.BooleanField(default=False)
    rating = models.PositiveSmallIntegerField(null=True, blank=True, help_text="the latest rating, 1–5")
    duplicate = models.BooleanField(
        default=False, help_text="merged into another case: not a new problem, left out of `received`")

    class Meta:
        verbose_name = _("số liệu hồ sơ")
        verbose_name_plural = _("số liệu hồ sơ")
        indexes = [
            # covering index: the medians of a period are read from the index alone (no table visits)
            models.Index(fields=["created_on", "agency", "ward", "category", "first_response_seconds",
                                 "answer_seconds"], name="dash_fact_cohort"),
            models.Index(fields=["finished_on", "agency"], name="dash_fact_finished_agency"),
            models.Index(fields=["agency", "created_on"], name="dash_fact_agency_created"),
            models.Index(fields=["ward", "created_on"], name="dash_fact_ward_created"),
            # "overdue now" and backlog: small partial indexes over the open cases only
            models.Index(fields=["due_at"], condition=models.Q(is_open=True), name="dash_fact_open_due"),
            models.Index(fields=["agency", "due_at"], condition=models.Q(is_open=True),
                         name="dash_fact_open_agency_due"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_on}"


class Counters(models.Model):
    """`received`, `reopened`, `rated` and `rating_sum` count cases *received* that day (the cohort),
    merged duplicates left out (they are no new problem);
    `resolved`, `resolved_on_time`, `resolved_late` count cases *finished* that day and `rejected`
    cases rejected that day."""

    day = models.DateField()
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_on_time = models.PositiveIntegerField(default=0)
    resolved_late = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyFigure(Counters):
    """Counts for one local day × category × agency × ward × channel: read when a ward is involved
    together with a unit or a category."""

    category = _dimension("petitions.Category")
    agency = _dimension("organisation.Agency")
    ward = _dimension("organisation.AdminUnit")
    channel = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("số liệu theo ngày")
        verbose_name_plural = _("số liệu theo ngày")
        indexes = [
            models.Index(fields=["day", "agency"], name="dash_daily_day_agency"),
            models.Index(fields=["agency", "day"], name="dash_daily_agency_day"),
            models.Index(fields=["ward", "day"], name="dash_daily_ward_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} c{self.category_id} a{self.agency_id} w{self.ward_id} {self.channel}"


class DailyUnitFigure(Counters):
    """The same counts without the ward (day × category × agency × channel): a city has a few hundred
    of these a day instead of one per case, so long periods stay fast when no ward is chosen."""

    category = _dimension("petitions.Category")
    agency = _dimension("organisation.Agency")
    channel = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("số liệu theo ngày và đơn vị")
        verbose_name_plural = _("số liệu theo ngày và đơn vị")
        indexes = [
            models.Index(fields=["day", "agency"], name="dash_unit_day_agency"),
            models.Index(fields=["agency", "day"], name="dash_unit_agency_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} c{self.category_id} a{self.agency_id} {self.channel}"


class DailyWardFigure(Counters):
    """The same counts per day × ward only: the breakdown by ward and a ward filter without a unit
    or category read this."""

    ward = _dimension("organisation.AdminUnit")

    class Meta:
        verbose_name = _("số liệu theo ngày và phường, xã")
        verbose_name_plural = _("số liệu theo ngày và phường, xã")
        indexes = [
            models.Index(fields=["day", "ward"], name="dash_ward_day_ward"),
            models.Index(fields=["ward", "day"], name="dash_ward_ward_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} w{self.ward_id}"
