//! What to tell staff when the smart-card service does not answer. Windows stops its 「Smart Card」
//! service when the last reader is unplugged and starts it when one comes back, so there "no service"
//! usually means "no reader": the advice is to plug the reader in again, then to restart the PC or check
//! the service. Elsewhere (Linux) the service is pcscd, which an administrator starts.

use crate::platform::Os;

/// One piece of advice in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    pub ja: &'static str,
    pub en: &'static str,
}

/// What to do when the smart-card service is unavailable.
pub const fn service_unavailable(os: Os) -> Advice {
    match os {
        Os::Windows => Advice {
            ja: "カードリーダーが見つかりません（Windowsでは、カードリーダーをすべて外すとスマートカードサービスも止まります）。カードリーダーのUSBケーブルを差し直してください。変わらない場合はPCを再起動するか、「サービス」で「Smart Card」が「実行中」かご確認ください。",
            en: "No card reader is found (Windows stops the smart-card service when the last reader is unplugged). Plug the reader's USB cable in again. If nothing changes, restart the PC or check that the \"Smart Card\" service is \"Running\" in Services.",
        },
        Os::Linux | Os::Other => Advice {
            ja: "スマートカードサービス（pcscd）が動いていません。カードリーダーを接続し直してください。変わらない場合は、管理者が「sudo systemctl start pcscd」でサービスを起動してください。",
            en: "The smart-card service (pcscd) is not running. Reconnect the card reader. If nothing changes, an administrator can start it with \"sudo systemctl start pcscd\".",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::{ReadersReport, ServiceState, WatchEvent, WatchEventKind};

    fn event(kind: WatchEventKind, reader: Option<&str>) -> WatchEvent {
        WatchEvent {
            at: "2026-11-28T09:00:00.000+09:00".into(),
            event: kind,
            reader: reader.map(str::to_owned),
            atr: None,
        }
    }

    #[test]
    fn windows_advice_never_sends_a_receptionist_to_a_terminal() {
        let advice = service_unavailable(Os::Windows);
        for text in [advice.ja, advice.en] {
            assert!(
                !text.contains("systemctl") && !text.contains("pcscd") && !text.contains("sudo")
            );
            assert!(text.contains("Smart Card"), "{text}");
        }
        assert!(advice.ja.contains("USBケーブルを差し直して"));
        assert!(advice.ja.contains("再起動"));
        assert!(service_unavailable(Os::Other).ja.contains("systemctl"));
    }

    #[test]
    fn the_service_stopping_with_the_last_windows_reader_reads_as_no_reader() {
        // Windows names its readers "<model> <index>"; unplugging the last one stops SCardSvr.
        let pasori = "SONY FeliCa Port/PaSoRi 4.0 0";
        let mut report = ReadersReport::unavailable();
        report.apply(&event(WatchEventKind::ServiceBack, None));
        report.apply(&event(WatchEventKind::ReaderAdded, Some(pasori)));
        assert_eq!(report.readers[0].model.as_deref(), Some("sony-rc-s300"));
        assert!(report.has_smartphone_ready_reader());

        report.apply(&event(WatchEventKind::ReaderRemoved, Some(pasori)));
        report.apply(&event(WatchEventKind::ServiceLost, None));
        assert_eq!(report.service, ServiceState::Unavailable);
        assert!(report.readers.is_empty());
        assert!(service_unavailable(Os::Windows)
            .ja
            .starts_with("カードリーダーが見つかりません"));

        // Plugged in again: Windows starts the service, and the reader is back.
        report.apply(&event(WatchEventKind::ServiceBack, None));
        report.apply(&event(WatchEventKind::ReaderAdded, Some(pasori)));
        assert_eq!(report.service, ServiceState::Running);
        assert!(report.has_smartphone_ready_reader());
    }
}
