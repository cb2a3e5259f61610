// The home screen answers first: its top line says what the desk can do (受付できます / no smartphones /
// no online checks), the one thing to do next and whom to call with the number the vendor entered, in the
// states a receptionist meets at 8:30 (service down, no reader fit for phones, all ready before and after
// today's 始業点検), and nothing essential falls below the fold at 1080×760 with larger text.
import { expect } from "@wdio/globals";
import path from "node:path";
import { openSettings, shot, startRig, willChoose } from "../helpers.js";

const fixtures = process.env.ONSHI_FIXTURES;
const headline = () => $('[data-testid="home-headline"]');
const headlineText = () => $('[data-testid="home-headline-text"]');

describe("home: the first line says whether the desk is ready", () => {
  let rig;
  after(() => rig?.stop());

  it("with the smart-card service down: red, what it means at the desk, and the vendor's number", async () => {
    await expect(headline()).toHaveAttribute("data-level", "error");
    await expect(headline()).toHaveAttribute("data-code", "readers-service-unavailable");
    await expect(headline()).toHaveAttribute("data-consequence", "no-smartphone");
    await expect(headlineText()).toHaveText("スマートフォンのマイナ保険証は受け付けられません");
    await expect($('[data-testid="home-headline-detail"]')).toHaveText(
      "スマートカードサービスが動いていません（マイナンバーカードは顔認証付きカードリーダーで受け付けられます）",
    );
    await expect($('[data-testid="home-call"]')).toHaveText(expect.stringContaining("「設定」の「連絡先」"));
    await expect($('[data-testid="home-item"]')).toHaveText("項目R-02");
    await expect($('[data-testid="home-checked"]')).toHaveText(expect.stringContaining("本日の始業点検はまだです"));
    await expect($('[data-testid="home-unseen"]')).toHaveText(expect.stringContaining("目でご確認ください"));
    // The vendor enters their name and number once, in 「設定」's 「連絡先」: the red line then names them.
    await openSettings();
    await $('[data-testid="contacts-vendor-phone"]').setValue("電話して");
    await $('[data-testid="contacts-save"]').click();
    await expect($('[data-testid="contacts-message"]')).toHaveText(expect.stringContaining("電話番号には数字"));
    await $('[data-testid="contacts-vendor-name"]').setValue("〇〇メディカルシステム");
    await $('[data-testid="contacts-vendor-phone"]').setValue("03-1234-5678");
    await $('[data-testid="contacts-save"]').click();
    await expect($('[data-testid="contacts-message"]')).toHaveText("保存しました。");
    await shot("settings-contacts");
    await $('[data-testid="settings-menu"] summary').click();
    await browser.waitUntil(async () => (await $('[data-testid="home-call"]').getText()).includes("〇〇メディカルシステム（03-1234-5678）"), {
      timeoutMsg: "the red line never named the vendor's number",
    });
    await shot("home-headline-red-contact");
    await $('[data-testid="home-next"]').click();
    await expect($('[data-testid="nav-readers"]')).toHaveAttribute("aria-current", "page");
    await $('[data-testid="nav-home"]').click();
  });

  it("with only a contact reader: amber, and leads to the smartphone guide", async () => {
    rig = startRig("NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader");
    expect(await rig.ready).toBe("ready");
    await expect(headline()).toHaveAttribute("data-code", "readers-not-ready");
    await expect(headline()).toHaveAttribute("data-level", "warn");
    // The first line offers the guide; the card does not offer it a second time.
    await expect(headline()).toHaveAttribute("data-next", "smartphone-guide");
    await expect($('[data-testid="home-smartphone-guide"]')).not.toBeExisting();
    await shot("home-headline-unfit");
    // A CIR315's contact side: the home says to use its 「CL」 side, as the reader check does.
    await rig.send("readers Circle CIR315");
    await expect($('[data-testid="home-reader-advice"]')).toHaveText(expect.stringContaining("CL"));
    await $('[data-testid="home-next"]').click();
    await expect($('[data-testid="guide"]')).toHaveAttribute("data-guide", "smartphone");
    await $('[data-testid="nav-home"]').click();
  });

  it("with a PaSoRi and a healthy certificate: 本日の始業点検はまだです, then 受付できます once it ran", async () => {
    await rig.send("readers SONY FeliCa Port/PaSoRi 4.0");
    willChoose("certificate", path.join(fixtures, "healthy.pem"));
    await $('[data-testid="nav-cert"]').click();
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "valid");
    await $('[data-testid="nav-home"]').click();
    // Nothing wrong in sight, but nobody has looked today: neutral, never green, and one button.
    await expect(headline()).toHaveAttribute("data-level", "info");
    await expect(headlineText()).toHaveText(expect.stringContaining("本日の始業点検はまだです"));
    await expect($('[data-testid="home-checked"]')).toHaveText(expect.stringContaining("本日の始業点検はまだです。"));
    await expect($('[data-testid="home-next"]')).not.toBeExisting();
    await expect($('[data-testid="desk-check-start"]')).toHaveElementClass("primary");
    await shot("home-not-checked-yet");
    await $('[data-testid="desk-check-start"]').click();
    await expect($('[data-testid="desk-overall"]')).toBeDisplayed();
    await $('[data-testid="nav-home"]').click();
    await expect(headline()).toHaveAttribute("data-level", "ok");
    await expect(headlineText()).toHaveText(expect.stringMatching(/^受付できます。本日\d\d:\d\dの始業点検で/));
    await expect($('[data-testid="home-checked"]')).toHaveText(expect.stringMatching(/本日の始業点検：\d\d:\d\dに実施/));
    await expect($('[data-testid="home-next"]')).not.toBeExisting();
    await expect($('[data-testid="home-cert-days"]')).toHaveText(expect.stringMatching(/有効期限まであと\d+日/));
    await expect($('[data-testid="home-smartphone-guide"]')).not.toBeExisting();
    await shot("home-ready");
  });

  it("with the certificate in its renewal window: the renewal steps from the headline, not twice", async () => {
    willChoose("certificate", path.join(fixtures, "renewal.pem"));
    await $('[data-testid="nav-cert"]').click();
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "renewal-window");
    await $('[data-testid="nav-home"]').click();
    await expect(headline()).toHaveAttribute("data-next", "renewal-guide");
    await expect($('[data-testid="home-renewal-guide"]')).not.toBeExisting();
    await $('[data-testid="home-next"]').click();
    await expect($('[data-testid="guide"]')).toHaveAttribute("data-guide", "renewal");
    await $('[data-testid="nav-home"]').click();
  });

  it("with larger text at 1080×760: the headline and the readers stay above the fold, in both languages", async () => {
    await browser.setWindowSize(1080, 760);
    await openSettings();
    await $('[data-testid="large-text"]').click();
    await $('[data-testid="settings-menu"] summary').click(); // closes the menu
    await shot("home-large-text");
    // The first line carries what to do and whom to call; the readers' panel begins above the fold.
    await expect(headline()).toBeDisplayedInViewport();
    await expect($('[data-testid="home-next"]')).toBeDisplayedInViewport();
    await expect($('#home-readers-title')).toBeDisplayedInViewport();
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "en");
    await $('[data-testid="settings-menu"] summary').click();
    await expect($('[data-testid="home-headline-detail"]')).toHaveText(expect.stringContaining("Certificate"));
    await expect($('#home-readers-title')).toBeDisplayedInViewport();
    await shot("home-large-text-en");
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "ja");
    await $('[data-testid="large-text"]').click();
    await $('[data-testid="settings-menu"] summary').click();
  });
});
