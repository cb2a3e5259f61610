// The 「カードリーダー診断」 screen in the three states a clinic meets: no reader, only a reader that cannot
// read phones, and a ready reader with a My Number card that passed the read test. Screenshots go to
// tests/e2e/out/ (docs/screenshots/ keeps copies for the README).
import { expect } from "@wdio/globals";
import { startRig, shot, openSettings } from "../helpers.js";

const verdict = () => $('[data-testid="readers-verdict"]');

describe("「カードリーダー診断」 in each state", () => {
  let rig;
  before(async () => {
    rig = startRig("none");
    expect(await rig.ready).toBe("ready");
    await $('[data-testid="nav-readers"]').click();
  });
  after(() => rig?.stop());

  it("with no reader: asks to connect one", async () => {
    await expect(verdict()).toHaveAttribute("data-level", "warn");
    await expect(verdict()).toHaveText(expect.stringContaining("カードリーダーが接続されていません"));
    await shot("diagnostics-no-reader");
  });

  it("with only a contact reader: says it cannot read phones and what to connect", async () => {
    await rig.send("readers NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader");
    await expect(verdict()).toHaveText(expect.stringContaining("スマートフォンのマイナ保険証に対応したカードリーダーがありません"));
    await expect(verdict()).toHaveText(expect.stringContaining("PaSoRi 4.0"));
    await shot("diagnostics-unsuitable-reader");
  });

  it("with a reader the catalogue does not list: 「対応不明」, never 「スマホ非対応」", async () => {
    await rig.send("readers ACME Contactless 2000");
    const badge = $('[data-testid="device-badge"]');
    await expect(badge).toHaveAttribute("data-fit", "unknown");
    await expect(badge).toHaveText("対応不明");
  });

  it("with a PaSoRi 4.0 and a My Number card: green, and the read test passes", async () => {
    await rig.send("readers SONY FeliCa Port/PaSoRi 4.0");
    await rig.send("insert PaSoRi my-number");
    await expect(verdict()).toHaveAttribute("data-level", "ok");
    const row = $('[data-testid="reader"][data-name="SONY FeliCa Port/PaSoRi 4.0 00 00"]');
    await row.$('[data-testid="read-test"]').click();
    await expect(row.$('[data-testid="test-result"]')).toHaveAttribute("data-holder", "my-number-card");
    await shot("diagnostics-ready-my-number");
  });

  it("in English too", async () => {
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "en");
    await expect($("h1")).toHaveText("Onshi Assistant");
    await expect(verdict()).toHaveText(expect.stringContaining("A reader fit for smartphone"));
    await shot("diagnostics-ready-en");
  });
});
