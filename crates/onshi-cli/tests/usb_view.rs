//! `onshi readers` with the USB view beside PC/SC: readers faked on USB by umockdev (tests/usb/*.umockdev,
//! written from libccid's list) while the rig's pcscd presents, or does not present, the same readers.
//! Device on USB and on PC/SC: no finding; on USB only: a finding with its causes in order (pcscd down,
//! Sony's driver only, libccid too old for the id, not started); on PC/SC only and not a listed model:
//! named as such, with its USB id when it is on USB too. No output ever carries a USB serial number.
//!
//! The Windows build is not run under umockdev (Wine has no USB devices at all): there the same command
//! must answer cleanly with an empty USB list and Wine's Smart Card service state.

use onshi_rig::Rig;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn device(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/usb")
        .join(format!("{name}.umockdev"))
}

/// `onshi readers --json` (or another command) with these fake USB devices: the Linux build, which
/// umockdev can fake them for.
fn with_usb(
    devices: &[&str],
    args: &[&str],
    libccid: Option<&Path>,
) -> (Option<i32>, Value, String) {
    let mut command = Command::new("umockdev-run");
    for name in devices {
        command.arg("-d").arg(device(name));
    }
    command
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_onshi"))
        .args(args);
    if let Some(plist) = libccid {
        command.env("ONSHI_LIBCCID_INFO_PLIST", plist);
    }
    let output: Output = command
        .output()
        .expect("umockdev-run runs (Debian: umockdev)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    for serial in ["0A1B2C3D", "CC1A2B3C", "0510abcd", "SN39U001"] {
        assert!(
            !text.contains(serial),
            "a USB serial number was printed: {text}"
        );
    }
    let doc = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code(), doc, text)
}

fn finding<'a>(doc: &'a Value, usb_id: &str) -> &'a Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["usb_id"] == usb_id)
        .unwrap_or_else(|| panic!("no finding for {usb_id}: {doc}"))
}

fn causes(finding: &Value) -> Vec<&str> {
    finding["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect()
}

// umockdev fakes USB devices for a Linux program only.
mod only_linux {
    use super::*;
    use crate::util::assert_testing_linux_build;

    #[test]
    fn a_reader_on_usb_and_on_pcsc_is_one_reader_and_no_finding() {
        assert_testing_linux_build();
        let _rig = Rig::start(&["SONY FeliCa RC-S300/P (0303109)"]).unwrap();
        let (exit, doc, _) = with_usb(&["sony-rc-s300-p"], &["readers", "--json"], None);
        assert_eq!(exit, Some(0), "{doc}");
        assert_eq!(doc["usb"][0]["id"], "054C:0DC9");
        assert_eq!(doc["usb"][0]["model"], "sony-rc-s300");
        assert_eq!(doc["usb"][0]["product"], "FeliCa Port/PaSoRi 4.0");
        assert_eq!(doc["findings"], Value::Array(vec![]), "{doc}");
    }

    #[test]
    fn readers_on_usb_only_get_their_causes_in_order() {
        assert_testing_linux_build();
        let _rig = Rig::start(&["SONY FeliCa Port/PaSoRi 4.0"]).unwrap();
        let (exit, doc, _) = with_usb(
            &["circle-cir315-dual", "sony-rc-s380-s"],
            &["readers", "--json"],
            None,
        );
        assert_eq!(
            exit,
            Some(1),
            "a reader that cannot be used is a problem found: {doc}"
        );
        let dual = finding(&doc, "31AA:3000");
        assert_eq!(dual["kind"], "usb-only");
        assert_eq!(
            causes(dual),
            ["reader-not-started"],
            "libccid knows 31AA:3000: {dual}"
        );
        let sony = finding(&doc, "054C:06C1");
        assert_eq!(causes(sony), ["no-linux-driver"]);
        assert_eq!(sony["device"]["ja"], "ソニーPaSoRi (RC-S380)");
        // The same in words for people: the device by name and the first step.
        let (_, _, text) = with_usb(&["sony-rc-s380-s"], &["readers"], None);
        assert!(
            text.contains("「ソニーPaSoRi (RC-S380)」（USB 054C:06C1）はUSBに接続されていますが"),
            "{text}"
        );
        assert!(text.contains("PaSoRi 4.0（RC-S300）など"), "{text}");
    }

    #[test]
    fn a_libccid_too_old_for_the_reader_is_named_with_its_version() {
        assert_testing_linux_build();
        // The installed list without the RC-S300/P: a libccid from before the reader existed.
        let installed = onshi_core::readers::libccid::installed()
            .expect("libccid is installed (Debian: libccid); its list is the reference");
        let text = std::fs::read_to_string(&installed.path).unwrap();
        let old = without_reader(&text, "0x0DC9", "SONY FeliCa RC-S300/P");
        let dir = tempfile::tempdir().unwrap();
        let plist = dir.path().join("Info.plist");
        std::fs::write(&plist, old).unwrap();
        let _rig = Rig::start(&["Circle CIR315 CL"]).unwrap();
        let (exit, doc, _) = with_usb(&["sony-rc-s300-p"], &["readers", "--json"], Some(&plist));
        assert_eq!(exit, Some(1));
        let found = finding(&doc, "054C:0DC9");
        assert_eq!(causes(found), ["libccid-too-old"]);
        let message = found["causes"][0]["message"]["ja"].as_str().unwrap();
        let version = installed.version.clone().unwrap();
        assert!(
            message.contains(&format!("libccid {version}")) && message.contains("054C:0DC9"),
            "{message}"
        );
        // The driver's version beside the readers is the one of the list pcscd reads.
        assert_eq!(doc["drivers"]["state"], "seen", "{doc}");
        assert_eq!(doc["drivers"]["value"][0]["device"], "libccid");
        assert_eq!(doc["drivers"]["value"][0]["version"], version.as_str());
    }

    /// Info.plist's three parallel arrays without the entry whose product id is `pid`.
    fn without_reader(text: &str, pid: &str, name: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let product_line = lines
            .iter()
            .position(|l| l.contains(&format!("<string>{pid}</string>")))
            .expect("the id is in the installed list");
        let array_start = |key: &str| {
            lines
                .iter()
                .position(|l| l.contains(&format!("<key>{key}</key>")))
                .unwrap()
                + 2
        };
        let index = product_line - array_start("ifdProductID");
        let drop = [
            array_start("ifdVendorID") + index,
            product_line,
            array_start("ifdFriendlyName") + index,
        ];
        assert!(lines[drop[2]].contains(name), "{}", lines[drop[2]]);
        lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_reader_the_catalog_does_not_list_is_named_with_its_usb_id() {
        assert_testing_linux_build();
        let _rig = Rig::start(&["ACS ACR39U ICC Reader"]).unwrap();
        let (exit, doc, _) = with_usb(&["acs-acr39u"], &["readers", "--json"], None);
        assert_eq!(
            exit,
            Some(0),
            "an unlisted reader that works is not a failure: {doc}"
        );
        let found = finding(&doc, "072F:B100");
        assert_eq!(found["kind"], "unlisted-reader");
        assert_eq!(causes(found), ["unlisted-reader"]);
        // PC/SC alone (no USB view of it): still named, without an id.
        let (_, doc, _) = with_usb(&[], &["readers", "--json"], None);
        let alone: Vec<&Value> = doc["findings"].as_array().unwrap().iter().collect();
        assert_eq!(
            alone.len(),
            1,
            "one finding for the device, not one per slot: {doc}"
        );
        assert!(alone
            .iter()
            .all(|f| f["kind"] == "unlisted-reader" && f["usb_id"].is_null()));
    }

    #[test]
    fn with_the_service_down_a_plugged_in_reader_says_to_start_pcscd() {
        assert_testing_linux_build();
        let mut rig = Rig::start(&["SONY FeliCa RC-S300/P (0303109)"]).unwrap();
        rig.stop_service();
        let (exit, doc, text) = with_usb(&["sony-rc-s300-p"], &["readers", "--json"], None);
        assert_eq!(exit, Some(3), "{text}");
        assert_eq!(causes(finding(&doc, "054C:0DC9"))[0], "pcscd-not-running");
    }
}

// Wine has no USB devices at all: the Windows build answers without any.
mod only_windows {
    use super::*;
    use crate::util::{assert_testing_windows_build, json, onshi};

    #[test]
    fn the_windows_build_answers_cleanly_without_usb_devices() {
        assert_testing_windows_build();
        let _rig = Rig::start(&["SONY FeliCa Port/PaSoRi 4.0"]).unwrap();
        let output = onshi(&["readers", "--json"]);
        let doc = json(&output);
        assert_eq!(output.status.code(), Some(0), "{doc}");
        // Wine has no USB devices to list (or says why it cannot), and no Smart Card service installed.
        assert!(
            doc["usb"].as_array().is_some_and(Vec::is_empty) || !doc["usb_error"].is_null(),
            "{doc}"
        );
        assert!(doc["smart_card_service"]["start"].is_string(), "{doc}");
        assert_eq!(doc["findings"], Value::Array(vec![]), "{doc}");
        // SetupAPI runs and answers: Wine has no device of the SmartCardReader class, so no driver
        // version, or its words why none could be read; never a version made up.
        let drivers = &doc["drivers"];
        let none = drivers["state"] == "seen" && drivers["value"] == Value::Array(vec![]);
        assert!(none || drivers["state"] == "unreadable", "{doc}");
        let text = String::from_utf8_lossy(&onshi(&["readers"]).stdout).into_owned();
        assert!(
            text.contains("カードリーダーのドライバーは見つかりませんでした")
                || text.contains("カードリーダーのドライバーの版を読み取れませんでした"),
            "{text}"
        );
    }
}
