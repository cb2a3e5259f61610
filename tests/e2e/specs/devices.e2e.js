// One device, one row: a dual reader (libccid's ACS ACR1251 Dual Reader: contactless, then SAM) whose SAM
// slot holds a module that never starts, beside two identical PaSoRi 4.0. The dual reader is one row with
// its two slots; the SAM slot is said as such, shows no card and offers no read test; the PaSoRi are
// 「1台目」 and 「2台目」; the home screen counts devices and no card.
import { expect } from "@wdio/globals";
import { startRig, shot } from "../helpers.js";

const DUAL = "ACS ACR1251 Dual Reader";
const PASORI_1 = "SONY FeliCa RC-S300/P (0303109)";
const PASORI_2 = "SONY FeliCa RC-S300/P (0411234)";
const device = (key) => $(`[data-testid="device"][data-device="${key}"]`);

describe("reader devices", () => {
  let rig;
  after(() => rig?.stop());

  it("groups a dual reader's slots, marks its SAM and numbers two identical readers", async () => {
    rig = startRig([DUAL, PASORI_1, PASORI_2].join(";"));
    expect(await rig.ready).toBe("ready");
    await rig.send("insert ACR1251 mute-sam 1");
    await expect($('[data-testid="readers-summary"]')).toHaveText(
      expect.stringContaining("接続中のカードリーダー：3台（カードあり：0台）"),
    );

    await $('[data-testid="open-diagnostics"]').click();
    const dual = device(`${DUAL} 00`);
    await expect(dual).toBeDisplayed();
    await expect(dual.$$('[data-testid="reader"]')).toBeElementsArrayOfSize(2);
    const sam = dual.$(`[data-testid="reader"][data-name="${DUAL} 00 01"]`);
    await expect(sam).toHaveAttribute("data-slot", "sam");
    await expect(sam).toHaveAttribute("data-card", "");
    await expect(sam).toHaveText(expect.stringContaining("SAM（機器内蔵のセキュリティモジュール）"));
    await expect(sam).toHaveText(expect.stringContaining("カードを置く場所ではありません"));
    await expect(sam.$('[data-testid="read-test"]')).not.toExist();
    const contactless = dual.$(`[data-testid="reader"][data-name="${DUAL} 00 00"]`);
    await expect(contactless).toHaveText(expect.stringContaining("非接触の読み取り口"));
    await expect(contactless.$('[data-testid="read-test"]')).toExist();

    await expect(device(`${PASORI_1} 00`).$('[data-testid="device-label"]')).toHaveText(
      "ソニーPaSoRi 4.0 (RC-S300)（1台目）",
    );
    await expect(device(`${PASORI_2} 00`).$('[data-testid="device-label"]')).toHaveText(
      "ソニーPaSoRi 4.0 (RC-S300)（2台目）",
    );
    await shot("diagnostics-devices");

    // A card on the dual reader: the call-out names the device and the slot, never the SAM.
    await rig.send("insert ACR1251 my-number");
    const callout = $$('[data-testid="callout-reader"]');
    await expect(callout).toBeElementsArrayOfSize(1);
    await expect(callout[0]).toHaveAttribute("data-name", `${DUAL} 00 00`);
    await expect(callout[0]).toHaveText(expect.stringContaining("置かれています：ACS ACR1251（非接触・SAM）の非接触の読み取り口"));
    await rig.send("remove ACR1251");
    await rig.send("insert 0411234 my-number");
    await expect($('[data-testid="callout-reader"]')).toHaveText(
      expect.stringContaining("置かれています：ソニーPaSoRi 4.0 (RC-S300)（2台目）"),
    );
    await rig.send("remove 0411234");
  });
});
