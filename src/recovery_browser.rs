//! The browser's side of [`crate::recovery`]: which pages are open.
//!
//! On the desktop a copy belongs to a process, and a process that no longer runs left
//! its copy behind. A page has no process, and a closed or reloaded tab tells nobody.
//! So each page draws a number when it loads and holds a Web Lock named by it for as
//! long as it is open; the browser lets the lock go with the page. A copy whose page
//! holds no lock was left behind: it is offered back. One whose page is open in
//! another tab is not.

use std::cell::RefCell;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function hold_lock(name) {
  if (navigator.locks) navigator.locks.request(name, () => new Promise(() => {}));
}
export async function held_locks() {
  if (!navigator.locks) return [];
  const snapshot = await navigator.locks.query();
  return snapshot.held.map((lock) => lock.name);
}
"#)]
extern "C" {
    fn hold_lock(name: &str);
    async fn held_locks() -> JsValue;
}

const PREFIX: &str = "patchbay-page-";

thread_local! {
    /// This page's number, drawn when it loads.
    static THIS_PAGE: u32 = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    /// The other pages open when this one started.
    static OPEN: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
}

/// This page's number: what tells its copies from other pages'.
pub fn this_page() -> u32 {
    THIS_PAGE.with(|p| *p)
}

/// Takes this page's lock and notes which other pages are open. Run before the app
/// looks for copies left behind; a browser without Web Locks offers every copy.
pub async fn note_open_pages() {
    hold_lock(&format!("{PREFIX}{}", this_page()));
    let held = held_locks().await;
    let open: HashSet<u32> = js_sys::Array::from(&held)
        .iter()
        .filter_map(|name| name.as_string()?.strip_prefix(PREFIX)?.parse().ok())
        .collect();
    OPEN.with(|o| *o.borrow_mut() = open);
}

/// The page numbered `page` was open when this one started.
pub fn is_open(page: u32) -> bool {
    OPEN.with(|o| o.borrow().contains(&page))
}
