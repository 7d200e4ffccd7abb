"""A small IMAP4rev1 server on loopback (RFC 3501, the subset a helpdesk poller uses): CAPABILITY,
LOGIN, SELECT, UID SEARCH UNSEEN|ALL, UID FETCH … (BODY.PEEK[] | RFC822 | FLAGS), UID STORE … +FLAGS,
NOOP, LOGOUT. One mailbox, INBOX. Mail reaches it as it reaches a city's mailbox: over SMTP
(an aiosmtpd server in front of it, `Mailbox.smtp_port`)."""

import re
import socketserver
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from tests.notifications.smtp import free_port

USER, PASSWORD = "phananh@1022.example.vn", "mat-khau-hop-thu"


@dataclass
class Stored:
    uid: int
    raw: bytes
    flags: set[str] = field(default_factory=set)


@dataclass
class Mailbox:
    messages: list[Stored] = field(default_factory=list)
    next_uid: int = 1
    port: int = 0
    smtp_port: int = 0
    logins: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def append(self, raw: bytes) -> Stored:
        with self.lock:
            stored = Stored(uid=self.next_uid, raw=raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
            self.next_uid += 1
            self.messages.append(stored)
            return stored

    def unseen(self) -> list[Stored]:
        return [m for m in self.messages if "\\Seen" not in m.flags]


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\([^)]*\))|(\S+)')


def _tokens(text: str) -> list[str]:
    return [m.group(1) if m.group(1) is not None else (m.group(2) or m.group(3)) for m in _TOKEN.finditer(text)]


def _uid_set(spec: str, messages: list[Stored]) -> list[Stored]:
    wanted: set[int] = set()
    for part in spec.split(","):
        if ":" in part:
            low, high = part.split(":")
            top = max((m.uid for m in messages), default=0)
            wanted.update(range(int(low), (top if high == "*" else int(high)) + 1))
        else:
            wanted.add(int(part))
    return [m for m in messages if m.uid in wanted]


class _Handler(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def send(self, line: str | bytes) -> None:
        self.wfile.write(line if isinstance(line, bytes) else line.encode() + b"\r\n")

    def handle(self) -> None:
        box = self.server.mailbox  # type: ignore[attr-defined]
        authenticated = selected = False
        self.send("* OK [CAPABILITY IMAP4rev1] civicdesk test IMAP ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode("utf-8", "replace").rstrip("\r\n").partition(" ")
            words = _tokens(rest)
            command = words[0].upper() if words else ""
            args = words[1:]
            if command == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1")
                self.send(f"{tag} OK CAPABILITY completed")
            elif command == "NOOP":
                self.send(f"{tag} OK NOOP completed")
            elif command == "LOGOUT":
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            elif command == "LOGIN":
                if args[:2] == [USER, PASSWORD]:
                    authenticated = True
                    box.logins += 1
                    self.send(f"{tag} OK LOGIN completed")
                else:
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials")
            elif not authenticated:
                self.send(f"{tag} BAD log in first")
            elif command == "SELECT":
                if args and args[0].upper() == "INBOX":
                    selected = True
                    with box.lock:
                        self.send(f"* {len(box.messages)} EXISTS")
                        self.send("* 0 RECENT")
                        self.send("* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)")
                        self.send(f"* OK [UIDVALIDITY 1] UIDs valid\r\n* OK [UIDNEXT {box.next_uid}] next")
                    self.send(f"{tag} OK [READ-WRITE] SELECT completed")
                else:
                    self.send(f"{tag} NO no such mailbox")
            elif not selected:
                self.send(f"{tag} BAD select a mailbox first")
            elif command == "UID" and args:
                self.uid_command(tag, args[0].upper(), args[1:], box)
            else:
                self.send(f"{tag} BAD unknown command")

    def uid_command(self, tag: str, command: str, args: list[str], box: Mailbox) -> None:
        with box.lock:
            messages = list(box.messages)
        if command == "SEARCH":
            key = " ".join(args).upper()
            found = box.unseen() if key == "UNSEEN" else messages if key == "ALL" else None
            if found is None:
                self.send(f"{tag} BAD unsupported search")
                return
            self.send("* SEARCH" + "".join(f" {m.uid}" for m in found))
            self.send(f"{tag} OK SEARCH completed")
        elif command == "FETCH" and len(args) >= 2:
            items = args[1].strip("()").upper()
            for stored in _uid_set(args[0], messages):
                sequence = messages.index(stored) + 1
                flags = " ".join(sorted(stored.flags))
                if "BODY.PEEK[]" in items or "RFC822" in items or "BODY[]" in items:
                    label = "RFC822" if "RFC822" in items else "BODY[]"
                    if ("BODY[]" in items and "PEEK" not in items) or label == "RFC822":
                        stored.flags.add("\\Seen")
                    self.send(f"* {sequence} FETCH (UID {stored.uid} {label} {{{len(stored.raw)}}}".encode()
                              + b"\r\n" + stored.raw + b")\r\n")
                else:
                    self.send(f"* {sequence} FETCH (UID {stored.uid} FLAGS ({flags}))")
            self.send(f"{tag} OK FETCH completed")
        elif command == "STORE" and len(args) >= 3:
            flags = set(args[2].strip("()").split())
            for stored in _uid_set(args[0], messages):
                if args[1].upper().startswith("+FLAGS"):
                    stored.flags |= flags
                elif args[1].upper().startswith("-FLAGS"):
                    stored.flags -= flags
                else:
                    stored.flags = flags
                self.send(f"* {messages.index(stored) + 1} FETCH (UID {stored.uid} FLAGS ({' '.join(sorted(stored.flags))}))")
            self.send(f"{tag} OK STORE completed")
        else:
            self.send(f"{tag} BAD unsupported UID command")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class _Deliver:
    """The city's MX: what arrives over SMTP is put in the mailbox."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):
        self.mailbox.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@pytest.fixture
def imap_mailbox(settings):
    """An IMAP server and an SMTP server delivering into it, on loopback; civicdesk reads it."""
    mailbox = Mailbox()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.mailbox = mailbox  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    mailbox.port = server.server_address[1]
    mx = Controller(_Deliver(mailbox), hostname="127.0.0.1", port=free_port())
    mx.start()
    mailbox.smtp_port = mx.port
    settings.IMAP_HOST, settings.IMAP_PORT, settings.IMAP_SSL = "127.0.0.1", mailbox.port, False
    settings.IMAP_USER, settings.IMAP_PASSWORD, settings.IMAP_FOLDER = USER, PASSWORD, "INBOX"
    yield mailbox
    mx.stop()
    server.shutdown()
    server.server_close()
