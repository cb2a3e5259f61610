#!/usr/bin/env python3
"""Writes onshi-assistant-template.yaml beside it: the Zabbix 6.0 export (YAML) of the template, every item
dependent on the master item onshi.check (`onshi check --json`) through JSONPath. Zabbix wants UUIDv4s: they
come from a fixed seed, so the same template keeps the same UUIDs. `--check` fails when the YAML beside it
is not what this writes (scripts/monitoring/test.sh runs it).
    python3 packaging/monitoring/zabbix/make-template.py [--check]"""
import os
import random
import sys
import uuid

random.seed(30)
def u():
    return uuid.UUID(int=random.getrandbits(128), version=4).hex
T='Onshi Assistant by Zabbix agent'
L=[]
w=L.append
w("zabbix_export:")
w("  version: '6.0'")
w("  date: '2026-12-07T00:00:00Z'")
w("  groups:")
w(f"    - uuid: {u()}")
w("      name: Templates/Applications")
w("  templates:")
w(f"    - uuid: {u()}")
w(f"      template: '{T}'")
w("      name: 'オン資アシスタント by Zabbix agent'")
w("      description: |")
for line in """オン資アシスタントの onshi check --json を {$ONSHI.INTERVAL}（既定5分）ごとに読み、カードリーダー・電子証明書・OS・端末まわり（オン資のソフト、レセコンとの連携、自動サインイン、回線、時計）の判定を項目とトリガーにします。
エージェント側の設定: packaging/monitoring/zabbix/userparameter_onshi.conf（Linux）または userparameter_onshi_windows.conf（Windows）。説明: docs/MONITORING.md。
Reads onshi check --json every {$ONSHI.INTERVAL} (5 minutes) (UserParameter onshi.check); every level and figure comes from that one JSON document.""".splitlines():
    w("        "+line)
w("      groups:")
w("        - name: Templates/Applications")
w("      items:")
def item(name, key, value_type, path=None, js=None, units=None, valuemap=None, triggers=(), description=None, on_fail=None):
    w(f"        - uuid: {u()}")
    w(f"          name: '{name}'")
    w("          type: DEPENDENT")
    w(f"          key: '{key}'")
    w("          delay: '0'")
    w("          history: 90d")
    w(f"          value_type: {value_type}")
    if value_type in ("CHAR","TEXT"):
        w("          trends: '0'")
    if units: w(f"          units: '{units}'")
    if description: w(f"          description: '{description}'")
    if valuemap:
        w("          valuemap:")
        w(f"            name: '{valuemap}'")
    w("          preprocessing:")
    if path:
        w("            - type: JSONPATH")
        w("              parameters:")
        w(f"                - '{path}'")
        if on_fail:
            w("              error_handler: DISCARD_VALUE")
            # null (no certificate could be read) is no value: kept out rather than an unsupported item.
            w("            - type: MATCHES_REGEX")
            w("              parameters:")
            w(f"                - '{on_fail}'")
            w("              error_handler: DISCARD_VALUE")
    if js:
        w("            - type: JAVASCRIPT")
        w("              parameters:")
        w(f"                - '{js}'")
    w("          master_item:")
    w("            key: onshi.check")
    w("          tags:")
    w("            - tag: component")
    w("              value: onshi")
    if triggers:
        w("          triggers:")
        for (expr, tname, prio, desc, rec) in triggers:
            w(f"            - uuid: {u()}")
            w(f"              expression: '{expr}'")
            if rec:
                w("              recovery_mode: RECOVERY_EXPRESSION")
                w(f"              recovery_expression: '{rec}'")
            w(f"              name: '{tname}'")
            w("              opdata: '{ITEM.LASTVALUE}'")
            w(f"              priority: {prio}")
            w(f"              description: '{desc}'")
            w("              tags:")
            w("                - tag: scope")
            w("                  value: availability")

# master
w(f"        - uuid: {u()}")
w("          name: 'オン資アシスタント：確認結果（JSON）'")
w("          key: onshi.check")
w("          delay: '{$ONSHI.INTERVAL}'")
w("          history: 7d")
w("          trends: '0'")
w("          value_type: TEXT")
w("          description: 'onshi check --json の出力（UserParameter onshi.check）。ほかの項目はここからJSONPathで取り出します。'")
w("          tags:")
w("            - tag: component")
w("              value: onshi")
w("          triggers:")
w(f"            - uuid: {u()}")
w(f"              expression: 'nodata(/{T}/onshi.check,30m)=1'")
w("              name: 'オン資アシスタントの確認結果が30分届いていません'")
w("              priority: WARNING")
w("              description: 'エージェントが onshi check を実行できていないか、タスクスケジューラーのタスクが止まっています（docs/MONITORING.md）。'")

STATE_JS = 'return {"ok": 0, "warning": 1, "critical": 2, "unknown": 3}[value];'
LEVEL_JS = 'var n = {"info": -1, "ok": 0, "warn": 1, "error": 2}[value]; if (n === undefined) { throw "unknown level: " + value; } return n;'
def k(key): return f"/{T}/{key}"
item('オン資アシスタント：全体の状態', 'onshi.state', 'UNSIGNED', path='$.state', js=STATE_JS.replace("'", "''"), valuemap='onshi state',
     description='OK / WARNING / CRITICAL / UNKNOWN（onshi check の終了コードと同じ 0〜3）',
     triggers=[
       (f'last({k("onshi.state")})=2', 'オン資の端末に異常があります（CRITICAL）', 'HIGH', '受付でマイナ保険証の資格確認ができないおそれがあります。オン資アシスタントの画面か onshi check の出力で、どの項目が赤いか確かめてください。', None),
       (f'last({k("onshi.state")})=1', 'オン資の端末に注意が必要です（WARNING）', 'WARNING', 'オン資アシスタントの画面か onshi check の出力で、どの項目が黄色いか確かめてください。', None),
       (f'last({k("onshi.state")})=3', 'オン資の端末を確認できない項目があります（UNKNOWN）', 'INFO', '電子証明書を読めなかったなど、確認できない項目があります。onshi check は端末のユーザー（OQSComApp）として実行してください。', None),
     ])
item('オン資アシスタント：電子証明書の残り日数', 'onshi.certificate.days_left', 'FLOAT', path='$.certificate_days_left', units='日', on_fail='^-?[0-9]+$',
     description='電子証明書の最終日までの日数（期限切れは負の値）。電子証明書を読めないときは値を出しません。',
     triggers=[
       (f'last({k("onshi.certificate.days_left")})<=90 and last({k("onshi.certificate.days_left")})>30', '電子証明書の有効期限まで90日以内です：更新の手続きを始めてください', 'WARNING', 'オンライン資格確認等システムの電子証明書の更新（ポータルサイトから申請）を始めてください。', None),
       (f'last({k("onshi.certificate.days_left")})<=30 and last({k("onshi.certificate.days_left")})>=0', '電子証明書の有効期限まで30日以内です：至急更新してください', 'AVERAGE', '期限が切れるとオンライン資格確認ができなくなります。至急、電子証明書を更新してください。', None),
       (f'last({k("onshi.certificate.days_left")})<0', '電子証明書の有効期限が切れています：オンライン資格確認ができません', 'HIGH', '電子証明書の有効期限が切れています。電子証明書を発行し直し、端末に入れ直してください。', None),
     ])
item('オン資アシスタント：電子証明書の最終日', 'onshi.certificate.not_after', 'CHAR', path='$.certificate_not_after', on_fail='^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
     description='電子証明書が有効な最後の日（YYYY-MM-DD、日本時間）')
item('オン資アシスタント：接続中のカードリーダー', 'onshi.readers.connected', 'UNSIGNED', path='$.readers_connected', units='台')
item('オン資アシスタント：スマホ対応のカードリーダー', 'onshi.readers.ready', 'UNSIGNED', path='$.readers_ready', units='台',
     description='スマートフォンのマイナ保険証を読めるカードリーダーの台数',
     triggers=[
       (f'last({k("onshi.readers.ready")})<1', 'マイナ保険証（スマホ）を読めるカードリーダーがつながっていません', 'AVERAGE', 'カードリーダーのUSBケーブルと電源を確かめてください。スマートフォンのマイナ保険証に対応したカードリーダーが1台もありません。', None),
     ])
areas = [
  ('readers', 'カードリーダー', '$.readers.level'),
  ('certificate', '電子証明書', '$.certificate.level'),
  ('os', 'OSのサポート期限', '$.os.verdict.level'),
  ('software', 'オン資のソフト', "$.terminal[?(@.area == ''software'')].verdict.level.first()"),
  ('link', 'レセコンとの連携', "$.terminal[?(@.area == ''link'')].verdict.level.first()"),
  ('sign-in', '自動サインイン', "$.terminal[?(@.area == ''sign-in'')].verdict.level.first()"),
  ('line', '回線', "$.terminal[?(@.area == ''line'')].verdict.level.first()"),
  ('clock', '時計', "$.terminal[?(@.area == ''clock'')].verdict.level.first()"),
]
for area, ja, path in areas:
    key = f'onshi.area[{area}]'
    item(f'オン資アシスタント：{ja}の判定', key, 'FLOAT', path=path, js=LEVEL_JS, valuemap='onshi level',
         description=f'{ja}の判定：-1 情報（確認していない・いつもと違う）、0 正常、1 注意、2 異常',
         triggers=[(f'last({k(key)})>=1', f'{ja}：確認が必要です（オン資アシスタント）', 'AVERAGE',
                    f'{ja}が「注意」または「異常」です。オン資アシスタントの画面、または onshi check の出力でその内容を確かめてください。', None)])
w("      macros:")
w("        - macro: '{$ONSHI.INTERVAL}'")
w("          value: 5m")
w("          description: 'onshi check を読む間隔'")
w("      tags:")
w("        - tag: class")
w("          value: application")
w("        - tag: target")
w("          value: onshi-assistant")
w("      valuemaps:")
w(f"        - uuid: {u()}")
w("          name: 'onshi state'")
w("          mappings:")
for v, n in [(0,'OK（正常）'),(1,'WARNING（注意）'),(2,'CRITICAL（異常）'),(3,'UNKNOWN（確認できず）')]:
    w(f"            - value: '{v}'")
    w(f"              newvalue: '{n}'")
w(f"        - uuid: {u()}")
w("          name: 'onshi level'")
w("          mappings:")
for v, n in [(-1,'情報'),(0,'正常'),(1,'注意'),(2,'異常')]:
    w(f"            - value: '{v}'")
    w(f"              newvalue: '{n}'")
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "onshi-assistant-template.yaml")
text = "\n".join(L) + "\n"
if sys.argv[1:] == ["--check"]:
    with open(path, encoding="utf-8") as f:
        if f.read() != text:
            sys.exit(f"{path} is not what {sys.argv[0]} writes: run it and commit the YAML")
else:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
