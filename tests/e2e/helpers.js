// Shared by the specs: the rig as a child process, and screenshots.
import { expect } from "@wdio/globals";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

/** The rig (onshi-rig --control): one command per line, answered "ok". */
export function startRig(readers = "default") {
  const child = spawn(process.env.ONSHI_RIG, ["--readers", readers, "--control"], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout });
  const pending = [];
  lines.on("line", (line) => pending.shift()?.(line));
  const next = () => new Promise((resolve) => pending.push(resolve));
  return {
    ready: next(),
    /** Runs a command; resolves with what follows "ok" (the `uid` command's answer), else "". */
    async send(command) {
      const answer = next();
      child.stdin.write(command + "\n");
      const line = await answer;
      if (line !== "ok" && !line.startsWith("ok ")) throw new Error(`rig: ${command} → ${line}`);
      return line.slice(3);
    },
    stop: () => child.kill(),
  };
}

/** Saves tests/e2e/out/NAME.png. WebKitWebDriver can hand back the frame before the last paint, so the
 *  first capture is thrown away. */
export async function shot(name) {
  await browser.pause(300);
  await browser.takeScreenshot();
  await browser.pause(200);
  await browser.saveScreenshot(`tests/e2e/out/${name}.png`);
}

/** What the app's next native dialog of `kind` (certificate, backup, folder, save) will "choose": the app
 *  reads it from ONSHI_TEST_PICKS, since WebDriver cannot reach a GTK dialog. */
export function willChoose(kind, file) {
  fs.writeFileSync(path.join(process.env.ONSHI_TEST_PICKS, kind), file);
}

/** The app's environment: its own home, so the login-start entry lands in the test's folder. */
export const appEnv = () => ({ ...process.env, HOME: process.env.ONSHI_APP_HOME });

/** Calls the test desktop (tests/e2e/desktop_bus.py) with gdbus; answers the method's one value. */
export function desk(method, ...args) {
  const out = execFileSync(
    "gdbus",
    ["call", "--session", "--dest", "jp.onshi.TestDesk", "--object-path", "/TestDesk", "--method", `jp.onshi.TestDesk.${method}`, ...args],
    { encoding: "utf8" },
  ).trim();
  const text = out.match(/^\('(.*)',\)$/s);
  if (text) return JSON.parse(text[1].replace(/\\(['\\])/g, "$1"));
  const number = out.match(/^\((?:uint32 )?(\d+|true|false),\)$/);
  return number ? JSON.parse(number[1]) : out;
}

/** A GVariant string literal for gdbus. */
export const gvariantString = (text) => `'${text.replace(/[\\']/g, "\\$&")}'`;

// The desktop lives for the whole run; each spec looks only at what came after its start.
let notificationsBefore = 0;
/** Forgets the notifications of earlier specs' apps. */
export const forgetNotifications = () => (notificationsBefore = desk("Notifications").length);

/** The notifications the desktop has received since forgetNotifications(). */
export const notifications = () => desk("Notifications").slice(notificationsBefore);

/** Waits for a notification whose title contains `text`; resolves with it. */
export async function notificationTitled(text, timeout = 10000) {
  let found;
  await browser.waitUntil(() => (found = notifications().find((n) => n.summary.includes(text))), {
    timeout,
    timeoutMsg: `no notification titled ${text}: ${JSON.stringify(notifications().map((n) => n.summary))}`,
  });
  return found;
}

/** The tray as a panel sees it: its menu's words and its icon's colour. */
export const tray = () => desk("Tray");
export const trayLabels = () => tray()?.menu.map((entry) => entry.label) ?? [];

/** Closes the app's window with its close button (the app stays in the tray). */
export const closeWindow = () => desk("CloseWindow", gvariantString("オン資アシスタント"));
export const windowCount = () => desk("WindowCount", gvariantString("オン資アシスタント"));

/** Waits for the app's window to be there again and points WebDriver at it. */
export async function followNewWindow() {
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length > 0 && windowCount() === 1, {
    timeout: 15000,
    timeoutMsg: "the window did not come back",
  });
  const [handle] = await browser.getWindowHandles();
  await browser.switchToWindow(handle);
  await $('[data-testid="nav-home"]').waitForDisplayed({ timeout: 15000 });
}

/** Opens the header's 「設定」 menu (language, larger text, login start), if it is not open. */
export async function openSettings() {
  const menu = $('[data-testid="settings-menu"]');
  if ((await menu.getAttribute("open")) === null) await menu.$("summary").click();
}

/** A guide on screen, by the steps' data attributes: open one from home, check the step, press
 *  「次へ」, pick a choice by its words. */
export const guide = () => $('[data-testid="guide"]');
export async function openGuide(id) {
  await $('[data-testid="nav-home"]').click();
  await $(`[data-testid="open-guide"][data-guide="${id}"]`).click();
  await expect(guide()).toHaveAttribute("data-guide", id);
}
export const atStep = (id) => expect(guide()).toHaveAttribute("data-step", id);
export const next = () => $('[data-testid="guide-next"]').click();
export async function choose(label) {
  for (const button of await $$('[data-testid="guide-choice"]')) {
    if ((await button.getText()).includes(label)) return button.click();
  }
  throw new Error(`no choice ${label}`);
}
