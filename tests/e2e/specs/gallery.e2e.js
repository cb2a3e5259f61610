// Every screen a receptionist uses, in Japanese and in English, each with normal and with larger text, at the
// window's usual size (1080×760): home, 「始業点検」, 「カードリーダー診断」 with a card called out and tested, the smartphone
// guide's phone step, 「電子証明書」, 「サポート用レポート」 and the 「設定」 menu. Saved as
// tests/e2e/out/gallery/SCREEN-LANG[-large].png (docs/screenshots/gallery/ keeps copies for the README).
// On each: nothing is wider than the window, and in English no Japanese is left outside 「」 (labels quoted
// from Japanese software) and the report (always Japanese, for the help desk).
import { expect } from "@wdio/globals";
import fs from "node:fs";
import path from "node:path";
import { atStep, choose, next, openGuide, openSettings, shot, startRig, willChoose } from "../helpers.js";

const fixtures = process.env.ONSHI_FIXTURES;
const PASORI = "SONY FeliCa Port/PaSoRi 4.0 00 00";
const USBNFC4 = "Circle USBNFC4 00 00";
/** The narrowest window the app allows (src-tauri/tauri.conf.json's minWidth). */
const MIN_WIDTH = 720;
const VARIANTS = [
  { language: "ja", large: false },
  { language: "ja", large: true },
  { language: "en", large: false },
  { language: "en", large: true },
];

/** Sets the language and the text size from the 「設定」 menu, then closes it. */
async function setPrefs({ language, large }) {
  await openSettings();
  await $('[data-testid="language"]').selectByAttribute("value", language);
  const box = $('[data-testid="large-text"]');
  if ((await box.isSelected()) !== large) await box.click();
  await $('[data-testid="settings-menu"] summary').click();
}

/** What a person would notice on the screen as it is: a sideways scroll bar, and Japanese left in English. */
async function looksRight({ language }) {
  const { overflow, leftovers, squeezed } = await browser.execute((english) => {
    const width = document.documentElement.clientWidth;
    const excess = document.documentElement.scrollWidth - width;
    // When the screen scrolls sideways, the innermost shown elements past its right edge, so a failure
    // names them.
    const past = excess <= 0 ? [] : [...document.body.querySelectorAll("*")].filter((el) => {
      const box = el.getBoundingClientRect();
      const folded = el.closest("details:not([open])") && !el.closest("summary"); // a closed menu's inside
      return !folded && box.width > 0 && box.height > 0 && box.right > width + 0.5;
    });
    const named = past
      .filter((el) => !past.some((other) => other !== el && el.contains(other)))
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${el.dataset.testid ?? ""}`.trim());
    const overflow = excess <= 0 ? [] : named.length ? named : [`${excess}px`];
    // A box squeezed narrower than about 6 em that breaks its own words over lines (「カードあ／り」 in a
    // column too narrow for it): text a person cannot read at a glance.
    const squeezed = [...document.body.querySelectorAll("*")]
      .filter((el) => {
        const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent.trim()).join("");
        if (own.length < 3 || el.closest("details:not([open])")) return false;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize);
        const line = parseFloat(style.lineHeight) || size * 1.5;
        const inner = box.height - ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"]
          .reduce((sum, side) => sum + (parseFloat(style[side]) || 0), 0);
        return box.width > 0 && box.width < 6 * size && inner > 1.6 * line;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} «${el.textContent.trim().slice(0, 20)}»`);
    if (!english) return { overflow, leftovers: [], squeezed };
    const copy = document.body.cloneNode(true);
    // The report is Japanese by design; a language menu names each language in itself; names from a
    // certificate are its own (translate="no").
    copy.querySelectorAll('[data-testid="report-preview"], select, [translate="no"]').forEach((node) => node.remove());
    document.body.appendChild(copy); // innerText needs a rendered node
    const text = copy.innerText;
    copy.remove();
    const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
    const leftovers = text
      .split("\n")
      .map((line) => line.replace(/「[^」]*」/g, ""))
      .filter((line) => japanese.test(line));
    return { overflow, leftovers, squeezed };
  }, language === "en");
  expect(overflow).toEqual([]); // nothing makes the screen scroll sideways
  expect(leftovers).toEqual([]);
  expect(squeezed).toEqual([]); // no column too narrow for its own words
}

async function capture(screen, variant) {
  await looksRight(variant);
  await browser.execute(() => window.scrollTo(0, 0)); // each screen as it opens
  await shot(`gallery/${screen}-${variant.language}${variant.large ? "-large" : ""}`);
}

describe("every screen, in both languages and with larger text", () => {
  let rig;
  after(() => rig?.stop());

  before(async () => {
    fs.mkdirSync(path.join("tests/e2e/out/gallery"), { recursive: true });
    await browser.setWindowSize(1080, 760);
    rig = startRig();
    expect(await rig.ready).toBe("ready");
    // A certificate in its renewal window: the home's headline leads to the renewal guide.
    willChoose("certificate", path.join(fixtures, "renewal.pem"));
    await $('[data-testid="nav-cert"]').click();
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "renewal-window");

    // The smartphone guide walked to its phone step, where a phone is tested from the step itself.
    await openGuide("smartphone");
    await choose("ほかのメーカー");
    for (const step of ["prepare", "placement", "connect"]) {
      await atStep(step);
      await next();
    }
    await choose("アルメックス");
    for (const step of ["pair-almex", "name-almex", "almex-card"]) {
      await atStep(step);
      await next();
    }
    await atStep("card-app");
    await rig.send("insert PaSoRi my-number");
    await expect($('[data-testid="step-check"]')).toHaveAttribute("data-met", "true");
    await next();
    await atStep("restart-app");
    await next();
    await atStep("smartphone-button");
    await next();
    await atStep("phone-test");
    await rig.send("remove PaSoRi");
    await rig.send("insert PaSoRi android");
    const inStep = $(`[data-testid="step-readers"] [data-testid="reader"][data-name="${PASORI}"]`);
    await inStep.$('[data-testid="read-test"]').click();
    await expect($('[data-testid="step-check"]')).toHaveAttribute("data-met", "true");
  });

  for (const variant of VARIANTS) {
    const name = `${variant.language}${variant.large ? ", larger text" : ""}`;

    it(`${name}: home, the 「設定」 menu, the readers, the phone step, the certificate, the report`, async () => {
      await $('[data-testid="nav-home"]').click();
      await setPrefs(variant);
      await expect($("html")).toHaveAttribute("lang", variant.language);
      await expect($('[data-testid="home-headline"]')).toHaveAttribute("data-next", "renewal-guide");
      await expect($('[data-testid="home-next"]')).toBeDisplayedInViewport();
      await capture("home", variant);

      // 「始業点検」 with the terminal around the reader in its groups (a phone lies on the PaSoRi: read-tested).
      // The areas fill in one by one, each step drawing the list anew: wait for the finished check.
      await $('[data-testid="desk-check-start"]').click();
      await expect($('[data-testid="desk-overall"]')).toBeExisting();
      await expect($('[data-testid="desk-area"][data-area="clock"]')).toBeExisting();
      await expect($$('[data-testid="desk-group"]')).toBeElementsArrayOfSize(4);
      await capture("desk-check", variant);
      await $('[data-testid="nav-home"]').click();

      await openSettings();
      await capture("settings", variant);
      await $('[data-testid="settings-menu"] summary').click();

      await $('[data-testid="nav-readers"]').click();
      await expect($('[data-testid="callout-reader"]')).toHaveAttribute("data-name", PASORI);
      await expect($('[data-testid="callout-reader"] [data-testid="test-result"]')).toHaveAttribute(
        "data-holder",
        "smartphone-android",
      );
      await capture("readers", variant);
      // A card placed on another reader moves no button (the call-out's, every row's), at this width and in
      // the narrowest window, where the state and the button share less room.
      const usbnfc4 = $(`[data-testid="reader"][data-name="${USBNFC4}"]`);
      const buttons = async () =>
        Promise.all(await $$('[data-testid="callout-read-test"], [data-testid="read-test"]').map((b) => b.getLocation()));
      for (const width of [1080, MIN_WIDTH]) {
        await browser.setWindowSize(width, 760);
        await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) <= width);
        const before = await buttons();
        await rig.send("insert USBNFC4 my-number"); // Type B: the longest kind, on every row's card line
        await expect(usbnfc4).toHaveAttribute("data-card", "type-b");
        await expect($('[data-testid="callout-reader"]')).toHaveAttribute("data-name", USBNFC4);
        expect(await buttons()).toEqual(before);
        if (width === MIN_WIDTH) await capture("readers-narrow", variant);
        await rig.send("remove USBNFC4");
        await expect(usbnfc4).toHaveAttribute("data-card", "");
      }
      await browser.setWindowSize(1080, 760);

      await openGuide("smartphone");
      await atStep("phone-test");
      await expect($('[data-testid="step-check"]')).toHaveAttribute("data-met", "true");
      await capture("guide-phone-test", variant);

      await $('[data-testid="nav-cert"]').click();
      await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "renewal-window");
      await capture("certificate", variant);

      await $('[data-testid="nav-report"]').click();
      await expect($('[data-testid="report-preview"]')).toHaveText(expect.stringContaining("[まとめ]"));
      await capture("report", variant);
    });
  }
});
