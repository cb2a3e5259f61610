import { describe, expect, it } from "vitest";
import { isWindows, readersVerdict } from "./readers";
import type { ReaderInfo } from "./bindings/ReaderInfo";
import type { ReadersReport } from "./bindings/ReadersReport";

const reader = (name: string, ready: boolean): ReaderInfo => ({
  name,
  model: ready ? "sony-rc-s300" : null,
  label: ready ? "ソニー PaSoRi 4.0 (RC-S300)" : null,
  smartphone_ready: ready,
  card: null,
  label_en: null,
  advice_ja: null,
  advice_en: null,
  device: name,
  slot: ready ? "contactless" : null,
  slot_unconfirmed: false,
  number: null,
});

describe("readersVerdict", () => {
  it("is red with Windows advice when the service is down on Windows", () => {
    const report: ReadersReport = { service: "unavailable", readers: [], devices: [] };
    expect(readersVerdict(report, true)).toEqual({
      level: "error",
      title: "readers.serviceDown.windowsTitle",
      action: "readers.serviceDown.windows",
    });
    expect(readersVerdict(report, false).title).toBe("readers.serviceDown.title");
    expect(readersVerdict(report, false).action).toBe("readers.serviceDown.other");
  });

  it("is amber with no reader, or with only readers unfit for phones", () => {
    expect(readersVerdict({ service: "running", readers: [], devices: [] }, false).title).toBe("readers.none.title");
    const contactOnly = { service: "running", readers: [reader("SCR3310 0", false)] } as ReadersReport;
    expect(readersVerdict(contactOnly, false)).toMatchObject({ level: "warn", title: "readers.notReady.title" });
  });

  it("is green as soon as one reader fits", () => {
    const report = { service: "running", readers: [reader("SCR3310 0", false), reader("PaSoRi 4.0 0", true)] } as ReadersReport;
    expect(readersVerdict(report, false).level).toBe("ok");
  });
});

describe("isWindows", () => {
  it("reads the WebView2 user agent", () => {
    expect(isWindows("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Edg/120")).toBe(true);
    expect(isWindows("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15")).toBe(false);
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
  });
});
