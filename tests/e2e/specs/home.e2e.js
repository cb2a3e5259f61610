// The home screen answers first: its top line is the 始業点検's verdict with the one thing to do next, in
// the three states a receptionist meets at 8:30 (service down, no reader fit for phones, all ready), and
// nothing essential falls below the fold at 1080×760 with larger text.
import { expect } from "@wdio/globals";
import path from "node:path";
import { openSettings, shot, startRig, willChoose } from "../helpers.js";

const fixtures = process.env.ONSHI_FIXTURES;
const headline = () => $('[data-testid="home-headline"]');
const headlineText = () => $('[data-testid="home-headline-text"]');

describe("home: the first line says whether the desk is ready", () => {
  let rig;
  after(() => rig?.stop());

  it("with the smart-card service down: red, and leads to the reader check", async () => {
    await expect(headline()).toHaveAttribute("data-level", "error");
    await expect(headline()).toHaveAttribute("data-code", "readers-service-unavailable");
    await expect(headlineText()).toHaveText(expect.stringContaining("スマートカードサービス"));
    await $('[data-testid="home-next"]').click();
    await expect($('[data-testid="nav-readers"]')).toHaveAttribute("aria-current", "page");
    await $('[data-testid="nav-home"]').click();
  });

  it("with only a contact reader: amber, and leads to the smartphone guide", async () => {
    rig = startRig("NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader");
    expect(await rig.ready).toBe("ready");
    await expect(headline()).toHaveAttribute("data-code", "readers-not-ready");
    await expect(headline()).toHaveAttribute("data-level", "warn");
    await expect($('[data-testid="home-smartphone-guide"]')).toBeDisplayed();
    await shot("home-headline-unfit");
    // A CIR315's contact side: the home says to use its 「CL」 side, as the reader check does.
    await rig.send("readers Circle CIR315");
    await expect($('[data-testid="home-reader-advice"]')).toHaveText(expect.stringContaining("CL"));
    await $('[data-testid="home-next"]').click();
    await expect($('[data-testid="guide"]')).toHaveAttribute("data-guide", "smartphone");
    await $('[data-testid="nav-home"]').click();
  });

  it("with a PaSoRi and a healthy certificate: green, ready, the days left on the certificate card", async () => {
    await rig.send("readers SONY FeliCa Port/PaSoRi 4.0");
    willChoose("certificate", path.join(fixtures, "healthy.pem"));
    await $('[data-testid="nav-cert"]').click();
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "valid");
    await $('[data-testid="nav-home"]').click();
    await expect(headline()).toHaveAttribute("data-level", "ok");
    await expect(headlineText()).toHaveText(expect.stringContaining("受付の準備ができています"));
    await expect($('[data-testid="home-next"]')).not.toBeExisting();
    await expect($('[data-testid="home-cert-days"]')).toHaveText(expect.stringMatching(/有効期限まであと\d+日/));
    await expect($('[data-testid="home-smartphone-guide"]')).not.toBeExisting();
    await shot("home-ready");
  });

  it("with the certificate in its renewal window: the renewal steps from the headline and the card", async () => {
    willChoose("certificate", path.join(fixtures, "renewal.pem"));
    await $('[data-testid="nav-cert"]').click();
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "renewal-window");
    await $('[data-testid="nav-home"]').click();
    await expect(headline()).toHaveAttribute("data-next", "renewal-guide");
    await expect($('[data-testid="home-renewal-guide"]')).toBeDisplayed();
    await $('[data-testid="home-next"]').click();
    await expect($('[data-testid="guide"]')).toHaveAttribute("data-guide", "renewal");
    await $('[data-testid="nav-home"]').click();
  });

  it("with larger text at 1080×760: the headline and the readers stay above the fold, in both languages", async () => {
    await browser.setWindowSize(1080, 760);
    await openSettings();
    await $('[data-testid="large-text"]').click();
    await $('[data-testid="settings-menu"] summary').click(); // closes the menu
    await expect(headline()).toBeDisplayedInViewport();
    await expect($('[data-testid="readers-summary"]')).toBeDisplayedInViewport();
    await expect($('[data-testid="home-next"]')).toBeDisplayedInViewport();
    await shot("home-large-text");
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "en");
    await $('[data-testid="settings-menu"] summary').click();
    await expect(headlineText()).toHaveText(expect.stringContaining("Certificate"));
    await expect($('[data-testid="readers-summary"]')).toBeDisplayedInViewport();
    await shot("home-large-text-en");
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "ja");
    await $('[data-testid="large-text"]').click();
    await $('[data-testid="settings-menu"] summary').click();
  });
});
