// The app as the quiet colleague in the notification area, on a first start: the login-start question,
// the tray's colour and words, notifications on the test's own session D-Bus (a recording
// org.freedesktop.Notifications server, not a mock in the app), the window closed to the tray and made
// again from its menu, a second start that opens the first, a notification's screen, and the app started
// afresh (without WebKit's memory) once its window has been closed a while.
import { expect } from "@wdio/globals";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  appEnv,
  closeWindow,
  desk,
  followNewWindow,
  forgetNotifications,
  gvariantString,
  notificationTitled,
  notifications,
  shot,
  startRig,
  tray,
  trayLabels,
  willChoose,
  windowCount,
  openSettings,
} from "../helpers.js";

const GREEN = [0x1a, 0x7a, 0x3c]; // app.css --ok, --warn, --error
const AMBER = [0x8a, 0x53, 0x00];
const RED = [0xb3, 0x26, 0x1e];
const trayColour = () => tray()?.colour?.slice(0, 3);
const SMARTPHONE_READERS = ["SONY FeliCa Port/PaSoRi 4.0", "SONY FeliCa RC-S300/P (0303109)", "Circle CIR315 CL", "Circle USBNFC4"];
const OTHER_READER = "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader";

describe("resident in the notification area", () => {
  let rig;
  before(forgetNotifications);
  after(() => rig?.stop());

  it("asks once whether to start at login, then writes and removes the login entry", async () => {
    await expect($('[data-testid="autostart-question"]')).toBeDisplayed();
    await shot("first-run-autostart");
    await $('[data-testid="autostart-yes"]').click();
    await expect($('[data-testid="autostart-question"]')).not.toBeDisplayed();
    const entry = path.join(process.env.ONSHI_APP_HOME, ".config/autostart/オン資アシスタント.desktop");
    await browser.waitUntil(() => fs.existsSync(entry), { timeoutMsg: `no ${entry}` });
    const text = fs.readFileSync(entry, "utf8");
    expect(text).toContain(`Exec=${fs.realpathSync(process.env.ONSHI_APP)} --autostart`);
    await openSettings();
    await expect($('[data-testid="autostart"]')).toBeSelected();
    await $('[data-testid="autostart"]').click();
    await browser.waitUntil(() => !fs.existsSync(entry), { timeoutMsg: "the login entry stayed" });
    await expect($('[data-testid="autostart"]')).not.toBeSelected();
  });

  it("puts the worst state on the tray: red without the service, green with a smartphone-ready reader", async () => {
    expect(tray().items).toBe(1);
    expect(trayLabels()).toEqual(expect.arrayContaining(["オン資アシスタントを開く", "終了", "スマートカードサービスが動いていません"]));
    expect(trayColour()).toEqual(RED);
    rig = startRig();
    expect(await rig.ready).toBe("ready");
    await browser.waitUntil(() => trayLabels().some((l) => l.startsWith("汎用カードリーダー：接続中5台")), {
      timeoutMsg: `tray: ${trayLabels()}`,
    });
    expect(trayColour()).toEqual(GREEN);
  });

  it("turns amber for a certificate in its renewal window, and says so once in a notification", async () => {
    willChoose("certificate", path.join(process.env.ONSHI_FIXTURES, "renewal.pem"));
    await $('[data-testid="nav-cert"]').click();
    await $('[data-testid="cert-open"]').click();
    await browser.waitUntil(() => trayLabels().some((l) => l.includes("更新してください")), { timeoutMsg: `tray: ${trayLabels()}` });
    expect(trayColour()).toEqual(AMBER);
    const note = await notificationTitled("電子証明書の有効期限まであと");
    expect(note.body).toContain("MPKIクライアントで更新してください");
    // Opened again the same day: no second notification for the same cause.
    await $('[data-testid="cert-open"]').click();
    await browser.pause(1500);
    expect(notifications().filter((n) => n.summary.includes("有効期限まであと"))).toHaveLength(1);
  });

  it("keeps running in the tray when the window is closed, says so the first time, and reopens from the menu", async () => {
    expect(closeWindow()).toBe(1);
    const notice = await notificationTitled("通知領域で動いています");
    expect(notice.body).toContain("「終了」");
    await browser.waitUntil(() => windowCount() === 0, { timeoutMsg: "the window is still there" });
    expect(tray().items).toBe(1);
    expect(desk("ClickMenu", gvariantString("オン資アシスタントを開く"))).toBe(true);
    await followNewWindow();
    // It opens on the screen of the last notification (the certificate's), showing the certificate the
    // tray follows, though this window never opened its file.
    await expect($('[data-testid="nav-cert"]')).toHaveAttribute("aria-current", "page");
    await expect($('[data-testid="cert-countdown"]')).toHaveAttribute("data-status", "renewal-window");
    // A second close says nothing more.
    closeWindow();
    await browser.waitUntil(() => windowCount() === 0);
    await browser.pause(1000);
    expect(notifications().filter((n) => n.summary.includes("通知領域で動いています"))).toHaveLength(1);
  });

  it("hands a second start over to the running app, which opens its window", async () => {
    const second = spawnSync(process.env.ONSHI_APP, [], { env: appEnv(), timeout: 20000 });
    expect(second.status).toBe(0);
    await followNewWindow();
    expect(tray().items).toBe(1);
  });

  it("asks for a backup once the certificate has been renewed, and turns green with the new one", async () => {
    await $('[data-testid="nav-cert"]').click();
    willChoose("certificate", path.join(process.env.ONSHI_FIXTURES, "healthy.pem"));
    await $('[data-testid="cert-open"]').click();
    const note = await notificationTitled("バックアップを作成してください");
    expect(note.body).toContain("更新後の電子証明書のバックアップがまだ確認されていません");
    await browser.waitUntil(() => trayColour()?.join() === GREEN.join(), { timeoutMsg: `colour ${trayColour()}` });
  });

  it("tells staff when the smartphone-ready reader is gone for over 30 s and when it is back", async () => {
    await rig.send(`readers ${OTHER_READER}`);
    const gone = await notificationTitled("汎用カードリーダー（スマートフォン用）が外れています", 60000);
    expect(gone.body).toContain("30秒以上");
    expect(trayLabels()).toContain("スマートフォンに対応した汎用カードリーダーがありません");
    expect(trayColour()).toEqual(AMBER);
    await rig.send(`readers ${[...SMARTPHONE_READERS, OTHER_READER].join(";")}`);
    await notificationTitled("汎用カードリーダー（スマートフォン用）がつながりました", 15000);
    await browser.waitUntil(() => trayLabels().some((l) => l.startsWith("汎用カードリーダー：接続中5台")), { timeoutMsg: `tray: ${trayLabels()}` });
  });

  it("opens on the screen a notification was about when it is clicked", async () => {
    await $('[data-testid="nav-cert"]').click();
    closeWindow();
    await browser.waitUntil(() => windowCount() === 0);
    const back = notifications().find((n) => n.summary.includes("つながりました"));
    desk("ClickNotification", `${back.id}`);
    await followNewWindow();
    await expect($('[data-testid="nav-readers"]')).toHaveAttribute("aria-current", "page");
  });

  it("draws the reader's drop-out on the timeline of 「カードリーダー診断」, with yesterday's and a hint", async () => {
    // Yesterday, as the app would have written it: a PaSoRi that dropped out three times.
    const yesterday = new Date(Date.now() + (9 - 24) * 3600 * 1000).toISOString().slice(0, 10);
    const pasori = "SONY FeliCa Port/PaSoRi 4.0 00 00";
    const contact = `${OTHER_READER} 00 00`;
    const day = [
      ["08:30", "watch-started"], ["08:30", "reader-added", contact], ["08:30", "reader-added", pasori],
      ["09:12", "reader-removed", pasori], ["09:13", "reader-added", pasori],
      ["10:40", "reader-removed", pasori], ["10:42", "reader-added", pasori],
      ["14:05", "reader-removed", pasori], ["14:30", "reader-added", pasori], ["18:30", "watch-stopped"],
    ].map(([time, event, reader]) => JSON.stringify({ at: `${yesterday}T${time}:00.000+09:00`, event, reader }));
    const historyDir = path.join(process.env.ONSHI_APP_DATA, "history");
    fs.writeFileSync(path.join(historyDir, `${yesterday}.jsonl`), day.join("\n") + "\n");

    await $('[data-testid="nav-home"]').click(); // the screen reads the history as it opens
    await $('[data-testid="nav-readers"]').click();
    const before = $(`[data-testid="timeline-day"][data-date="${yesterday}"] [data-testid="timeline-lane"][data-device="${pasori.replace(/ 00$/, "")}"]`);
    await expect(before).toHaveAttribute("data-dropouts", "3");
    await expect($('[data-testid="history-hint"]')).toHaveText(expect.stringContaining("USBケーブルとUSBハブ"));
    // The hint names the reader that kept dropping out, not "a card reader".
    await expect($('[data-testid="history-hint-readers"]')).toHaveText(expect.stringContaining("「ソニーPaSoRi 4.0 (RC-S300)"));
    await expect($('[data-testid="history-hint-readers"]')).not.toHaveText(expect.stringContaining("NTT"));
    const lane = $(`[data-testid="timeline-day"] [data-testid="timeline-lane"][data-device="SONY FeliCa Port/PaSoRi 4.0 00"]`);
    await expect(lane).toBeDisplayed();
    expect(Number(await lane.getAttribute("data-dropouts"))).toBeGreaterThanOrEqual(1);
    await expect(lane).toHaveText(expect.stringContaining("取り外し・切断"));
    await $('[data-testid="history"]').scrollIntoView();
    await shot("diagnostics-timeline");
  });

  it("quits from the tray's 「終了」", async () => {
    const app = fs.realpathSync(process.env.ONSHI_APP);
    const running = () => spawnSync("pgrep", ["-f", `^${app}`]).status === 0;
    expect(running()).toBe(true);
    expect(desk("ClickMenu", gvariantString("終了"))).toBe(true);
    await browser.waitUntil(() => !running(), { timeout: 10000, timeoutMsg: "the app is still running" });
    await browser.waitUntil(() => tray() === null, { timeoutMsg: "its tray icon stayed" });
  });

  it("starts at login into the tray, without a window", async () => {
    const registered = tray()?.items ?? 0;
    const login = spawn(process.env.ONSHI_APP, ["--autostart"], { env: appEnv(), stdio: "ignore" });
    try {
      await browser.waitUntil(() => (tray()?.items ?? 0) > registered, { timeout: 15000, timeoutMsg: "no tray icon" });
      await browser.pause(3000);
      expect(windowCount()).toBe(0);
      expect(trayLabels()).toContain("オン資アシスタントを開く");
    } finally {
      desk("ClickMenu", gvariantString("終了"));
      await new Promise((resolve) => (login.exitCode === null ? login.on("exit", resolve) : resolve()));
    }
  });

  it("starts itself afresh in the tray once the window has been closed a while, leaving WebKit behind", async () => {
    const app = fs.realpathSync(process.env.ONSHI_APP);
    const running = () => spawnSync("pgrep", ["-f", `^${app}`]).stdout.toString().split("\n").filter(Boolean).map(Number);
    const children = (pid) => spawnSync("pgrep", ["-P", `${pid}`]).stdout.toString().split("\n").filter(Boolean);
    // A minute in the app; five seconds here.
    const first = spawn(process.env.ONSHI_APP, [], { env: { ...appEnv(), ONSHI_RELAUNCH_AFTER_SECS: "5" }, stdio: "ignore" });
    try {
      await browser.waitUntil(() => windowCount() === 1 && tray()?.items === 1, { timeout: 20000, timeoutMsg: "no window" });
      // WebKit's web and network processes, started for the window.
      await browser.waitUntil(() => children(first.pid).length >= 2, { timeoutMsg: `children ${children(first.pid)}` });
      expect(closeWindow()).toBe(1);
      await browser.waitUntil(() => windowCount() === 0, { timeoutMsg: "the window is still there" });
      // Still the same app in the tray for the first seconds: a window opened again soon opens at once.
      await browser.pause(1000);
      expect(running()).toEqual([first.pid]);
      await browser.waitUntil(() => first.exitCode !== null, { timeout: 20000, timeoutMsg: "the app did not start afresh" });
      expect(first.exitCode).toBe(0);
      await browser.waitUntil(() => running().length === 1 && tray()?.items === 1, {
        timeout: 20000,
        timeoutMsg: `processes ${running()}, tray ${JSON.stringify(tray())}`,
      });
      const [fresh] = running();
      expect(fresh).not.toBe(first.pid);
      expect(children(fresh)).toEqual([]);
      expect(windowCount()).toBe(0);
      expect(trayLabels()).toEqual(expect.arrayContaining(["オン資アシスタントを開く", "終了"]));
      // The hand-over is no drop-out: the history says the watch went on, with no stop in between.
      const historyDir = path.join(process.env.ONSHI_APP_DATA, "history");
      const lines = fs.readdirSync(historyDir).sort().map((f) => fs.readFileSync(path.join(historyDir, f), "utf8")).join("");
      const kinds = lines.split("\n").filter(Boolean).map((line) => JSON.parse(line).event);
      const relaunched = kinds.lastIndexOf("relaunched");
      expect(relaunched).toBeGreaterThan(-1);
      expect(kinds.slice(kinds.lastIndexOf("watch-started"), relaunched)).not.toContain("watch-stopped");
      // The fresh app opens the window from its tray like the first.
      expect(desk("ClickMenu", gvariantString("オン資アシスタントを開く"))).toBe(true);
      await browser.waitUntil(() => windowCount() === 1, { timeout: 20000, timeoutMsg: "the fresh app made no window" });
      expect(running()).toEqual([fresh]);
    } finally {
      desk("ClickMenu", gvariantString("終了"));
      await browser.waitUntil(() => running().length === 0, { timeout: 15000, timeoutMsg: "the app is still running" });
    }
  });

  it("stays in the tray when its fresh copy cannot come up", async () => {
    const app = fs.realpathSync(process.env.ONSHI_APP);
    const running = () => spawnSync("pgrep", ["-f", `^${app}`]).stdout.toString().split("\n").filter(Boolean).map(Number);
    // The copy ends before its tray is built (relaunch.rs): the first must keep the tray.
    const env = { ...appEnv(), ONSHI_RELAUNCH_AFTER_SECS: "3", ONSHI_TEST_RELAUNCH_COPY_FAILS: "1" };
    const first = spawn(process.env.ONSHI_APP, [], { env, stdio: "ignore" });
    try {
      await browser.waitUntil(() => windowCount() === 1 && tray()?.items === 1, { timeout: 20000, timeoutMsg: "no window" });
      expect(closeWindow()).toBe(1);
      await browser.waitUntil(() => windowCount() === 0, { timeoutMsg: "the window is still there" });
      // The settle (3 s), the copy started and gone: well past it, the first is still the app.
      await browser.pause(10000);
      expect(first.exitCode).toBe(null);
      expect(running()).toEqual([first.pid]);
      await browser.waitUntil(() => tray()?.items === 1 && tray()?.status === "Active", {
        timeout: 10000,
        timeoutMsg: `tray ${JSON.stringify(tray())}`,
      });
      expect(desk("ClickMenu", gvariantString("オン資アシスタントを開く"))).toBe(true);
      await browser.waitUntil(() => windowCount() === 1, { timeout: 20000, timeoutMsg: "no window from the tray" });
    } finally {
      desk("ClickMenu", gvariantString("終了"));
      await browser.waitUntil(() => running().length === 0, { timeout: 15000, timeoutMsg: "the app is still running" });
    }
  });
});
