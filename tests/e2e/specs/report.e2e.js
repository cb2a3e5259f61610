// 「サポート用レポート」 on the rig with a My Number card placed and read: what the help desk needs is there,
// the card's UID (as the reader would give it) and ATR are not, and 「コピー」 / 「ファイルに保存」 hand over
// exactly the preview.
import { expect } from "@wdio/globals";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { shot, startRig, willChoose } from "../helpers.js";

const RCS300 = "SONY FeliCa RC-S300/P (0303109) 00 00";
const MY_NUMBER_ATR = "3B888001000005E0B381A1007F";

describe("「サポート用レポート」", () => {
  let rig;
  let uid;
  after(() => rig?.stop());

  before(async () => {
    rig = startRig();
    expect(await rig.ready).toBe("ready");
    await rig.send("insert RC-S300 my-number");
    uid = await rig.send("uid RC-S300");
    expect(uid).toMatch(/^[0-9A-F]{8}$/);
    await $('[data-testid="nav-readers"]').click();
    const reader = $(`[data-testid="reader"][data-name="${RCS300}"]`);
    await reader.$('[data-testid="read-test"]').click();
    await expect(reader.$('[data-testid="test-result"]')).toHaveAttribute("data-holder", "my-number-card");
  });

  it("previews the report: app, OS, readers, the read test's outcome, the history; no UID, no ATR", async () => {
    await $('[data-testid="nav-report"]').click();
    const preview = $('[data-testid="report-preview"]');
    await expect(preview).toHaveText(expect.stringContaining("オン資アシスタント サポート用レポート"));
    const text = await preview.getText();
    expect(text).toContain("アプリのバージョン：0.1.0");
    expect(text).toContain("OS：Debian");
    expect(text).toContain("[連絡先]\nITベンダー：未登録");
    expect(text).toContain(RCS300);
    expect(text).toContain("スマホ対応：はい");
    // In Japanese words and a Japanese date, first in the summary the help desk reads; no internal code.
    expect(text).toMatch(/^オン資アシスタント サポート用レポート\n作成日時：\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d\n+\[まとめ\]/);
    expect(text).toMatch(/最後の読み取りテスト：マイナンバーカード（\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d）/);
    expect(text).not.toContain("my-number-card");
    expect(text).toContain("[接続の記録（過去7日）]");
    for (const secret of [uid, MY_NUMBER_ATR, process.env.ONSHI_APP_HOME]) {
      expect(text.toUpperCase()).not.toContain(secret.toUpperCase());
    }
    await shot("support-report");
  });

  it("carries the code and message the face reader showed, as staff typed it", async () => {
    await $('[data-testid="report-shown"]').setValue("エラー 001：カードを認識できませんでした");
    await $('[data-testid="report-title"]').click(); // leaves the box: the preview is made again
    await expect($('[data-testid="report-preview"]')).toHaveText(
      expect.stringContaining("[画面に表示されたコードとメッセージ]\nエラー 001：カードを認識できませんでした"),
    );
    await shot("support-report-shown");
  });

  it("copies exactly the preview to the clipboard", async () => {
    const text = await $('[data-testid="report-preview"]').getText();
    await $('[data-testid="report-copy"]').click();
    await expect($('[data-testid="report-message"]')).toHaveText(expect.stringContaining("コピーしました"));
    const copied = execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8" });
    expect(copied.trim()).toBe(text.trim());
  });

  it("saves it as a .txt file where the user chooses", async () => {
    const file = path.join(process.env.ONSHI_TEST_PICKS, "report.txt");
    willChoose("save", file);
    await $('[data-testid="report-save"]').click();
    await expect($('[data-testid="report-message"]')).toHaveText(expect.stringContaining("保存しました"));
    const saved = fs.readFileSync(file, "utf8");
    expect(saved.trim()).toBe((await $('[data-testid="report-preview"]').getText()).trim());
    expect(saved).not.toContain(uid);
  });

  it("says plainly when the file cannot be written, and keeps the report on screen", async () => {
    willChoose("save", path.join(process.env.ONSHI_TEST_PICKS, "no-such-folder", "report.txt"));
    await $('[data-testid="report-save"]').click();
    await expect($('[data-testid="report-message"]')).toHaveText(expect.stringContaining("コピーまたは保存ができませんでした"));
    await expect($('[data-testid="report-preview"]')).toHaveText(expect.stringContaining("サポート用レポート"));
    await shot("support-report-not-saved");
  });
});
