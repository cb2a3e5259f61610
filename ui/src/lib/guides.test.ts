import { describe, expect, it } from "vitest";
import { END, nextOf, resumePath } from "./guides";
import type { Guide } from "./bindings/Guide";

const step = (id: string, extra = {}) => ({
  id, title: { ja: id, en: id }, body: { ja: id, en: id }, image: null, check: null, next: null, tool: null, choices: [], ...extra,
});
const guide: Guide = {
  id: "g", title: { ja: "g", en: "g" }, summary: { ja: "g", en: "g" },
  steps: [step("a"), step("b", { next: "d" }), step("c"), step("d")],
};

describe("walking a guide", () => {
  it("follows next, else file order, else the end", () => {
    expect(nextOf(guide, guide.steps[0])).toBe("b");
    expect(nextOf(guide, guide.steps[1])).toBe("d");
    expect(nextOf(guide, guide.steps[3])).toBe(END);
  });

  it("resumes where it was left, and starts over when the saved path is stale", () => {
    expect(resumePath(guide, ["a", "b", "d"])).toEqual(["a", "b", "d"]);
    expect(resumePath(guide, ["a", "gone"])).toEqual(["a"]);
    expect(resumePath(guide, undefined)).toEqual(["a"]);
    expect(resumePath(guide, ["removed"])).toEqual(["a"]);
  });
});

describe("the guides' live checks", () => {
  it("each check the core knows has words in both languages and an evaluation here", async () => {
    const { readFileSync } = await import("node:fs");
    const { fileURLToPath } = await import("node:url");
    const { dictionaries } = await import("./i18n");
    const { checkScreen, testedInStep } = await import("./checks.svelte");
    // The checks as ts-rs wrote them from onshi-core's GuideCheck.
    const binding = readFileSync(fileURLToPath(new URL("./bindings/GuideCheck.ts", import.meta.url)), "utf8");
    const checks = [...binding.matchAll(/"([a-z-]+:[a-z-]+)"/g)].map((m) => m[1]!);
    expect(checks.length).toBeGreaterThan(5);
    for (const name of checks) {
      for (const language of ["ja", "en"] as const) {
        expect((dictionaries[language] as Record<string, string>)[`check.${name}`], `${language} check.${name}`).toBeTruthy();
      }
    }
    // Whether a check is met is onshi-core's (guides::proof, asked through guide_check); the step only
    // offers where to prove it: the read test on the step itself, or the screen that does it.
    for (const name of checks) {
      const where = testedInStep(name as never) || checkScreen(name as never) !== null || name.startsWith("reader:") || name === "card:on-ready-reader";
      expect(where, name).toBe(true);
    }
    expect(testedInStep("card:smartphone")).toBe(true);
    expect(checkScreen("backup:copied")).toBe("cert");
  });
});
