//! Files in the browser: the page's file picker to open, downloads to save.
//!
//! A page cannot show a file dialog of its own making, nor write where the user
//! chooses. So [`BrowserDialogs`] answers every question with "no dialog here", and the
//! window's own dialog, [`BuiltinDialog`], is here the browser's: picking a file opens
//! the browser's file picker (the file is kept in the page, see [`crate::fs`]), and
//! saving names a download.

use super::super::command::Purpose;
use super::ask::{FileDialogs, Picked};
use crate::job::Waker;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The browser's file questions: always answered by the page's own (see the module).
#[derive(Default)]
pub struct BrowserDialogs;

impl FileDialogs for BrowserDialogs {
    fn open(&mut self) -> Picked {
        Picked::Unavailable
    }

    fn save(&mut self, _suggested: &str) -> Picked {
        Picked::Unavailable
    }
}

/// Where downloads are named: a path outside the page's data, so writing it downloads.
const DOWNLOADS: &str = "/downloads";

/// The answer of the browser's picker: none yet, then the file (or None: cancelled).
type Answer = Rc<RefCell<Option<Option<PathBuf>>>>;

/// A question for a file, in the browser.
pub struct BuiltinDialog {
    /// What the chosen file is for.
    pub purpose: Purpose,
    answer: Answer,
    /// The picker's handlers, kept while it is open.
    _handlers: Vec<Closure<dyn FnMut()>>,
}

impl BuiltinDialog {
    pub(crate) fn new(purpose: Purpose, _dir: PathBuf, suggested: &str, wake: Waker) -> Self {
        let answer: Answer = Rc::new(RefCell::new(None));
        let mut handlers = Vec::new();
        match purpose {
            Purpose::Save | Purpose::Export(_) | Purpose::ExportComparison => {
                let name = if suggested.is_empty() {
                    "design.patchbay.ron"
                } else {
                    suggested
                };
                *answer.borrow_mut() = Some(Some(Path::new(DOWNLOADS).join(name)));
            }
            Purpose::Open | Purpose::Compare | Purpose::Import => {
                let accept = if purpose == Purpose::Import {
                    crate::interop::EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(",")
                } else {
                    ".ron".to_owned()
                };
                match pick(&accept, &answer, wake) {
                    Ok(h) => handlers = h,
                    Err(e) => {
                        web_sys::console::error_1(&e);
                        *answer.borrow_mut() = Some(None);
                    }
                }
            }
        }
        Self {
            purpose,
            answer,
            _handlers: handlers,
        }
    }

    /// The chosen file once the picker answered, `Some(None)` when it was cancelled.
    pub(crate) fn update(&mut self, _ctx: &egui::Context) -> Option<Option<PathBuf>> {
        self.answer.borrow_mut().take()
    }
}

/// Opens the browser's file picker; the picked file is read into the page and its path
/// put in `answer`, and the window woken.
fn pick(
    accept: &str,
    answer: &Answer,
    wake: Waker,
) -> Result<Vec<Closure<dyn FnMut()>>, wasm_bindgen::JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let input: web_sys::HtmlInputElement = document.create_element("input")?.dyn_into()?;
    input.set_type("file");
    input.set_accept(accept);
    let wake = Rc::new(wake);
    let changed = {
        let (input, answer, wake) = (input.clone(), answer.clone(), wake.clone());
        Closure::<dyn FnMut()>::new(move || {
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                *answer.borrow_mut() = Some(None);
                wake.wake();
                return;
            };
            let (answer, wake) = (answer.clone(), wake.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
                let picked = match read {
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        Some(crate::fs::put_picked(&file.name(), bytes))
                    }
                    Err(e) => {
                        // Nothing opens; the console says why.
                        web_sys::console::error_2(
                            &"patchbay: the picked file could not be read:".into(),
                            &e,
                        );
                        None
                    }
                };
                *answer.borrow_mut() = Some(picked);
                wake.wake();
            });
        })
    };
    let cancelled = {
        let (answer, wake) = (answer.clone(), wake.clone());
        Closure::<dyn FnMut()>::new(move || {
            *answer.borrow_mut() = Some(None);
            wake.wake();
        })
    };
    input.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref())?;
    input.add_event_listener_with_callback("cancel", cancelled.as_ref().unchecked_ref())?;
    input.click();
    Ok(vec![changed, cancelled])
}

thread_local! {
    /// Dropped files read into the page, waiting for the window to open them.
    static DROPPED: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Reads a file dropped onto the page into it (see [`crate::fs`]), then wakes the
/// window, which takes it with [`dropped_and_read`].
pub(crate) fn read_dropped(file: egui::DroppedFileHandle, wake: Waker) {
    wasm_bindgen_futures::spawn_local(async move {
        match file.bytes_async().await {
            Ok(bytes) => {
                let name = file.path().to_string_lossy().into_owned();
                let path = crate::fs::put_picked(&name, bytes);
                DROPPED.with(|d| d.borrow_mut().push(path));
                wake.wake();
            }
            Err(e) => web_sys::console::error_1(
                &format!("patchbay: a dropped file could not be read: {e}").into(),
            ),
        }
    });
}

/// The dropped files read since the last call.
pub(crate) fn dropped_and_read() -> Vec<PathBuf> {
    DROPPED.with(|d| std::mem::take(&mut *d.borrow_mut()))
}
