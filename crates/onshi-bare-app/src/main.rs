//! A bare Tauri 2 app, the reference of `npm run bench`: one window, one static page, nothing else. It
//! says `first-screen` on stdout when its page has loaded, as オン資アシスタント does under ONSHI_BENCH.

use tauri::webview::PageLoadEvent;

fn main() {
    tauri::Builder::default()
        .on_page_load(|_, payload| {
            if payload.event() == PageLoadEvent::Finished {
                println!("first-screen");
            }
        })
        .run(tauri::generate_context!())
        .expect("the bare app starts");
}
