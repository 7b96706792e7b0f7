//! The browser's side of [`crate::fs`]: local storage for the app's data, memory for
//! picked files, downloads for everything written elsewhere.

use super::{BROWSER_DATA, BROWSER_PICKED};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use wasm_bindgen::JsCast;

thread_local! {
    /// Files picked or dropped while the page is open.
    static PICKED: RefCell<HashMap<PathBuf, Vec<u8>>> = RefCell::new(HashMap::new());
}

/// Local storage keys: the file's text under `patchbay:PATH`, when it was written (ms
/// since the epoch) under `patchbay-written:PATH`.
const KEY: &str = "patchbay:";
const WRITTEN: &str = "patchbay-written:";

fn under(path: &Path, root: &str) -> bool {
    path.starts_with(root)
}

fn key(path: &Path) -> String {
    format!("{KEY}{}", path.display())
}

fn written_key(path: &Path) -> String {
    format!("{WRITTEN}{}", path.display())
}

fn storage() -> io::Result<web_sys::Storage> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| io::Error::other("this browser keeps no local storage for the page"))
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} is not in the page", path.display()),
    )
}

fn js(e: wasm_bindgen::JsValue) -> io::Error {
    io::Error::other(format!("{e:?}"))
}

pub fn put_picked(name: &str, bytes: Vec<u8>) -> PathBuf {
    // Only the file's name: a browser never says where a file came from.
    let name = Path::new(name)
        .file_name()
        .map_or_else(|| "picked".into(), |n| n.to_string_lossy().into_owned());
    let path = Path::new(BROWSER_PICKED).join(name);
    PICKED.with(|p| p.borrow_mut().insert(path.clone(), bytes));
    path
}

pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    if under(path, BROWSER_DATA) {
        let text = storage()?.get_item(&key(path)).map_err(js)?;
        return text.map(String::into_bytes).ok_or_else(|| not_found(path));
    }
    PICKED
        .with(|p| p.borrow().get(path).cloned())
        .ok_or_else(|| not_found(path))
}

pub fn len(path: &Path) -> io::Result<u64> {
    read(path).map(|b| b.len() as u64)
}

pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if under(path, BROWSER_DATA) {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let s = storage()?;
        // A full storage (a few MB per site) refuses the write: say so, keep the old.
        s.set_item(&key(path), text)
            .map_err(|_| io::Error::other("the browser's storage for this page is full"))?;
        let now = js_sys::Date::now();
        let _ = s.set_item(&written_key(path), &now.to_string());
        return Ok(());
    }
    download(path, bytes)
}

/// Offers `bytes` as a download named by the path's file name.
fn download(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "patchbay".into(), |n| n.to_string_lossy().into_owned());
    let window = web_sys::window().ok_or_else(|| io::Error::other("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| io::Error::other("no document"))?;
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js)?
        .dyn_into()
        .map_err(|_| io::Error::other("no anchor element"))?;
    a.set_href(&url);
    a.set_download(&name);
    a.click();
    // The download has its own copy once started; the URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

pub fn create_dir_all(_dir: &Path) -> io::Result<()> {
    // Folders are parts of keys: nothing to make.
    Ok(())
}

pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = read(from)?;
    write(to, &bytes)?;
    remove_file(from)
}

pub fn remove_file(path: &Path) -> io::Result<()> {
    if under(path, BROWSER_DATA) {
        let s = storage()?;
        s.remove_item(&key(path)).map_err(js)?;
        let _ = s.remove_item(&written_key(path));
        return Ok(());
    }
    PICKED.with(|p| p.borrow_mut().remove(path));
    Ok(())
}

pub fn files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if under(dir, BROWSER_DATA) {
        let s = storage()?;
        let n = s.length().map_err(js)?;
        for i in 0..n {
            let Some(k) = s.key(i).map_err(js)? else {
                continue;
            };
            if let Some(p) = k.strip_prefix(KEY) {
                let p = PathBuf::from(p);
                if p.parent() == Some(dir) {
                    out.push(p);
                }
            }
        }
    } else {
        PICKED.with(|p| {
            out.extend(
                p.borrow()
                    .keys()
                    .filter(|k| k.parent() == Some(dir))
                    .cloned(),
            );
        });
    }
    out.sort();
    Ok(out)
}

pub fn modified(path: &Path) -> io::Result<web_time::SystemTime> {
    let ms = storage()?
        .get_item(&written_key(path))
        .map_err(js)?
        .and_then(|t| t.parse::<f64>().ok())
        .ok_or_else(|| not_found(path))?;
    Ok(web_time::SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(ms as u64))
}
