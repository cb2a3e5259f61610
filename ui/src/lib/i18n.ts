// The app's words, Japanese first. Every key must exist in both languages (a test checks it);
// on-screen labels of other software are quoted exactly, in 「」.
import type { Language } from "./bindings/Language";

const ja = {
  "app.title": "オン資アシスタント",
  "app.subtitle": "オンライン資格確認端末の点検と手順案内",
  "settings.language": "表示言語",
  "settings.largeText": "文字を大きくする",
  "settings.damaged":
    "設定ファイルが壊れていたため、初期設定で起動しました。元のファイルは次の場所に保存してあります: {path}",
  "settings.saveFailed": "設定を保存できませんでした。ディスクの空き容量をご確認ください。({detail})",
  "common.close": "閉じる",
  "readers.title": "カードリーダー",
  "readers.live": "接続や取り外しは自動で反映されます。",
  "readers.serviceDown.title": "スマートカードサービスが動いていません",
  "readers.serviceDown.windows":
    "カードリーダーのUSBケーブルを一度抜いて、差し直してください。表示が変わらない場合は、PCを再起動してください。",
  "readers.serviceDown.other":
    "スマートカードサービス (pcscd) を起動してください。例: 「sudo systemctl start pcscd」",
  "readers.none.title": "カードリーダーが接続されていません",
  "readers.none.action": "汎用カードリーダーを資格確認端末 (PC) のUSB端子に接続してください。",
  "readers.notReady.title": "スマートフォンのマイナ保険証に対応したリーダーがありません",
  "readers.notReady.action":
    "ソニー PaSoRi 4.0、アイ・オー・データ USB-NFC4、CIR315 (サンワサプライ・エレコム・マクセル・AB Circle) のいずれかを接続してください。",
  "readers.ready.title": "スマートフォンのマイナ保険証に対応したリーダーが接続されています",
  "readers.ready.action": "カードやスマートフォンをリーダーに置くと、下の一覧に表示されます。",
  "reader.unknownModel": "登録されていない機種",
  "reader.unknownAdvice":
    "対象機種か確認できません。スマートフォンのマイナ保険証には、案内にある対象機種をお使いください。",
  "reader.ready": "スマホ対応",
  "reader.notReady": "スマホ非対応",
  "reader.osName": "PCでの名称: {name}",
  "card.none": "カードは置かれていません",
  "card.present": "カードあり",
  "card.kind.type-a": "Type A のICカード",
  "card.kind.type-b": "Type B のICカード (マイナンバーカード・運転免許証など)",
  "card.kind.felica": "FeliCa (交通系ICカード・電子マネーなど)",
  "card.kind.mifare": "MIFARE などのICカード",
  "card.kind.contact": "接触型ICカード",
  "card.kind.unknown": "種類を判別できないカード",
  "card.privacy": "カードの種類は応答 (ATR) だけで判定しています。個人情報は読み取りません。",
  "nav.home": "ホーム",
  "nav.readers": "カードリーダー診断",
  "home.readerCount": "接続中のカードリーダー: {count}台 (カードあり: {cards}台)",
  "readers.howToTest":
    "カードまたはスマートフォンをリーダーの中央に置き、「読み取りテスト」を押してください。金属の上には置かないでください。",
  "picture.cardOnReader": "カードリーダーの中央にカードを置いた図",
  "test.button": "読み取りテスト",
  "test.running": "読み取っています。カードを動かさないでください (置かれるまで15秒お待ちします)。",
  "test.holder.my-number-card": "マイナンバーカードとして応答しました。このリーダーで読み取れます。",
  "test.holder.smartphone-android": "Android スマートフォンのマイナンバーカード機能が応答しました。このリーダーで読み取れます。",
  "test.holder.smartphone-iphone": "iPhone のマイナンバーカード機能が応答しました。このリーダーで読み取れます。",
  "test.holder.jpki-unknown":
    "公的個人認証の機能は応答しましたが、カードかスマートフォンかを判別できませんでした。",
  "test.holder.not-my-number-card":
    "マイナンバーカードではありません (運転免許証や交通系ICカードなど)。マイナンバーカードかスマートフォンを置いてください。",
  "test.privacy": "応答の有無を確かめただけで、個人情報や暗証番号には一切触れていません。",
  "test.details": "詳細 (送ったコマンド)",
  "test.error.no-card": "15秒以内にカードが置かれませんでした。カードを置いてから、もう一度お試しください。",
  "test.error.card-removed":
    "読み取りの途中でカード (スマートフォン) が離れました。終わるまで動かさずに置いて、もう一度お試しください。",
  "test.error.reader-gone": "読み取りの途中でカードリーダーが外れました。USBケーブルをご確認ください。",
  "test.error.no-service": "スマートカードサービスが動いていないため、読み取れません。",
  "test.error.no-such-reader": "このカードリーダーは取り外されました。一覧からもう一度お選びください。",
  "test.error.failed": "読み取りテストを完了できませんでした。カードを置き直して、もう一度お試しください。",
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  "app.title": "Onshi Assistant",
  "app.subtitle": "Checks and guides for the online eligibility confirmation PC",
  "settings.language": "Language",
  "settings.largeText": "Larger text",
  "settings.damaged": "The settings file was damaged, so the app started with default settings. The old file was kept at: {path}",
  "settings.saveFailed": "The settings could not be saved. Check the free disk space. ({detail})",
  "common.close": "Close",
  "readers.title": "Card readers",
  "readers.live": "Readers plugged in or out show here by themselves.",
  "readers.serviceDown.title": "The smart-card service is not running",
  "readers.serviceDown.windows":
    "Unplug the card reader's USB cable and plug it in again. If nothing changes, restart the PC.",
  "readers.serviceDown.other": "Start the smart-card service (pcscd), for example with \"sudo systemctl start pcscd\".",
  "readers.none.title": "No card reader is connected",
  "readers.none.action": "Connect a general-purpose card reader to a USB port of the PC.",
  "readers.notReady.title": "No reader fit for smartphone My Number insurance cards",
  "readers.notReady.action":
    "Connect a Sony PaSoRi 4.0, an I-O DATA USB-NFC4 or a CIR315 (Sanwa Supply, Elecom, Maxell, AB Circle).",
  "readers.ready.title": "A reader fit for smartphone My Number insurance cards is connected",
  "readers.ready.action": "Put a card or a phone on a reader and it shows in the list below.",
  "reader.unknownModel": "Unlisted model",
  "reader.unknownAdvice": "We cannot tell whether this model fits. For smartphones, use one of the listed models.",
  "reader.ready": "Phone ready",
  "reader.notReady": "Not for phones",
  "reader.osName": "Name on this PC: {name}",
  "card.none": "No card on the reader",
  "card.present": "Card present",
  "card.kind.type-a": "Type A IC card",
  "card.kind.type-b": "Type B IC card (My Number card, driving licence …)",
  "card.kind.felica": "FeliCa (transit and e-money cards)",
  "card.kind.mifare": "MIFARE or similar IC card",
  "card.kind.contact": "Contact IC card",
  "card.kind.unknown": "Card of an unknown kind",
  "card.privacy": "The kind is judged from the card's answer to reset (ATR) only. No personal data is read.",
  "nav.home": "Home",
  "nav.readers": "Card reader check",
  "home.readerCount": "Card readers connected: {count} (with a card: {cards})",
  "readers.howToTest": "Put a card or phone on the middle of a reader, then press \"Read test\". Keep it off metal surfaces.",
  "picture.cardOnReader": "A card placed on the middle of a card reader",
  "test.button": "Read test",
  "test.running": "Reading. Keep the card still (waiting up to 15 seconds for it).",
  "test.holder.my-number-card": "A My Number card answered. This reader can read it.",
  "test.holder.smartphone-android": "An Android phone's My Number card function answered. This reader can read it.",
  "test.holder.smartphone-iphone": "An iPhone's My Number card function answered. This reader can read it.",
  "test.holder.jpki-unknown": "The JPKI function answered, but we cannot tell a card from a phone.",
  "test.holder.not-my-number-card":
    "This is not a My Number card (a driving licence or a transit card, for example). Place a My Number card or phone.",
  "test.privacy": "Only whether it answers was checked. No personal data and no PIN were touched.",
  "test.details": "Details (commands sent)",
  "test.error.no-card": "No card was placed within 15 seconds. Place the card, then try again.",
  "test.error.card-removed": "The card (or phone) was taken away during the test. Keep it still until the end and try again.",
  "test.error.reader-gone": "The reader was disconnected during the test. Check its USB cable.",
  "test.error.no-service": "The smart-card service is not running, so nothing can be read.",
  "test.error.no-such-reader": "This reader has been removed. Choose one from the list again.",
  "test.error.failed": "The read test could not finish. Place the card again and retry.",
};

export const dictionaries: Record<Language, Record<MessageKey, string>> = { ja, en };

/** The text for `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params: Record<string, string> = {}): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
