#!/usr/bin/env python3
"""The Zabbix server part of scripts/monitoring/test.sh, through the frontend's JSON-RPC API (Zabbix 6.0:
the session goes in the request's "auth"): imports packaging/monitoring/zabbix/onshi-assistant-template.yaml,
creates a host on the agent at 127.0.0.1:10050 polled every 10 s ({$ONSHI.INTERVAL}), waits for the expired
certificate's problem, then gives the terminal a valid certificate and waits for its recovery, then takes the
certificate away (UNKNOWN, every item still supported), then leaves only a reader unfit for phones (the reader
triggers)."""

import json
import os
import subprocess
import sys
import time
import urllib.request

API = "http://127.0.0.1:8089/api_jsonrpc.php"
TEMPLATE = "Onshi Assistant by Zabbix agent"
EXPIRED = "電子証明書の有効期限が切れています：オンライン資格確認ができません"
NO_READER = "マイナ保険証（スマホ）を読めるカードリーダーがつながっていません"
CONTACT_ONLY = "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader"
WORK = os.environ["ONSHI_MONITORING_WORK"]
auth = None
started = time.monotonic()


def call(method, params):
    body = {"jsonrpc": "2.0", "method": method, "params": params, "id": 1}
    if auth and method not in ("apiinfo.version", "user.login"):
        body["auth"] = auth
    request = urllib.request.Request(
        API, json.dumps(body).encode(), {"Content-Type": "application/json-rpc"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.load(response)
    if "error" in answer:
        raise SystemExit(f"FAILED: {method}: {answer['error']}")
    return answer["result"]


def say(text):
    print(f"  ok: {text} ({time.monotonic() - started:.0f} s)", flush=True)


def wait(what, seconds, probe):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = probe()
        if found:
            return found
        time.sleep(2)
    raise SystemExit(f"FAILED: {what} within {seconds} s")


def values(hostid):
    items = call("item.get", {"hostids": hostid, "output": ["key_", "lastvalue", "lastclock", "state", "error"]})
    return {i["key_"]: i for i in items}


def direct_state():
    run = subprocess.run([f"{WORK}/bin/onshi", "check"], capture_output=True, text=True)
    return run.returncode


def main():
    global auth
    wait("the API answers", 60, lambda: call("apiinfo.version", {}))
    version = call("apiinfo.version", {})
    auth = call("user.login", {"username": "Admin", "password": "zabbix"})
    with open(os.environ["ONSHI_TEMPLATE"], encoding="utf-8") as f:
        source = f.read()
    rule = {"createMissing": True, "updateExisting": True}
    call(
        "configuration.import",
        {
            "format": "yaml",
            "source": source,
            "rules": {
                "groups": {"createMissing": True},
                "templates": rule,
                "items": rule,
                "triggers": rule,
                "valueMaps": rule,
            },
        },
    )
    template = call("template.get", {"filter": {"host": TEMPLATE}, "output": ["templateid"],
                                     "selectItems": "count", "selectTriggers": "count"})
    if not template:
        raise SystemExit("FAILED: the template is not there after the import")
    say(f"API {version}: the template imported ({template[0]['items']} items, {template[0]['triggers']} triggers)")
    group = call("hostgroup.create", {"name": "onshi test"})["groupids"][0]
    host = call(
        "host.create",
        {
            "host": "onshi-test",
            "interfaces": [{"type": 1, "main": 1, "useip": 1, "ip": "127.0.0.1", "dns": "", "port": "10050"}],
            "groups": [{"groupid": group}],
            "templates": [{"templateid": template[0]["templateid"]}],
            "macros": [{"macro": "{$ONSHI.INTERVAL}", "value": "10s"}],
        },
    )["hostids"][0]

    def problem():
        found = call("problem.get", {"hostids": host, "output": ["eventid", "name", "severity"]})
        return [p for p in found if p["name"] == EXPIRED]

    expired = wait("the expired certificate's problem", 180, problem)[0]
    now = values(host)
    state, days = now["onshi.state"]["lastvalue"], float(now["onshi.certificate.days_left"]["lastvalue"])
    if state != str(direct_state()) or days >= 0 or now["onshi.area[certificate]"]["lastvalue"] != "2":
        raise SystemExit(f"FAILED: the items do not say what onshi check says: {json.dumps(now, ensure_ascii=False)}")
    unsupported = [k for k, i in now.items() if i["state"] != "0"]
    if unsupported:
        raise SystemExit(f"FAILED: items not supported: {[(k, now[k]['error']) for k in unsupported]}")
    say(f"problem 「{expired['name']}」 (severity {expired['severity']}); state {state} as onshi check exits, "
        f"{days:.0f} days left, every item supported")

    link = f"{WORK}/terminal.pem"
    os.remove(link)
    os.symlink(f"{WORK}/valid.pem", link)

    def recovered():
        event = call("event.get", {"eventids": expired["eventid"], "output": ["r_eventid"]})
        return event and event[0]["r_eventid"] != "0" and not problem()

    wait("the recovery once the certificate is valid", 180, recovered)
    now = values(host)
    say(f"recovered: {now['onshi.certificate.days_left']['lastvalue']} days left, state {now['onshi.state']['lastvalue']}")

    # No certificate to read: UNKNOWN, and the certificate's items keep their last value instead of
    # turning unsupported (null is discarded).
    os.remove(link)
    os.symlink(f"{WORK}/gone.pem", link)
    unknown = str(direct_state())
    wait("the state of a check with no certificate", 180, lambda: values(host)["onshi.state"]["lastvalue"] == unknown)
    time.sleep(12)
    now = values(host)
    unsupported = [(k, i["error"]) for k, i in now.items() if i["state"] != "0"]
    if unsupported or unknown != "3":
        raise SystemExit(f"FAILED: with no certificate: state {unknown}, unsupported {unsupported}")
    say("no certificate: state 3 (UNKNOWN) as onshi check exits, every item still supported")

    # Only a reader unfit for phones: the reader triggers.
    with open(f"{WORK}/rig.ctl", "w") as rig:
        rig.write(f"readers {CONTACT_ONLY}\n")
    wanted = {NO_READER, "カードリーダー：確認が必要です（オン資アシスタント）"}

    def reader_problems():
        found = {p["name"] for p in call("problem.get", {"hostids": host, "output": ["name"]})}
        return wanted <= found and found

    found = wait("the reader's problems", 180, reader_problems)
    say(f"only a reader unfit for phones: problems {sorted(found & wanted)}")


if __name__ == "__main__":
    main()
