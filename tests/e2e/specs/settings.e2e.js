// A damaged settings file is moved aside and the user is told where; the language setting works and is saved.
import { expect } from "@wdio/globals";
import { shot, openSettings } from "../helpers.js";
import fs from "node:fs";
import path from "node:path";

const dataDir = process.env.ONSHI_APP_DATA;

describe("settings", () => {
  it("tells the user that a damaged settings file was kept aside", async () => {
    const notice = $('[data-testid="settings-damaged"]');
    await expect(notice).toBeDisplayed();
    await expect(notice).toHaveText(expect.stringContaining("設定ファイルが壊れていたため"));
    const aside = fs.readdirSync(dataDir).find((name) => name.startsWith("settings.json.damaged-"));
    expect(aside).toBeDefined();
    await expect(notice).toHaveText(expect.stringContaining(aside));
    expect(fs.readFileSync(path.join(dataDir, aside), "utf8")).toBe('{"settings": {"language": "e');
    await shot("settings-damaged");
    await notice.$("button").click();
    await expect(notice).not.toBeExisting();
  });

  it("switches to English at once and remembers it", async () => {
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "en");
    await expect($("h1")).toHaveText("Onshi Assistant");
    await browser.waitUntil(() => {
      const file = path.join(dataDir, "settings.json");
      return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).settings?.language === "en";
    }, { timeoutMsg: "settings.json does not say en" });
    await openSettings();
    await $('[data-testid="language"]').selectByAttribute("value", "ja");
    await expect($("h1")).toHaveText("オン資アシスタント");
  });

  it("makes all text larger for older staff, and remembers it", async () => {
    const rootSize = () => browser.execute(() => getComputedStyle(document.documentElement).fontSize);
    expect(await rootSize()).toBe("16px");
    await openSettings();
    await $('[data-testid="large-text"]').click();
    expect(await rootSize()).toBe("20px");
    await browser.waitUntil(() => JSON.parse(fs.readFileSync(path.join(dataDir, "settings.json"), "utf8")).settings?.large_text === true, {
      timeoutMsg: "settings.json does not keep large_text",
    });
    await shot("large-text");
  });

  it("can be used from the keyboard alone, with a focus ring defined for every control", async () => {
    await browser.keys(["Tab"]);
    const tag = await browser.execute(() => document.activeElement?.tagName);
    expect(["SELECT", "INPUT", "BUTTON", "A"]).toContain(tag);
    // Xvfb has no window manager, so the window never holds OS focus and :focus cannot match here;
    // check the rule the page would apply instead.
    const ring = await browser.execute(() => {
      for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (rule.selectorText === ":focus") return rule.style.cssText;
        }
      }
      return "";
    });
    expect(ring).toContain("outline: 3px solid");
  });
});
