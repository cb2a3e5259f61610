import { describe, expect, it } from "vitest";
import { dictionaries, translate } from "./i18n";

describe("i18n", () => {
  it("has every key in both languages, none empty", () => {
    const ja = Object.keys(dictionaries.ja).sort();
    expect(Object.keys(dictionaries.en).sort()).toEqual(ja);
    for (const language of ["ja", "en"] as const) {
      for (const [key, text] of Object.entries(dictionaries[language])) {
        expect(text.trim(), `${language} ${key}`).not.toBe("");
      }
    }
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(dictionaries.ja) as (keyof typeof dictionaries.ja)[]) {
      expect(placeholders(dictionaries.en[key]), key).toEqual(placeholders(dictionaries.ja[key]));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("ja", "reader.osName", { name: "Circle USBNFC4 0" })).toBe("PCでの名称：Circle USBNFC4 0");
    expect(translate("en", "reader.osName")).toBe("Name on this PC: {name}");
  });
});
