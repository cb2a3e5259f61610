import { describe, expect, it } from "vitest";
import { PHRASE_BREAK, phrased } from "./phrases";
import { dictionaries } from "./i18n";

describe("Japanese broken by phrase", () => {
  it("puts breaks between phrases only, and changes nothing a reader sees", () => {
    const text = "カードリーダーを接続してから、もう一度お試しください。";
    const out = phrased(text);
    expect(out.replaceAll(PHRASE_BREAK, "")).toBe(text);
    const phrases = out.split(PHRASE_BREAK);
    expect(phrases.length).toBeGreaterThan(2);
    // The polite ending stays whole, with its full stop: never 「い。」 alone on a line.
    expect(phrases.at(-1)).toMatch(/ください。$/);
    expect(phrases.every((phrase) => phrase.length > 1)).toBe(true);
  });

  it("keeps the lines of a multi-line text", () => {
    expect(phrased("一行目です。\n二行目です。").split("\n")).toHaveLength(2);
  });

  it("never leaves a single character of a Japanese message on its own, in any message", () => {
    for (const text of Object.values(dictionaries.ja)) {
      const lone = phrased(text)
        .split(/[\u200b\n]/)
        .filter((phrase) => /^[\u3040-\u30ff\u4e00-\u9fff]$/.test(phrase.trim()));
      expect(lone, text).toEqual([]);
    }
  });
});
