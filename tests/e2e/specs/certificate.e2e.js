// The 「電子証明書」 screen: expiry at a glance for a healthy, a renewal-window and an expired certificate,
// a calendar reminder, a backup checked with a wrong then the right password, and a verified copy.
import { expect } from "@wdio/globals";
import { shot, willChoose } from "../helpers.js";
import fs from "node:fs";
import path from "node:path";

const picks = process.env.ONSHI_TEST_PICKS;
const fixtures = process.env.ONSHI_FIXTURES;
const PASSWORD = "ひみつのパスワード2026";

const countdown = () => $('[data-testid="cert-countdown"]');

describe("「電子証明書」", () => {
  before(async () => {
    await browser.setWindowSize(1080, 1250); // room for the whole screen in the screenshots
    await $('[data-testid="nav-cert"]').click();
  });

  it("shows a healthy certificate in green with the days left and the date", async () => {
    willChoose("certificate", path.join(fixtures, "healthy.pem"));
    await $('[data-testid="cert-open"]').click();
    await expect(countdown()).toHaveAttribute("data-status", "valid");
    await expect(countdown()).toHaveText(expect.stringContaining("あと1186日"));
    await expect(countdown()).toHaveText(expect.stringContaining("有効です"));
    // Nothing to act on: nobody to call, no renewal button, the names folded away for the vendor.
    await expect($('[data-testid="verdict-advice"]')).not.toBeExisting();
    await expect($('[data-testid="cert-renewal-guide"]')).not.toBeExisting();
    await expect($('[data-testid="cert-details"]')).not.toBeDisplayed();
    await $('[data-testid="cert-tech"] summary').click();
    await expect($('[data-testid="cert-details"]')).toHaveText(expect.stringContaining("CN=1312345678-PC01"));
    await $('[data-testid="cert-tech"] summary').click();
    await shot("cert-healthy");
  });

  it("saves a calendar file with the renewal reminders", async () => {
    const ics = path.join(picks, "reminder.ics");
    willChoose("save", ics);
    await $('[data-testid="cert-reminder"]').click();
    await expect($('[data-testid="reminder-saved"]')).toBeDisplayed();
    const text = fs.readFileSync(ics, "utf8");
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("shows a certificate in its renewal window in amber, with the new expiry if renewed today", async () => {
    willChoose("certificate", path.join(fixtures, "renewal.pem"));
    await $('[data-testid="cert-open"]').click();
    await expect(countdown()).toHaveAttribute("data-status", "renewal-window");
    await expect(countdown()).toHaveText(expect.stringContaining("あと60日"));
    await expect(countdown()).toHaveText(expect.stringContaining("MPKIクライアントで更新してください"));
    // Act: whom to call if the renewal does not go through, and the item to quote.
    await expect($('[data-testid="advice-call"]')).toHaveText(expect.stringContaining("0800-080-4583"));
    await expect($('[data-testid="advice-item"]')).toHaveText("項目C-01");
    await expect($('[data-testid="cert-renewal-guide"]')).toHaveText("「電子証明書の更新」の手順を開く");
    await shot("cert-renewal-window");
    await $('[data-testid="cert-renewal-guide"]').click();
    await expect($('[data-testid="guide"]')).toHaveAttribute("data-guide", "renewal");
    await $('[data-testid="nav-cert"]').click();
  });

  it("shows an expired certificate in red and says a new application is needed", async () => {
    willChoose("certificate", path.join(fixtures, "expired.pem"));
    await $('[data-testid="cert-open"]').click();
    await expect(countdown()).toHaveAttribute("data-status", "expired");
    await expect(countdown()).toHaveText(expect.stringContaining("新規の発行申請が必要です"));
    // What it means at the desk first, then whom to call with the number; no renewal button (it cannot be renewed).
    await expect($('[data-testid="verdict-advice"]')).toHaveAttribute("data-consequence", "no-online-check");
    await expect($('[data-testid="advice-consequence"]')).toHaveText("オンライン資格確認ができません");
    await expect($('[data-testid="advice-call"]')).toHaveText(expect.stringContaining("0800-080-4583"));
    await expect($('[data-testid="advice-call"]')).toHaveText(expect.stringContaining("祝日を除く"));
    await expect($('[data-testid="advice-item"]')).toHaveText("項目C-02");
    await expect($('[data-testid="cert-renewal-guide"]')).not.toBeExisting();
    await shot("cert-expired");
  });

  it("offers the certificate store only where it works, and says so in a grey line", async () => {
    await expect($('[data-testid="cert-store"]')).not.toBeExisting();
    await expect($('[data-testid="cert-store-elsewhere"]')).toHaveText(expect.stringContaining("Windowsの資格確認端末で使えます"));
  });

  it("says plainly that a file is not a certificate", async () => {
    const text = path.join(picks, "memo.txt");
    fs.writeFileSync(text, "電子証明書ではないファイル");
    willChoose("certificate", text);
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-error"]')).toHaveText(expect.stringContaining("電子証明書（.cer / .crt / .pem）ではありません"));
  });

  it("offers the backup check for a backup picked as the certificate", async () => {
    willChoose("certificate", path.join(fixtures, "backup.p12"));
    await $('[data-testid="cert-open"]').click();
    await expect($('[data-testid="cert-error"]')).toHaveAttribute("data-error", "is-a-backup");
    await expect($('[data-testid="cert-error"]')).toHaveText(expect.stringContaining("電子証明書のバックアップ（.p12 / .pfx）です"));
    await expect($('[data-testid="backup-file"]')).toHaveText(expect.stringContaining("backup.p12"));
    await expect($('[data-testid="backup-password"]')).toBeDisplayed();
    await shot("cert-is-a-backup");
  });

  it("tells a wrong password, then proves the backup good with the right one, and forgets the password", async () => {
    // The certificate this PC uses is on screen: the backup is checked against it.
    willChoose("certificate", path.join(fixtures, "healthy.pem"));
    await $('[data-testid="cert-open"]').click();
    await expect(countdown()).toHaveAttribute("data-status", "valid");
    willChoose("backup", path.join(fixtures, "backup.p12"));
    await $('[data-testid="backup-open"]').click();
    await expect($('[data-testid="backup-file"]')).toHaveText(expect.stringContaining("backup.p12"));

    await $('[data-testid="backup-password"]').setValue("まちがい");
    await $('[data-testid="backup-verify"]').click();
    const result = $('[data-testid="backup-result"]');
    await expect(result).toHaveAttribute("data-error", "backup.error.wrong-password");
    await expect(result).toHaveText(expect.stringContaining("パスワードが違います"));
    await expect($('[data-testid="backup-password"]')).toHaveValue("");
    await shot("backup-wrong-password");

    await $('[data-testid="backup-password"]').setValue(PASSWORD);
    await $('[data-testid="backup-verify"]').click();
    await expect(result).toHaveAttribute("data-usable", "true");
    await expect(result).toHaveText(expect.stringContaining("このバックアップで端末の電子証明書を復元できます"));
    await expect(result).toHaveText(expect.stringContaining("秘密鍵と電子証明書が対になっていることを確かめました"));
    await expect($('[data-testid="backup-password"]')).toHaveValue("");
    // The second countdown is the backup's own certificate, labelled, and said to be this PC's.
    await expect($('[data-testid="backup-cert-title"]')).toHaveText("バックアップの中の電子証明書");
    await expect($('[data-testid="backup-in-use"]')).toHaveAttribute("data-match", "same-certificate");
    await expect($('[data-testid="backup-in-use"]')).toHaveText(expect.stringContaining("このPCで使っている電子証明書と同じものです。"));
    await shot("backup-good");
  });

  it("says when the backup holds another certificate than the one this PC uses", async () => {
    // The same terminal's expired certificate on screen: the backup (of the healthy one) is not its.
    willChoose("certificate", path.join(fixtures, "expired.pem"));
    await $('[data-testid="cert-open"]').click();
    await expect(countdown()).toHaveAttribute("data-status", "expired");
    await $('[data-testid="backup-password"]').setValue(PASSWORD);
    await $('[data-testid="backup-verify"]').click();
    const result = $('[data-testid="backup-result"]');
    await expect(result).toHaveAttribute("data-usable", "false");
    await expect(result).toHaveText(expect.stringContaining("このPCで使っている電子証明書とは別のものです"));
    // Red: what to do and whom to call, with the item to quote.
    await expect(result.$('[data-testid="advice-try"]')).toHaveText(expect.stringContaining("バックアップを作り直し"));
    await expect(result.$('[data-testid="advice-call"]')).toHaveText(expect.stringContaining("ITベンダー"));
    await expect(result.$('[data-testid="advice-item"]')).toHaveText("項目B-01");
    willChoose("certificate", path.join(fixtures, "healthy.pem"));
    await $('[data-testid="cert-open"]').click();
    await expect(countdown()).toHaveAttribute("data-status", "valid");
    await $('[data-testid="backup-password"]').setValue(PASSWORD);
    await $('[data-testid="backup-verify"]').click();
    await expect(result).toHaveAttribute("data-usable", "true");
  });

  it("copies the backup to a USB stick, reads it back and says so", async () => {
    const usb = fs.mkdtempSync(path.join(picks, "usb-"));
    willChoose("folder", usb);
    await $('[data-testid="backup-copy"]').click();
    await expect($('[data-testid="copy-result"]')).toHaveText(expect.stringContaining("元のファイルと同じであることを確かめました"));
    expect(fs.readFileSync(path.join(usb, "backup.p12"))).toEqual(fs.readFileSync(path.join(fixtures, "backup.p12")));

    willChoose("folder", path.join(usb, "unplugged"));
    await $('[data-testid="backup-copy"]').click();
    await expect($('[data-testid="copy-result"]')).toHaveText(expect.stringContaining("USBメモリが差し込まれているか"));
  });

  it("remembers the MPKI client's latest version, and says in a grey line that the comparison is for Windows", async () => {
    await expect($('[data-testid="mpki-elsewhere"]')).toHaveText(expect.stringContaining("Windowsの資格確認端末で行えます"));
    await expect($('[data-testid="mpki-check"]')).toHaveText("保存");
    await $('[data-testid="mpki-latest"]').setValue("2.0.10");
    await $('[data-testid="mpki-check"]').click();
    await expect($('[data-testid="mpki-saved"]')).toHaveText(expect.stringContaining("2.0.10"));
    const settings = JSON.parse(fs.readFileSync(path.join(process.env.ONSHI_APP_DATA, "settings.json"), "utf8"));
    expect(settings.settings.mpki_latest_known).toBe("2.0.10");
  });
});
