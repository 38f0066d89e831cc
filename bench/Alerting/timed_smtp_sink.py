"""The SMTP server of `bench alerting` (aiosmtpd, Debian python3-aiosmtpd) on 127.0.0.1.

Accepts every message and appends one line per message to LOG, tab-separated, written and flushed when DATA is
answered 250: the wall-clock time of acceptance in ns since the epoch, the Message-ID, the envelope recipients, the
decoded Subject, the body's group line ("グループ: ...") and the bench tokens ("[bench:NAME]") the body carries.
Nothing is stored but the line, so a burst costs the harness no file per mail.
Prints "READY PORT" when it serves; runs until killed (SIGTERM) or until stdin closes.
"""
import argparse
import email
import email.policy
import re
import sys
import threading
import time

from aiosmtpd.controller import Controller

TOKEN = re.compile(r"\[bench:([A-Za-z0-9_.-]+)\]")


def one_line(text):
    return " ".join((text or "").split())


class Handler:
    def __init__(self, log):
        self.log = log
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        # The time the server took the message, before any parsing of ours.
        accepted = time.time_ns()
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        group = next((line for line in text.splitlines() if line.startswith("グループ:")), "")
        tokens = sorted(set(TOKEN.findall(text)))
        fields = [str(accepted), one_line(message.get("Message-ID", "")), ",".join(envelope.rcpt_tos),
                  one_line(str(message.get("Subject", ""))), one_line(group), ",".join(tokens)]
        with self.lock:
            self.log.write("\t".join(fields) + "\n")
            self.log.flush()
        return "250 2.0.0 Ok: queued"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--log", required=True)
    a = p.parse_args()
    with open(a.log, "a", encoding="utf-8") as log:
        controller = Controller(Handler(log), hostname="127.0.0.1", port=a.port, server_hostname="bench.sink", data_size_limit=10 * 1024 * 1024)
        controller.start()
        print("READY %d" % a.port, flush=True)
        try:
            sys.stdin.read()
        finally:
            controller.stop()


if __name__ == "__main__":
    main()
