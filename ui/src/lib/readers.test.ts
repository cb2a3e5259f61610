import { describe, expect, it } from "vitest";
import { readersVerdict } from "./readers";
describe("readersVerdict", () => {
  it("words every readers code onshi-core gives, keeping its level", async () => {
    const { dictionaries } = await import("./i18n");
    const codes = [
      "readers-service-stopped",
      "readers-service-unavailable",
      "readers-usb-only",
      "readers-usb-only-beside-ready",
      "readers-none",
      "readers-not-ready",
      "readers-ready",
    ] as const;
    for (const code of codes) {
      const words = readersVerdict({ level: "warn", code });
      expect(words.level).toBe("warn");
      expect(dictionaries.ja[words.title], code).toBeTruthy();
      expect(dictionaries.en[words.action], code).toBeTruthy();
    }
    expect(readersVerdict({ level: "error", code: "readers-service-stopped" }).title).toBe(
      "readers.serviceDown.windowsTitle",
    );
  });
});

describe("read-test messages", () => {
  it("names every holder and every error code, and treats unknown codes as a failure", async () => {
    const { holderKey, testErrorKey } = await import("./readers");
    const { dictionaries } = await import("./i18n");
    for (const holder of ["my-number-card", "smartphone-android", "smartphone-iphone", "jpki-unknown", "not-my-number-card"] as const) {
      expect(dictionaries.ja[holderKey(holder)]).toBeTruthy();
    }
    expect(testErrorKey("card-removed")).toBe("test.error.card-removed");
    expect(testErrorKey("something-new")).toBe("test.error.failed");
    expect(testErrorKey(undefined)).toBe("test.error.failed");
    expect(testErrorKey("internal")).toBe("common.internal");
  });
});
