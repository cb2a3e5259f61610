// Shared by the specs: the rig as a child process, and screenshots.
import { spawn } from "node:child_process";
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
