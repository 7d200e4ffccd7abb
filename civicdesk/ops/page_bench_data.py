"""Synthetic data for `civicdesk bench-pages`: the dashboard benchmark's cases
(`dashboard.synthetic`: two years, growth, weekly rhythm, events, ratings), then what the working
pages need on top — written once, in a few set-based statements, so a million rows take minutes:

- every case gets its public (masked) texts and a reporter; finished cases an approved public answer;
- open cases of the handling agencies get an assignee (the agency's officer);
- a triage queue: one open case in 40 of the last two weeks waits for a person, without an agency;
- an approval queue: one in-progress case in 12 has a submitted answer waiting for the lead.

`prepared()` tells whether the extras are there; `prepare()` is safe to run again (it only fills what
is missing)."""

from django.db import connection, transaction

from civicdesk.accounts.models import Role, User
from civicdesk.answers.models import Answer
from civicdesk.petitions.models import Case, Status

MARK = "bench-pages"


def prepared() -> bool:
    return Answer.objects.filter(review_note=MARK).exists()


def prepare(progress=None) -> None:  # type: ignore[no-untyped-def]
    say = progress or (lambda text: None)
    author = _author()
    with transaction.atomic(), connection.cursor() as cursor:
        # A GIN index updated row by row made the first UPDATE take most of the load; built anew at the end.
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'petitions_case'"
                       " AND indexdef LIKE '%%USING gin%%'")
        gin_indexes = cursor.fetchall()
        for name, _definition in gin_indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            """UPDATE petitions_case SET
                   public_title = title, public_content = content,
                   reporter_name = 'Người dân ' || (id %% 9973),
                   reporter_phone = '09' || lpad((id %% 100000000)::text, 8, '0'),
                   hide_identity = (id %% 5 = 0),
                   is_public = status IN (%s, %s),
                   assignee_id = CASE WHEN status IN (%s, %s)
                       THEN (SELECT u.id FROM accounts_user u
                             WHERE u.username = 'bench.canbo.' || petitions_case.agency_id) END
               WHERE public_title = ''""",
            [Status.ANSWERED, Status.CLOSED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL])
        say(f"  public texts, reporters, assignees: {cursor.rowcount:,} cases")
        cursor.execute(
            """INSERT INTO answers_answer (case_id, author_id, body, public_body, state, approved_by_id,
                                           approved_at, review_note, created_at, updated_at, letter_file)
               SELECT c.id, %s, 'Đơn vị đã kiểm tra và xử lý nội dung phản ánh số ' || c.id || '.',
                      'Đơn vị đã kiểm tra và xử lý nội dung phản ánh số ' || c.id || '.', %s, %s,
                      c.answered_at, %s, c.answered_at, c.answered_at, ''
               FROM petitions_case c
               WHERE c.status IN (%s, %s) AND c.answered_at IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM answers_answer a WHERE a.case_id = c.id)""",
            [author.id, Answer.State.APPROVED, author.id, MARK, Status.ANSWERED, Status.CLOSED])
        say(f"  approved answers: {cursor.rowcount:,}")
        cursor.execute(
            """UPDATE petitions_case SET status = %s, agency_id = NULL, assignee_id = NULL, due_at = NULL,
                   routing_confidence = 0.4, category_confirmed = false
               WHERE status IN (%s, %s) AND id %% 40 = 0 AND created_at > now() - interval '14 days'""",
            [Status.TRIAGE, Status.ASSIGNED, Status.IN_PROGRESS])
        say(f"  triage queue: {cursor.rowcount:,} cases")
        cursor.execute(
            """WITH waiting AS (
                   UPDATE petitions_case SET status = %s
                   WHERE status = %s AND id %% 12 = 0 AND assignee_id IS NOT NULL
                   RETURNING id, assignee_id, updated_at)
               INSERT INTO answers_answer (case_id, author_id, body, public_body, state, review_note,
                                           created_at, updated_at, letter_file)
               SELECT id, assignee_id, 'Trả lời dự thảo cho phản ánh số ' || id || '.', '', %s, %s,
                      updated_at, updated_at, '' FROM waiting""",
            [Status.AWAITING_APPROVAL, Status.IN_PROGRESS, Answer.State.SUBMITTED, MARK])
        say(f"  answers awaiting approval: {cursor.rowcount:,}")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred foreign-key checks first: then the table may be indexed
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _name, definition in gin_indexes:
            cursor.execute(definition)
        say(f"  {len(gin_indexes)} GIN indexes built anew")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE petitions_case")
        cursor.execute("VACUUM ANALYZE answers_answer")


def _author() -> User:
    user, _created = User.objects.get_or_create(username="bench.lanhdao.answers", defaults={"role": Role.SUPERVISOR})
    return user


def sample_codes() -> dict[str, list[str]]:
    """Tracking codes the benchmark acts on or opens: triage cases for the routing action, cases with
    an answer awaiting approval (newest first), and a public answered case."""
    return {
        "triage": list(Case.objects.filter(status=Status.TRIAGE).order_by("-id")
                       .values_list("tracking_code", flat=True)[:200]),
        "awaiting": list(Case.objects.filter(status=Status.AWAITING_APPROVAL, answers__state=Answer.State.SUBMITTED)
                         .order_by("-id").values_list("tracking_code", flat=True)[:200]),
    }
