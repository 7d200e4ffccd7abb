"""A stand-in for Zalo on loopback, written from Zalo's published API documents (developers.zalo.me:
OA API v3.0, OAuth v4 for OA, ZNS), run as a real HTTP server:

- POST /v3.0/oa/message/cs — header `access_token`; JSON {"recipient": {"user_id"}, "message": {"text"}};
  answers HTTP 200 with {"error": 0, "message": "Success", "data": {"message_id", "user_id"}}, or
  `error` -216 (access token invalid/expired), -201 (parameter invalid), -230 (the user has not
  interacted with the OA in the past 7 days), -32 (too many requests);
- POST /message/template (ZNS) — header `access_token`; JSON {"phone": "84…", "template_id",
  "template_data", "tracking_id"}; {"error": 0, "data": {"msg_id", "sent_time", "quota"}}, or -124
  (access token invalid), -201 for a bad phone or template;
- POST /v4/oa/access_token — header `secret_key`; form app_id, grant_type=refresh_token,
  refresh_token; {"access_token", "refresh_token", "expires_in": "90000"}; a refresh token works
  once (Zalo's rule), after that {"error": -14014, "error_name": "Invalid refresh token"};
- GET /v2.0/oa/conversation?data={"user_id", "offset", "count"} — header `access_token`; the latest
  messages of the conversation with one user, newest first: {"error": 0, "data": [{"message_id",
  "src" (0: sent by the OA, 1: by the user), "time" (epoch ms), "type": "text", "message", "to_id"}]};
- GET /cdn/<name> — the files users "sent" (image URLs in webhook events).

What the test can make it do: answer the next requests with HTTP 500, or hang (accepting the
connection and answering nothing — nothing is delivered), or the rate-limit error, or be slow
(deliver the message, then answer after `hang_seconds`, past the client's timeout)."""

import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APP_ID = "3104859201748392011"
APP_SECRET = "app-secret-Wq8rT2"
OA_SECRET = "oa-secret-Zx91kL"


class FakeZalo:
    def __init__(self) -> None:
        self.access_tokens: dict[str, float] = {}  # token → expiry (epoch seconds)
        self.refresh_tokens: set[str] = set()
        self.window_open: set[str] = set()  # users who wrote to the OA within 7 days
        self.templates = {"tpl-received", "tpl-progress", "tpl-answered"}
        self.messages: list[dict] = []  # consultation messages delivered
        self.zns: list[dict] = []  # ZNS template messages delivered
        self.refreshes = 0
        self.failures: list[str] = []  # "500", "hang", "ratelimit", "slow" for the next message requests
        self.message_ids: list[tuple[str, float]] = []  # (message_id, epoch seconds) of each of `messages`
        self.refresh_delay = 0.0
        self.hang_seconds = 3.0
        self.files: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "FakeZalo":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what a test sets up and reads -----------------------------------------------------------

    def issue_tokens(self, access_lifetime: float = 90000) -> tuple[str, str]:
        access, refresh = "at-" + secrets.token_urlsafe(16), "rt-" + secrets.token_urlsafe(16)
        with self.lock:
            self.access_tokens[access] = time.time() + access_lifetime
            self.refresh_tokens.add(refresh)
        return access, refresh

    def expire(self, token: str) -> None:
        with self.lock:
            self.access_tokens[token] = time.time() - 1

    def texts_to(self, user_id: str) -> list[str]:
        return [m["message"]["text"] for m in self.messages if m["recipient"]["user_id"] == user_id]

    def cdn(self, name: str, content: bytes) -> str:
        self.files[name] = content
        return f"{self.url}/cdn/{name}"

    # --- the server ------------------------------------------------------------------------------

    def _handler(self):  # type: ignore[no-untyped-def]
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # type: ignore[no-untyped-def]
                pass

            def _answer(self, body: dict, status: int = 200) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting ("slow")
                    self.close_connection = True

            def _token_ok(self) -> bool:
                token = self.headers.get("access_token", "")
                with fake.lock:
                    return fake.access_tokens.get(token, 0) > time.time()

            def _failure(self) -> bool:
                with fake.lock:
                    if fake.failures[:1] == ["slow"]:  # taken when the message is delivered
                        return False
                    failure = fake.failures.pop(0) if fake.failures else ""
                if failure == "500":
                    self._answer({"error": -1, "message": "internal error"}, status=500)
                elif failure == "hang":
                    time.sleep(fake.hang_seconds)  # the client has given up; nothing was delivered
                    self.close_connection = True
                elif failure == "ratelimit":
                    self._answer({"error": -32, "message": "Request exceeded limit"})
                return bool(failure)

            def do_GET(self):  # type: ignore[no-untyped-def]
                if self.path.startswith("/v2.0/oa/conversation"):
                    return self._conversation()
                name = self.path.removeprefix("/cdn/")
                content = fake.files.get(name)
                if not self.path.startswith("/cdn/") or content is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def do_POST(self):  # type: ignore[no-untyped-def]
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == "/v4/oa/access_token":
                    return self._refresh(raw)
                if self.path not in ("/v3.0/oa/message/cs", "/message/template"):
                    return self._answer({"error": 404, "message": "empty api"}, status=404)
                if self._failure():
                    return None
                if not self._token_ok():
                    code = -216 if self.path.startswith("/v3.0") else -124
                    return self._answer({"error": code, "message": "Access token is invalid"})
                try:
                    body = json.loads(raw)
                except ValueError:
                    return self._answer({"error": -201, "message": "Parameters are invalid"})
                if self.path == "/message/template":
                    return self._template(body)
                return self._consultation(body)

            def _conversation(self) -> None:
                if not self._token_ok():
                    return self._answer({"error": -216, "message": "Access token is invalid"})
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                try:
                    data = json.loads(query["data"][0])
                    user, offset, count = str(data["user_id"]), int(data.get("offset", 0)), int(data["count"])
                except (KeyError, ValueError, TypeError):
                    return self._answer({"error": -201, "message": "Parameters are invalid"})
                with fake.lock:
                    rows = [{"message_id": message_id, "src": 0, "time": int(at * 1000), "type": "text",
                             "message": body["message"]["text"], "to_id": user}
                            for body, (message_id, at) in zip(fake.messages, fake.message_ids, strict=True)
                            if body["recipient"]["user_id"] == user]
                rows.reverse()
                return self._answer({"error": 0, "message": "Success", "data": rows[offset:offset + min(count, 10)]})

            def _consultation(self, body: dict) -> None:
                user = (body.get("recipient") or {}).get("user_id")
                text = (body.get("message") or {}).get("text")
                if not isinstance(user, str) or not isinstance(text, str) or not text or len(text) > 2000:
                    return self._answer({"error": -201, "message": "Parameters are invalid"})
                if user not in fake.window_open:
                    return self._answer({"error": -230, "message": "User has not interacted with the OA in the "
                                                                     "past 7 days"})
                message_id = hashlib.sha1(f"{user}{len(fake.messages)}".encode()).hexdigest()
                with fake.lock:
                    fake.messages.append(body)
                    fake.message_ids.append((message_id, time.time()))
                    slow = fake.failures[:1] == ["slow"] and bool(fake.failures.pop(0))
                if slow:  # delivered, but the answer comes after the client has given up
                    time.sleep(fake.hang_seconds)
                return self._answer({"error": 0, "message": "Success",
                                     "data": {"message_id": message_id, "user_id": user}})

            def _template(self, body: dict) -> None:
                phone = str(body.get("phone", ""))
                if (not phone.startswith("84") or not phone.isdigit() or body.get("template_id") not in fake.templates
                        or not isinstance(body.get("template_data"), dict)):
                    return self._answer({"error": -201, "message": "Parameters are invalid"})
                with fake.lock:
                    fake.zns.append(body)
                return self._answer({"error": 0, "message": "Success", "data": {
                    "msg_id": secrets.token_hex(10), "sent_time": str(int(time.time() * 1000)),
                    "quota": {"dailyQuota": "500", "remainingQuota": str(499 - len(fake.zns))}}})

            def _refresh(self, raw: bytes) -> None:
                form = dict(urllib.parse.parse_qsl(raw.decode()))
                if (self.headers.get("secret_key") != APP_SECRET or form.get("app_id") != APP_ID
                        or form.get("grant_type") != "refresh_token"):
                    return self._answer({"error": -14002, "error_name": "Invalid app", "error_description":
                                         "app id or secret key is wrong"})
                time.sleep(fake.refresh_delay)
                with fake.lock:
                    if form.get("refresh_token") not in fake.refresh_tokens:
                        return self._answer({"error": -14014, "error_name": "Invalid refresh token",
                                             "error_description": "refresh token is invalid or was used"})
                    fake.refresh_tokens.discard(form["refresh_token"])  # single use
                    fake.refreshes += 1
                access, refresh = fake.issue_tokens()
                return self._answer({"access_token": access, "refresh_token": refresh, "expires_in": "90000"})

        return Handler


def sign(body: bytes, timestamp: str, app_id: str = APP_ID, oa_secret: str = OA_SECRET) -> str:
    """X-ZEvent-Signature as Zalo computes it: mac=sha256(appId + data + timeStamp + OAsecretKey)."""
    return "mac=" + hashlib.sha256(app_id.encode() + body + timestamp.encode() + oa_secret.encode()).hexdigest()
