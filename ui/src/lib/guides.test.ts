import { describe, expect, it } from "vitest";
import { END, nextOf, resumePath } from "./guides";
import type { Guide } from "./bindings/Guide";

const step = (id: string, extra = {}) => ({
  id, title_ja: id, title_en: id, body_ja: id, body_en: id, image: null, check: null, next: null, choices: [], ...extra,
});
const guide: Guide = {
  id: "g", title_ja: "g", title_en: "g", summary_ja: "g", summary_en: "g",
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
