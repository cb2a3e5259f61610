//! libccid's list of supported readers, as the installed driver carries it (Linux): pcscd makes a USB
//! device a PC/SC reader through libccid only if its vendor and product ids are in this list. An id that
//! is missing means libccid is too old for the reader (or the reader is not CCID).
//!
//! The list is the driver bundle's `Info.plist` (arrays `ifdVendorID`, `ifdProductID` and
//! `ifdFriendlyName`, one entry per reader), read here without an XML crate: it is a flat file that
//! libccid's build writes in one fixed shape.

use crate::lock::LockExt;
use memchr::memmem::Finder;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

/// Where distributions install the bundle (Debian and Ubuntu first).
const INFO_PLIST_PLACES: [&str; 3] = [
    "/usr/lib/pcsc/drivers/ifd-ccid.bundle/Contents/Info.plist",
    "/usr/lib64/pcsc/drivers/ifd-ccid.bundle/Contents/Info.plist",
    "/usr/local/lib/pcsc/drivers/ifd-ccid.bundle/Contents/Info.plist",
];

/// Names another Info.plist to read instead of the installed one (tests: a libccid too old for a reader).
pub const INFO_PLIST_ENV: &str = "ONSHI_LIBCCID_INFO_PLIST";

/// The readers one libccid supports.
///
/// The list is checked whole when the file is read, but its ~1,700 entries are made only when a USB
/// device is looked up (`name_of`): most looks at the readers never need one (a reader the catalog
/// knows, presented by PC/SC), and making them took most of the ~0.3 ms libccid's list cost each
/// `onshi check` (fresh memory for 1,700 names and three arrays, release, timed in-process).
#[derive(Debug, Clone)]
pub struct SupportedReaders {
    /// libccid's version (`CFBundleShortVersionString`, "1.5.2"), if given.
    pub version: Option<String>,
    /// Where it was read from.
    pub path: PathBuf,
    /// The file's text, already checked by [`parse`], until the entries are made from it.
    text: String,
    readers: OnceLock<Vec<(u16, u16, String)>>,
}

impl SupportedReaders {
    /// A list of these entries (tests: a libccid that lacks a reader).
    pub fn of(version: Option<String>, readers: Vec<(u16, u16, String)>) -> SupportedReaders {
        SupportedReaders {
            version,
            path: PathBuf::new(),
            text: String::new(),
            readers: OnceLock::from(readers),
        }
    }

    /// (vendor id, product id, friendly name), in the file's order.
    pub fn readers(&self) -> &[(u16, u16, String)] {
        self.readers
            .get_or_init(|| entries(&self.text).expect("checked by parse"))
    }

    /// The friendly name libccid gives this id (pcsc-lite names the reader with it), if supported.
    pub fn name_of(&self, vendor_id: u16, product_id: u16) -> Option<&str> {
        self.readers()
            .iter()
            .find(|(vid, pid, _)| (*vid, *pid) == (vendor_id, product_id))
            .map(|(_, _, name)| name.as_str())
    }
}

/// The installed list (or the one [`INFO_PLIST_ENV`] names); None where libccid is not installed.
/// The file is parsed again only when its modification time changed (a libccid upgraded while the app
/// runs is seen at the next look). The list is shared, not copied: its ~1,700 names cost as much to
/// copy as to parse.
pub fn installed() -> Option<Arc<SupportedReaders>> {
    static LAST: Mutex<Option<(PathBuf, SystemTime, Arc<SupportedReaders>)>> = Mutex::new(None);
    let named = std::env::var_os(INFO_PLIST_ENV).map(PathBuf::from);
    let path = named.or_else(|| {
        INFO_PLIST_PLACES
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
    })?;
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let mut last = LAST.lock_or_recover();
    if let (Some((cached_path, cached_time, list)), Some(modified)) = (last.as_ref(), modified) {
        if *cached_path == path && *cached_time == modified {
            return Some(Arc::clone(list));
        }
    }
    let list = Arc::new(read(&path)?);
    if let Some(modified) = modified {
        *last = Some((path, modified, Arc::clone(&list)));
    }
    Some(list)
}

/// Reads one Info.plist; None if it is not readable as libccid's.
pub fn read(path: &Path) -> Option<SupportedReaders> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut list = parse(text)?;
    list.path = path.to_owned();
    Some(list)
}

/// Checks the text of an Info.plist: None unless its three arrays are there, whole and of one length
/// (what making the entries needs; they are made on first use).
pub fn parse(text: String) -> Option<SupportedReaders> {
    let count = |key| string_array(&text, key, |_| ());
    let vendors = count("ifdVendorID")?;
    if count("ifdProductID")? != vendors || count("ifdFriendlyName")? != vendors {
        return None;
    }
    Some(SupportedReaders {
        version: string_after_key(&text, "CFBundleShortVersionString"),
        path: PathBuf::new(),
        readers: OnceLock::new(),
        text,
    })
}

/// The entries of a text that [`parse`] accepted.
fn entries(text: &str) -> Option<Vec<(u16, u16, String)>> {
    let all = |key| {
        let mut items = Vec::new();
        string_array(text, key, |item| items.push(item)).map(|_| items)
    };
    let vendors = all("ifdVendorID")?;
    let products = all("ifdProductID")?;
    let names = all("ifdFriendlyName")?;
    if vendors.len() != products.len() || vendors.len() != names.len() {
        return None;
    }
    // The ids are read as written: one with an entity in it would not be hexadecimal unescaped either.
    let hex = |s: &str| {
        u16::from_str_radix(
            s.trim().trim_start_matches("0x").trim_start_matches("0X"),
            16,
        )
        .ok()
    };
    let readers = vendors
        .iter()
        .zip(&products)
        .zip(names)
        .filter_map(|((vid, pid), name)| Some((hex(vid)?, hex(pid)?, unescape(name))))
        .collect();
    Some(readers)
}

/// Each `<string>` item of the `<array>` that follows `<key>KEY</key>`, as written (still escaped), and
/// how many there are; None when the array is missing or an item is not closed.
fn string_array<'t>(text: &'t str, key: &str, mut each: impl FnMut(&'t str)) -> Option<usize> {
    let after_key = &text[find(text, &format!("<key>{key}</key>"))?..];
    let start = find(after_key, "<array>")? + "<array>".len();
    let end = find(after_key, "</array>")?;
    // Set up once for the ~1,700 items of libccid's list (Debian 12), not once per item.
    let (open, close) = (Finder::new("<string>"), Finder::new("</string>"));
    let mut count = 0;
    let mut rest = after_key.get(start..end)?;
    while let Some(at) = open.find(rest.as_bytes()) {
        let body = &rest[at + "<string>".len()..];
        let end = close.find(body.as_bytes())?;
        each(&body[..end]);
        count += 1;
        rest = &body[end..];
    }
    Some(count)
}

/// Where `tag` first appears in `text` (what `text.find(tag)` says). memchr's search goes through
/// libccid's 58 kB list many times faster than `str::find`, whose search was most of the ~0.5 ms that
/// parsing the list took in each `onshi check`. The tags are ASCII, so a match starts on a character.
fn find(text: &str, tag: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), tag.as_bytes())
}

fn string_after_key(text: &str, key: &str) -> Option<String> {
    let after_key = &text[find(text, &format!("<key>{key}</key>"))?..];
    let start = find(after_key, "<string>")? + "<string>".len();
    let end = find(after_key, "</string>")?;
    after_key.get(start..end).map(unescape)
}

fn unescape(text: &str) -> String {
    // Nearly every one of the ~1,700 items of libccid's list (Debian 12) has no entity at all: copied as
    // it is, without the five passes below, which took most of the time spent on this file.
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "<plist><dict>\n<key>CFBundleShortVersionString</key>\n<string>1.5.2</string>\n\
        <key>ifdVendorID</key>\n<array>\n<string>0x054C</string>\n<string>0x31AA</string>\n</array>\n\
        <key>ifdProductID</key>\n<array>\n<string>0x0DC9</string>\n<string>0x3000</string>\n</array>\n\
        <key>ifdFriendlyName</key>\n<array>\n<string>SONY FeliCa RC-S300/P</string>\n\
        <string>Circle CIR315 Dual &amp; 1S</string>\n</array>\n</dict></plist>";

    #[test]
    fn ids_and_names_are_read_in_order() {
        let list = parse(SMALL.to_owned()).unwrap();
        assert_eq!(list.version.as_deref(), Some("1.5.2"));
        assert_eq!(list.name_of(0x054C, 0x0DC9), Some("SONY FeliCa RC-S300/P"));
        assert_eq!(
            list.name_of(0x31AA, 0x3000),
            Some("Circle CIR315 Dual & 1S")
        );
        assert_eq!(list.name_of(0x054C, 0x06C1), None);
    }

    /// The items as the standard library's `str::find` finds them (how this file read them before).
    fn items_by_str_find(text: &str, key: &str) -> Vec<String> {
        let after_key = &text[text.find(&format!("<key>{key}</key>")).unwrap()..];
        let start = after_key.find("<array>").unwrap() + "<array>".len();
        let mut rest = &after_key[start..after_key.find("</array>").unwrap()];
        let mut items = Vec::new();
        while let Some(open) = rest.find("<string>") {
            let body = &rest[open + "<string>".len()..];
            let close = body.find("</string>").unwrap();
            items.push(unescape(&body[..close]));
            rest = &body[close..];
        }
        items
    }

    /// The installed list (Debian's libccid on the rig and in CI), else the small one, read item for item
    /// as `str::find` reads it.
    #[test]
    fn the_list_reads_as_the_standard_search_reads_it() {
        let installed = INFO_PLIST_PLACES
            .iter()
            .find_map(|place| std::fs::read_to_string(place).ok());
        let text = installed.as_deref().unwrap_or(SMALL);
        let list = parse(text.to_owned()).unwrap();
        let names = items_by_str_find(text, "ifdFriendlyName");
        assert_eq!(list.readers().len(), names.len());
        for (reader, name) in list.readers().iter().zip(&names) {
            assert_eq!(&reader.2, name);
        }
        let vendors = items_by_str_find(text, "ifdVendorID");
        assert_eq!(
            list.readers().iter().map(|r| r.0).collect::<Vec<_>>(),
            vendors
                .iter()
                .map(|v| u16::from_str_radix(v.trim().trim_start_matches("0x"), 16).unwrap())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_tag_is_found_where_the_standard_search_finds_it() {
        for text in [
            "",
            "<",
            "<str",
            "a<b<string>c",
            "<<string>",
            "x</string><string>",
            "a &lt; b</string>",
            "<strin<string>",
            "日本<string>語",
        ] {
            for tag in ["<string>", "</string>", "<array>"] {
                assert_eq!(find(text, tag), text.find(tag), "{text:?} {tag:?}");
            }
        }
    }

    #[test]
    fn lists_of_unequal_length_are_not_trusted() {
        let broken = SMALL.replacen("<string>0x0DC9</string>\n", "", 1);
        assert!(parse(broken).is_none());
        assert!(parse("<plist/>".to_owned()).is_none());
        // An item left open is refused too, as before the entries were made lazily.
        let unclosed = SMALL.replacen("0x3000</string>", "0x3000", 1);
        assert!(parse(unclosed).is_none());
    }
}
