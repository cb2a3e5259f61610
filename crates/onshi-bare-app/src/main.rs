//! A bare Tauri 2 app, the reference of `npm run bench`: one window, one static page, nothing else. It
//! says `first-screen` on stdout when its page has loaded, as オン資アシスタント does under ONSHI_BENCH.
//!
//! With `ONSHI_BARE_PAGE` set to a folder, it serves that folder's files instead of its own page, through
//! the same `tauri://` assets path as an app's embedded pages: the bench saves オン資アシスタント's home
//! screen there as static HTML (tests/bench/save-home.e2e.js), so that the two windows draw the same page
//! and the difference in memory is the app's own.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::webview::PageLoadEvent;

/// The files of a folder, read once at start (keys as Tauri asks for them: "/index.html").
struct FolderAssets(BTreeMap<String, Vec<u8>>);

impl FolderAssets {
    fn read(folder: &Path) -> std::io::Result<FolderAssets> {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if path.is_file() {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                files.insert(format!("/{name}"), std::fs::read(&path)?);
            }
        }
        Ok(FolderAssets(files))
    }
}

impl<R: tauri::Runtime> tauri::Assets<R> for FolderAssets {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        self.0
            .get(key.as_ref())
            .map(|bytes| Cow::Borrowed(&bytes[..]))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(
            self.0
                .iter()
                .map(|(key, bytes)| (Cow::Borrowed(key.as_str()), Cow::Borrowed(&bytes[..]))),
        )
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

fn main() {
    let mut context = tauri::generate_context!();
    if let Some(folder) = std::env::var_os("ONSHI_BARE_PAGE") {
        let assets = FolderAssets::read(Path::new(&folder)).unwrap_or_else(|error| {
            panic!("ONSHI_BARE_PAGE {}: {error}", Path::new(&folder).display())
        });
        context.set_assets(Box::new(assets));
    }
    tauri::Builder::default()
        .on_page_load(|_, payload| {
            if payload.event() == PageLoadEvent::Finished {
                println!("first-screen");
            }
        })
        .run(context)
        .expect("the bare app starts");
}
