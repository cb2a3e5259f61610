// For npm run bench (not part of npm test): saves the home screen of the running app, as the rig's
// default readers show it, as static HTML — the page's DOM without its scripts, and the styles it uses
// as one file — into $ONSHI_BENCH_HOME_PAGE. The bare Tauri app (crates/onshi-bare-app) then shows that
// page, so that "window open" memory compares the two apps drawing the same screen.
import { expect } from "@wdio/globals";
import fs from "node:fs";
import path from "node:path";
import { startRig } from "../e2e/helpers.js";

describe("the home screen as static HTML", () => {
  it("is saved from the running app", async () => {
    const out = process.env.ONSHI_BENCH_HOME_PAGE;
    if (!out) throw new Error("ONSHI_BENCH_HOME_PAGE must name the folder to save into");
    const rig = startRig();
    try {
      expect(await rig.ready).toBe("ready");
      // The page has its data: the readers' verdict and the certificate card are drawn.
      await expect($('[data-testid="readers-verdict"]')).toBeDisplayed();
      await expect($('[data-testid="home-cert"]')).toBeDisplayed();
      const page = await browser.execute(() => {
        const css = [...document.styleSheets]
          .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
          .join("\n");
        const root = document.documentElement.cloneNode(true);
        root.querySelectorAll("script, link, style").forEach((node) => node.remove());
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = "/home.css";
        root.querySelector("head").append(link);
        return { html: "<!doctype html>\n" + root.outerHTML, css };
      });
      expect(page.html).toContain("data-testid=\"readers-verdict\"");
      expect(page.css.length).toBeGreaterThan(1000);
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, "index.html"), page.html);
      fs.writeFileSync(path.join(out, "home.css"), page.css);
    } finally {
      rig.stop();
    }
  });
});
