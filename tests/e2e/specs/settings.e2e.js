// A damaged settings file is moved aside and the user is told where; the language setting works and is saved.
import { expect } from "@wdio/globals";
import { shot } from "../helpers.js";
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
    await $('[data-testid="language"]').selectByAttribute("value", "en");
    await expect($("h1")).toHaveText("Onshi Assistant");
    await browser.waitUntil(() => {
      const file = path.join(dataDir, "settings.json");
      return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).settings?.language === "en";
    }, { timeoutMsg: "settings.json does not say en" });
    await $('[data-testid="language"]').selectByAttribute("value", "ja");
    await expect($("h1")).toHaveText("オン資アシスタント");
  });
});
