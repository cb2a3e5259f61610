//! `onshi-assistant --contacts FILE`: the IT vendor's installation script puts whom staff call (a
//! `contacts.toml` as docs/CONTACTS.md shows) into this user's data folder, with no window and no
//! WebView2, as `--login-start` does for the login start. The file is checked first: a phone number that
//! cannot be dialled or a misspelt key is refused with the reason, and the contacts already kept stay.

use onshi_core::app::contacts::Contacts;

const FLAG: &str = "--contacts";

/// Handles `--contacts FILE` if it is on the command line; the exit code when it was.
pub fn from_command_line() -> Option<i32> {
    let args: Vec<String> = std::env::args().collect();
    let file = crate::cli_flag::value(&args, FLAG)?.unwrap_or_default();
    if file.is_empty() {
        eprintln!("{FLAG}には連絡先のファイル（contacts.toml）を指定してください。（give {FLAG} a contacts.toml file）");
        return Some(2);
    }
    let Some(data_dir) = onshi_core::app_data::default_dir() else {
        eprintln!("アプリのフォルダーが見つかりません。（no data folder for this user）");
        return Some(1);
    };
    let outcome = std::fs::read_to_string(&file)
        .map_err(|error| {
            onshi_core::app::contacts::ContactsError::Unreadable(format!("{file}: {error}"))
        })
        .and_then(|text| Contacts::parse(&text))
        .and_then(|contacts| contacts.save(&data_dir));
    Some(match outcome {
        Ok(saved) => {
            println!(
                "連絡先を登録しました（ITベンダー：{}、顔認証付きカードリーダーのメーカー窓口：{}、顔認証付きカードリーダー：{}）",
                or_dash(saved.it_vendor.line()),
                or_dash(saved.face_reader_maker.line()),
                or_dash(
                    onshi_core::app::face_readers::name(&saved.face_reader)
                        .map(|name| name.ja)
                        .unwrap_or_default()
                )
            );
            0
        }
        Err(error) => {
            eprintln!("{error}");
            2
        }
    })
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "-".into()
    } else {
        text
    }
}
