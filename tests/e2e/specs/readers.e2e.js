// The home screen follows the real world: the service coming up, readers appearing, a card placed and
// taken away, the service going down, all pushed from Rust with no reload.
import { expect } from "@wdio/globals";
import { startRig, shot } from "../helpers.js";

const verdict = () => $('[data-testid="readers-verdict"]');
const reader = (name) => $(`[data-testid="reader"][data-name="${name}"]`);
// The device row a slot belongs to: pcsc-lite's slot name without its slot number.
const deviceOf = (slot) => $(`[data-testid="device"][data-device="${slot.replace(/ [0-9A-F]{2}$/, "")}"]`);

describe("home screen, live readers", () => {
  let rig;
  after(() => rig?.stop());

  it("says in Japanese that the smart-card service is not running", async () => {
    await expect(verdict()).toHaveAttribute("data-level", "error");
    await expect(verdict()).toHaveText(expect.stringContaining("スマートカードサービスが動いていません"));
    await shot("home-no-service");
  });

  it("shows the readers as soon as the service starts, each with its model", async () => {
    rig = startRig();
    expect(await rig.ready).toBe("ready");
    await expect(verdict()).toHaveAttribute("data-level", "ok");
    await expect($('[data-testid="readers-summary"]')).toHaveText(expect.stringContaining("接続中のカードリーダー：5台"));
    await $('[data-testid="open-diagnostics"]').click();
    await expect(reader("SONY FeliCa RC-S300/P (0303109) 00 00")).toBeDisplayed();
    await expect(verdict()).toHaveAttribute("data-level", "ok");
    await expect(deviceOf("Circle CIR315 CL 00 00")).toHaveText(expect.stringContaining("スマホ対応"));
    const contact = deviceOf("NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 00 00");
    await expect(contact).toHaveText(expect.stringContaining("スマホ非対応"));
    await expect(contact).toHaveText(expect.stringContaining("接触型のため、スマートフォンは読み取れません"));
  });

  it("shows a card placed on a reader, and its removal, without moving the rows", async () => {
    const pasori = reader("SONY FeliCa Port/PaSoRi 4.0 00 00");
    await expect(pasori).toHaveAttribute("data-card", "");
    // The rows' buttons (the call-out above them gets its own when a card is placed).
    const buttons = async () => Promise.all(await $$('[data-testid="reader"] [data-testid="read-test"]').map((b) => b.getLocation()));
    const before = await buttons();
    await rig.send("insert PaSoRi my-number");
    await expect(pasori).toHaveAttribute("data-card", "type-b");
    // Every test button stays where it was: the one under the pointer, and the rows below.
    expect(await buttons()).toEqual(before);
    await expect(pasori).toHaveText(expect.stringContaining("カードあり"));
    // Before the test, a phone and a card look alike: the kind names both.
    await expect(pasori).toHaveText(expect.stringContaining("マイナンバーカード・スマートフォン・運転免許証などのICカード"));
    // Called out above the rows, by the model's name and the slot, with its own test button.
    const callout = $('[data-testid="callout-reader"]');
    await expect(callout).toHaveAttribute("data-name", "SONY FeliCa Port/PaSoRi 4.0 00 00");
    await expect(callout).toHaveText(expect.stringContaining("カードまたはスマートフォンが置かれています：ソニーPaSoRi 4.0 (RC-S300)"));
    await expect(callout.$('[data-testid="callout-read-test"]')).toBeDisplayed();
    await rig.send("insert USBNFC4 felica");
    await expect(reader("Circle USBNFC4 00 00")).toHaveAttribute("data-card", "felica");
    // Two at once: the one placed last is called out, a line counts the other, and still nothing moves.
    await expect(callout).toHaveAttribute("data-name", "Circle USBNFC4 00 00");
    const others = $('[data-testid="callout-others"]');
    await expect(others).toHaveText("このほか1か所にも置かれています。下の一覧で確かめられます。");
    expect(await buttons()).toEqual(before);
    await browser.setWindowSize(1080, 1480); // the whole list, for the README
    await shot("home-readers-card");
    await browser.setWindowSize(1080, 760);
    await rig.send("remove PaSoRi");
    await expect(pasori).toHaveAttribute("data-card", "");
    await expect(pasori).toHaveText(expect.stringContaining("カードは置かれていません"));
    await expect(others).not.toBeExisting();
    expect(await buttons()).toEqual(before);
  });

  it("tests the card from the call-out, and shows the result there and in the reader's row", async () => {
    const cir315 = reader("Circle CIR315 CL 00 00");
    await rig.send("insert CIR315 my-number");
    const callout = $('[data-testid="callout-reader"]');
    await expect(callout).toHaveAttribute("data-name", "Circle CIR315 CL 00 00");
    await expect(callout).toHaveText(expect.stringContaining("置かれています：CIR315 CL非接触"));
    // The first row's button and this reader's own: the call-out above them must not push them down.
    const rowButtons = async () => [
      await $('[data-testid="reader"] [data-testid="read-test"]').getLocation(),
      await cir315.$('[data-testid="read-test"]').getLocation(),
    ];
    const before = await rowButtons();
    await callout.$('[data-testid="callout-read-test"]').click();
    // One line in the call-out: the finding and its time; the whole result in the reader's row.
    const status = callout.$('[data-testid="test-result"]');
    await expect(status).toHaveAttribute("data-holder", "my-number-card");
    await expect(status).toHaveText(expect.stringMatching(/^✓\s*マイナンバーカードとして応答しました。\s*\d{1,2}:\d\dの読み取りテストの結果$/));
    await expect(cir315.$('[data-testid="test-result"]')).toHaveAttribute("data-holder", "my-number-card");
    // The call-out kept its height: the buttons did not move.
    expect(await rowButtons()).toEqual(before);
    await shot("diagnostics-callout");

    // Another card on the same reader: the call-out forgets the last card's result; the row keeps it, with its time.
    await rig.send("remove CIR315");
    await rig.send("insert CIR315 licence");
    await expect(callout).toHaveAttribute("data-name", "Circle CIR315 CL 00 00");
    await expect(callout.$('[data-testid="test-result"]')).toHaveAttribute("data-holder", "");
    await expect(cir315.$('[data-testid="test-result-time"]')).toBeDisplayed();
    await rig.send("remove CIR315");
    await expect($('[data-testid="callout-reader"][data-name="Circle CIR315 CL 00 00"]')).not.toBeExisting();
    // With nothing placed, the block says how to test.
    await rig.send("remove USBNFC4");
    await expect($('[data-testid="callout-reader"]')).not.toBeExisting();
    await expect($('[data-testid="card-callout"]')).toHaveText(expect.stringContaining("「読み取りテスト」を押してください"));
  });

  it("runs the safe read test and says in plain Japanese what answered", async () => {
    const pasori = reader("SONY FeliCa Port/PaSoRi 4.0 00 00");
    await rig.send("insert PaSoRi my-number");
    await pasori.$('[data-testid="read-test"]').click();
    const result = pasori.$('[data-testid="test-result"]');
    await expect(result).toHaveAttribute("data-holder", "my-number-card");
    await expect(result).toHaveText(expect.stringContaining("マイナンバーカードとして応答しました"));
    await expect(result).toHaveText(expect.stringContaining("個人情報や暗証番号には一切触れていません"));
    await shot("diagnostics-my-number");
    // Kept across screens, with its time.
    await $('[data-testid="nav-home"]').click();
    await $('[data-testid="nav-readers"]').click();
    await expect(result).toHaveAttribute("data-holder", "my-number-card");
    await expect(pasori.$('[data-testid="test-result-time"]')).toHaveText(expect.stringMatching(/\d{1,2}:\d\dの読み取りテストの結果/));
    await rig.send("remove PaSoRi");

    const usbNfc4 = reader("Circle USBNFC4 00 00");
    await rig.send("insert USBNFC4 licence");
    await usbNfc4.$('[data-testid="read-test"]').click();
    const other = usbNfc4.$('[data-testid="test-result"]');
    await expect(other).toHaveAttribute("data-holder", "not-my-number-card");
    await expect(other).toHaveText(expect.stringContaining("マイナンバーカードではありません"));
    await rig.send("remove USBNFC4");
  });

  it("ends a read test on a card that does not answer within its limit, saying what to try", async () => {
    const pasori = reader("SONY FeliCa Port/PaSoRi 4.0 00 00");
    await rig.send("insert PaSoRi silent");
    await expect(pasori).toHaveAttribute("data-card", "type-b");
    const started = Date.now();
    await pasori.$('[data-testid="read-test"]').click();
    // The seconds left are counted down on screen, from the core's hard limit (25 s: 15 s wait + 10 s).
    const countdown = pasori.$('[data-testid="test-countdown"]');
    await expect(countdown).toHaveText(expect.stringContaining("残り"));
    const first = Number(await countdown.getAttribute("data-seconds"));
    expect(first).toBeGreaterThan(20);
    await browser.waitUntil(async () => Number(await countdown.getAttribute("data-seconds")) < first, { timeout: 3000 });
    await countdown.scrollIntoView({ block: "center" }); // the picture shows the countdown, not only the button
    await shot("diagnostics-read-test-countdown");
    const result = pasori.$('[data-testid="test-result"]');
    await expect(result).toHaveAttribute("data-error", "test.error.card-silent", { wait: 30000 });
    expect(Date.now() - started).toBeLessThan(27000);
    await expect(result).toHaveText(expect.stringContaining("置かれていますが、応答がありません"));
    await expect(pasori).toHaveText(expect.stringContaining("カードあり"));
    await rig.send("remove PaSoRi");
  });

  it("stops a read test at 「中止」", async () => {
    const pasori = reader("SONY FeliCa Port/PaSoRi 4.0 00 00");
    await pasori.$('[data-testid="read-test"]').click();
    await pasori.$('[data-testid="read-test-cancel"]').click();
    const result = pasori.$('[data-testid="test-result"]');
    await expect(result).toHaveAttribute("data-error", "test.error.test-cancelled", { wait: 3000 });
    await expect(result).toHaveText(expect.stringContaining("読み取りテストを中止しました"));
  });

  it("turns red again when the service stops, and recovers when it is back", async () => {
    await rig.send("stop-service");
    await expect(verdict()).toHaveAttribute("data-level", "error");
    await expect($('[data-testid="readers"]')).not.toBeExisting();
    await rig.send("start-service");
    await expect(verdict()).toHaveAttribute("data-level", "ok");
  });
});
