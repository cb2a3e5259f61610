// A card reader that is plugged in but that the smart-card service does not present: a Sony RC-S380 on
// USB (umockdev's fake sysfs, tests/usb/sony-rc-s380-s.umockdev) beside the rig's readers. Staff must see
// the reader named, told it cannot be used yet and why, never "no reader connected"; the tray turns amber.
import { expect } from "@wdio/globals";
import { shot, startRig, tray, trayLabels } from "../helpers.js";

const AMBER = [0x8a, 0x53, 0x00]; // app.css --warn
const finding = () => $('[data-testid="usb-finding"][data-usb-id="054C:06C1"]');

describe("a reader on USB that the smart-card service does not present", () => {
  let rig;
  after(() => rig?.stop());

  it("is named on the home screen with what to do, even while the service is down", async () => {
    await expect(finding()).toBeDisplayed();
    await expect(finding()).toHaveAttribute("data-kind", "usb-only");
    await expect(finding()).toHaveText(expect.stringContaining("「ソニーPaSoRi (RC-S380)」は接続されていますが、カードリーダーとして使える状態になっていません"));
    await expect(finding()).toHaveText(expect.stringContaining("スマートカードのサービス（pcscd）が動いていません"));
  });

  it("keeps the finding once the service runs, with Linux's cause for this model", async () => {
    rig = startRig();
    expect(await rig.ready).toBe("ready");
    await expect(finding()).toHaveText(expect.stringContaining("Linuxではカードリーダー（PC/SC）として使えません"));
    await expect(finding()).not.toHaveText(expect.stringContaining("pcscd)が動いていません"));
    // The rig's phone-fit readers work: the desk can still take phones, so the line says "act", not "cannot".
    const headline = $('[data-testid="home-headline"]');
    await expect(headline).toHaveAttribute("data-code", "readers-usb-only-beside-ready");
    await expect(headline).toHaveAttribute("data-consequence", "act");
    await expect($('[data-testid="home-headline-text"]')).toHaveText("受付できます。対応が必要なことがあります");
    await shot("home-usb-only");
  });

  it("lists every cause with its steps on 「カードリーダー診断」", async () => {
    await $('[data-testid="open-diagnostics"]').click();
    const cause = finding().$('[data-code="no-linux-driver"]');
    await expect(cause).toBeDisplayed();
    await expect(cause).toHaveText(expect.stringContaining("PaSoRi 4.0（RC-S300）など、標準のCCIDに対応した機種をお使いください。"));
    // The USB id is for the vendor: folded away until 「技術者向けの詳細」 is opened.
    const usbId = finding().$('[data-testid="usb-tech"] p');
    await expect(usbId).not.toBeDisplayed();
    await finding().$('[data-testid="usb-tech"] summary').click();
    await expect(usbId).toBeDisplayed();
    await expect(usbId).toHaveText("USB ID: 054C:06C1");
    // One block says what is wrong: no second amber box pointing elsewhere.
    await expect($('[data-testid="readers-verdict"]')).not.toBeExisting();
    await expect($('[data-testid="advice-call"]')).toHaveText(expect.stringContaining("解決しない場合の連絡先"));
    await expect($('[data-testid="advice-item"]')).toHaveText(expect.stringMatching(/^項目R-\d\d$/));
    await shot("diagnostics-usb-only");
  });

  it("turns the tray amber and names the reader there", async () => {
    await browser.waitUntil(() => trayLabels().some((l) => l.includes("「ソニーPaSoRi (RC-S380)」")), {
      timeoutMsg: `tray: ${trayLabels()}`,
    });
    expect(tray()?.colour?.slice(0, 3)).toEqual(AMBER);
  });
});
