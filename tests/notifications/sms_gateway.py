"""A stand-in for eSMS.vn's brandname gateway, run as a real HTTP server on loopback, written from its
published API (developers.esms.vn: "Send OTP/Customer care message", "Table of error codes",
"Callback Url"):

POST /MainService.svc/json/SendMultipleMessage_V4_post_json/ with a JSON body
  {ApiKey, SecretKey, Phone, Content, Brandname, SmsType, IsUnicode, RequestId, CallbackUrl}
answers 200 {"CodeResult": "100", "SMSID": "…"} or an error code: 101 wrong ApiKey/SecretKey,
104 unknown brandname, 108 bad phone number, 118 unsupported SmsType, 124 duplicate RequestId.
Its delivery report is an HTTP GET to CallbackUrl with SMSID, SendStatus, SendSuccess, SendFailed,
RequestId, TypeId, telcoid, phonenumber.

Faults on demand: `fail_next(n, "500")` answers HTTP 500, `"timeout"` takes the message and then
stalls past the client's timeout (the worst case: taken, but the sender does not know)."""

import json
import re
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SEND_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
API_KEY, SECRET_KEY, BRANDNAME = "esms-api-key", "esms-secret-key", "UBND-TPHCM"


@dataclass
class Sent:
    sms_id: str
    phone: str
    content: str
    is_unicode: str
    request_id: str
    callback_url: str


@dataclass
class Gateway:
    url: str = ""
    sent: list[Sent] = field(default_factory=list)
    requests: int = 0
    faults: list[str] = field(default_factory=list)
    stall_seconds: float = 3.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, times: int, fault: str) -> None:
        self.faults.extend([fault] * times)

    def to(self, phone: str) -> list[Sent]:
        return [m for m in self.sent if m.phone == phone]

    def delivery_report(self, message: Sent, delivered: bool = True) -> tuple[str, dict[str, str]]:
        """The path and query of the GET eSMS makes to CallbackUrl once the carrier has reported."""
        parts = urllib.parse.urlsplit(message.callback_url)
        return parts.path, {
            "SMSID": message.sms_id, "SendFailed": "0" if delivered else "1", "SendStatus": "5",
            "SendSuccess": "1" if delivered else "0", "TotalPrice": "0.0000", "TotalReceiver": "1",
            "TotalSent": "1", "RequestId": message.request_id, "TypeId": "2", "telcoid": "1",
            "phonenumber": message.phone, "switchsmsid": ""}

    def handle(self, body: dict) -> tuple[int, dict, bool]:
        """(HTTP status, JSON answer, stall after taking it)."""
        with self.lock:
            self.requests += 1
            fault = self.faults.pop(0) if self.faults else ""
            if fault == "500":
                return 500, {"Message": "Internal Server Error"}, False
            if (body.get("ApiKey"), body.get("SecretKey")) != (API_KEY, SECRET_KEY):
                return 200, {"CodeResult": "101", "ErrorMessage": "Authorize Failed"}, False
            if body.get("Brandname") != BRANDNAME:
                return 200, {"CodeResult": "104", "ErrorMessage": "Brandname not exist"}, False
            if body.get("SmsType") != "2":
                return 200, {"CodeResult": "118", "ErrorMessage": "SmsType not support"}, False
            if not re.fullmatch(r"0\d{9,10}", str(body.get("Phone", ""))):
                return 200, {"CodeResult": "108", "ErrorMessage": "Phone number invalid"}, False
            request_id = str(body.get("RequestId", ""))
            if request_id and any(m.request_id == request_id for m in self.sent):
                return 200, {"CodeResult": "124", "ErrorMessage": "Duplicate RequestId"}, False
            message = Sent(sms_id=uuid.uuid4().hex, phone=body["Phone"], content=str(body.get("Content", "")),
                           is_unicode=str(body.get("IsUnicode", "0")), request_id=request_id,
                           callback_url=str(body.get("CallbackUrl", "")))
            self.sent.append(message)
            return 200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": message.sms_id}, fault == "timeout"


def _handler(gateway: Gateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path != SEND_PATH:
                self._answer(404, {"Message": "Not found"})
                return
            try:
                body = json.loads(raw.decode("utf-8"))
            except ValueError:
                self._answer(400, {"Message": "Bad JSON"})
                return
            status, answer, stall = gateway.handle(body)
            if stall:
                time.sleep(gateway.stall_seconds)
            self._answer(status, answer)

        def _answer(self, status: int, answer: dict) -> None:
            data = json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout case)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def sms_gateway(settings):
    """The gateway on a free loopback port, and civicdesk's SMS channel connected to it."""
    gateway = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gateway))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    gateway.url = f"http://127.0.0.1:{server.server_port}{SEND_PATH}"
    settings.SMS_URL = gateway.url
    settings.SMS_API_KEY, settings.SMS_SECRET_KEY, settings.SMS_BRANDNAME = API_KEY, SECRET_KEY, BRANDNAME
    settings.SMS_WEBHOOK_SECRET = "test-webhook-secret-0123456789abcdef"
    settings.SMS_TIMEOUT = 1.0
    settings.SMS_UNICODE = False
    settings.SITE_URL = "https://1022.example.vn"
    yield gateway
    server.shutdown()
    server.server_close()
