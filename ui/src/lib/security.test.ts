// The security baseline, checked from the files that define it: every command the UI calls is listed in
// the app manifest (build.rs) and granted in the one capability file, nothing more; the CSP is strict.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), "utf8");

const calledByUi = [...read("ui/src/lib/api.ts").matchAll(/invoke<.*?>\("(\w+)"/g)].map((m) => m[1]).sort();
const manifest = [...read("src-tauri/build.rs").match(/COMMANDS: &\[&str\] = &\[([^\]]*)\]/)![1].matchAll(/"(\w+)"/g)]
  .map((m) => m[1])
  .sort();
const handled = [...read("src-tauri/src/lib.rs").matchAll(/commands::\w+::(\w+),/g)].map((m) => m[1]).sort();
const capability = JSON.parse(read("src-tauri/capabilities/main.json"));
const config = JSON.parse(read("src-tauri/tauri.conf.json"));

describe("security baseline", () => {
  it("lists every handled command in the app manifest, and only those", () => {
    expect(calledByUi.length).toBeGreaterThan(0);
    expect(manifest).toEqual(handled);
  });

  it("grants the window exactly the commands the UI calls, plus listening to events", () => {
    const granted = (capability.permissions as string[]).sort();
    const expected = [
      "core:event:allow-listen",
      "core:event:allow-unlisten",
      // The window's own title follows the UI language.
      "core:window:allow-set-title",
      ...calledByUi.map((name) => `allow-${name.replaceAll("_", "-")}`),
    ].sort();
    expect(granted).toEqual(expected);
    expect(capability.windows).toEqual(["main"]);
    expect(capability.remote).toBeUndefined();
  });

  it("has a strict CSP: own files only, no inline script, no remote hosts", () => {
    const csp: string = config.app.security.csp;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\/(?!ipc\.localhost)/);
  });

  it("bundles no shell plugin", () => {
    expect(read("src-tauri/Cargo.toml")).not.toMatch(/tauri-plugin-shell/);
    expect(read("package.json")).not.toMatch(/plugin-shell/);
  });
});
