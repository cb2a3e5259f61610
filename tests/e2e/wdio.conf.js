// End-to-end tests: the real app (WebKitGTK) driven through tauri-driver and WebKitWebDriver, under Xvfb,
// inside the rig's namespace (tests/e2e/run.sh sets all of that up).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appEnv } from "./helpers.js";

const app = process.env.ONSHI_APP;
const dataDir = process.env.ONSHI_APP_DATA;
const appHome = process.env.ONSHI_APP_HOME;
let driver;

/** Ends an app left from the last session: closing its window leaves it resident in the tray by design,
 *  and a second instance would only hand over to it. */
function endLeftoverApp() {
  const pattern = `^${fs.realpathSync(app)}`;
  spawnSync("pkill", ["-f", pattern]);
  for (let i = 0; i < 100 && spawnSync("pgrep", ["-f", pattern]).status === 0; i++) {
    spawnSync("sleep", ["0.1"]);
  }
}

/** The fake USB devices each …usb-… spec plugs in. */
const USB_DEVICES_OF = { "usb-findings": ["sony-rc-s380-s"] };

/** A wrapper that starts the app under umockdev-run with the spec's fake USB devices. */
function appUnderUsb(spec) {
  const name = Object.keys(USB_DEVICES_OF).find((key) => spec.includes(key));
  const devices = USB_DEVICES_OF[name].flatMap((device) => ["-d", path.resolve(`tests/usb/${device}.umockdev`)]);
  const wrapper = path.join(appHome, "app-under-usb.sh");
  const quoted = [...devices, "--", fs.realpathSync(app)].map((arg) => `'${arg}'`).join(" ");
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec umockdev-run ${quoted} "$@"\n`, { mode: 0o755 });
  return wrapper;
}

export const config = {
  runner: "local",
  specs: ["./specs/**/*.e2e.js"],
  maxInstances: 1,
  hostname: "127.0.0.1",
  port: 4444,
  capabilities: [
    {
      // No browserName: tauri-driver names the browser itself. WebKitWebDriver speaks classic WebDriver only.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: app },
    },
  ],
  logLevel: "warn",
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 120000 },
  waitforTimeout: 10000,

  onPrepare() {
    if (!app || !fs.existsSync(app)) throw new Error(`ONSHI_APP must name the built app (got ${app})`);
  },

  // Each spec file gets a fresh app. A spec that needs a settings file in place before the app starts
  // names it in its file name (…settings….e2e.js gets a damaged one, …first-run… none at all); the others
  // start as a PC where the login-start question was answered.
  beforeSession(_config, caps, specs) {
    driver?.kill(); // a session that failed to start never reached afterSession
    endLeftoverApp();
    // A spec named …usb-… runs the app under umockdev with the fake USB devices it names in
    // USB_DEVICES_OF (tests/usb/*.umockdev): Linux then sees them in sysfs as if plugged in.
    const usbSpec = specs.find((spec) => spec.includes("usb-"));
    caps["tauri:options"].application = usbSpec ? appUnderUsb(usbSpec) : app;
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.join(appHome, ".config"), { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    if (specs.some((spec) => spec.includes("settings"))) {
      fs.writeFileSync(path.join(dataDir, "settings.json"), '{"settings": {"language": "e');
    } else if (!specs.some((spec) => spec.includes("first-run"))) {
      fs.writeFileSync(path.join(dataDir, "settings.json"), '{"settings": {"autostart_asked": true}}');
    }
    driver = spawn("tauri-driver", ["--native-driver", "/usr/bin/WebKitWebDriver"], {
      stdio: [null, process.stdout, process.stderr],
      env: appEnv(),
    });
    return new Promise((resolve) => setTimeout(resolve, 1000));
  },

  // The UI puts invisible phrase breaks (U+200B, ui/src/lib/phrases.ts) into Japanese text; what a person
  // reads has none, so neither does the text the specs compare.
  before() {
    browser.overwriteCommand(
      "getText",
      async (original) => (await original()).replaceAll("\u200b", ""),
      true,
    );
  },

  afterSession() {
    driver?.kill();
    endLeftoverApp();
  },
};
