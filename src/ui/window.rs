//! The native window: eframe, the device's size limit, persistence of recent files,
//! and autosave with crash recovery.

use super::app::{PatchbayApp, RECENT_KEY};
use super::dialogs::Dialog;
#[cfg(not(target_arch = "wasm32"))]
use super::files::RfdDialogs;
#[cfg(not(target_arch = "wasm32"))]
use eframe::egui_wgpu::wgpu;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;

impl PatchbayApp {
    /// Copies unsaved changes into `autosave`'s folder every 30 seconds, and offers
    /// the copies that crashed windows left there.
    pub fn with_autosave(mut self, autosave: crate::recovery::Autosave) -> Self {
        let orphans = autosave.orphans();
        if let Some(newest) = orphans.into_iter().next() {
            self.dialog = Some(Dialog::Recover(Box::new(newest)));
        }
        self.autosave.copy = Some(autosave);
        self
    }
    /// Writes the copy of unsaved changes when it is due at `now` and the design
    /// changed since the last copy (or removes it once they are saved).
    pub fn autosave_tick(&mut self, now: web_time::Instant) {
        let Some(autosave) = &self.autosave.copy else {
            return;
        };
        if !self.doc.is_dirty() {
            if self.autosave.at.take().is_some() {
                autosave.clear();
            }
            return;
        }
        let revision = self.doc.revision();
        let due = self.autosave.at.is_none_or(|(at, copied)| {
            copied != revision && now.duration_since(at) >= crate::recovery::INTERVAL
        });
        if due {
            let doc = &self.doc;
            match autosave.write(doc.design(), doc.path.as_deref(), &doc.title) {
                Ok(()) => {}
                Err(e) => self.status = format!("Could not keep a recovery copy: {e}"),
            }
            self.autosave.at = Some((now, revision));
        }
    }
    /// On the way out: unsaved changes the user did not discard are copied, so the
    /// next start can offer them; otherwise the copy goes.
    pub fn leave(&mut self) {
        let Some(autosave) = &self.autosave.copy else {
            return;
        };
        if self.doc.is_dirty() && !self.autosave.discarding {
            let doc = &self.doc;
            let _ = autosave.write(doc.design(), doc.path.as_deref(), &doc.title);
        } else {
            autosave.clear();
        }
    }
}

/// The largest 2D texture every wgpu device supports (its default limit).
#[cfg(not(target_arch = "wasm32"))]
const SAFE_TEXTURE_SIZE: u32 = 8192;

/// The largest window, in points, whose surface fits in a texture of `max_texture`
/// pixels at `pixels_per_point`.
pub fn max_window_points(max_texture: u32, pixels_per_point: f32) -> egui::Vec2 {
    let side = (max_texture as f32 / pixels_per_point.max(0.1)).floor();
    egui::vec2(side, side)
}

/// Opens the window on `file`, or on the built-in retail design when there is none.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            // Until the device is known: the texture size every wgpu device supports.
            .with_max_inner_size(max_window_points(SAFE_TEXTURE_SIZE, 1.0))
            .with_title("Patchbay")
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Patchbay",
        options,
        Box::new(move |cc| {
            // A window larger than the largest texture the graphics device can draw
            // crashes wgpu (and loses the work): never let it grow past that.
            if let Some(render) = &cc.wgpu_render_state {
                let max = render.device.limits().max_texture_dimension_2d;
                let size = max_window_points(max, cc.egui_ctx.pixels_per_point());
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::MaxInnerSize(size));
                // Where no window manager enforces that limit (or one ignores it), the
                // window can still be made larger; wgpu's default answer to the
                // oversized surface is a panic. Report it once instead: the window
                // draws again when it is made smaller, and the work is never lost.
                let reported = std::sync::atomic::AtomicBool::new(false);
                render
                    .device
                    .on_uncaptured_error(std::sync::Arc::new(move |e: wgpu::Error| {
                        if !reported.swap(true, std::sync::atomic::Ordering::Relaxed) {
                            eprintln!(
                                "patchbay: the graphics device refused a frame ({e}); the window \
                                 may stay blank until it is made smaller than {max} pixels."
                            );
                        }
                    }));
            }
            let mut app = PatchbayApp::with_default_design(Box::new(RfdDialogs::new()))
                .with_progress(crate::learn::progress::Progress::default_path());
            if let Some(dir) = crate::recovery::Autosave::default_dir() {
                app = app.with_autosave(crate::recovery::Autosave::new(dir));
            }
            app.restore_theme(&cc.egui_ctx, cc.storage);
            if let Some(recent) = cc.storage.and_then(|s| s.get_string(RECENT_KEY)) {
                app.files.recent = recent
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect();
            }
            if let Some(path) = file {
                // A bad file leaves the built-in design open with its problems shown.
                app.open_path(&path);
            }
            Ok(Box::new(app))
        }),
    )
}

/// Starts the app in the page's canvas `canvas_id`, on the built-in retail design;
/// exercise progress and autosave copies are kept in the page's storage. A problem
/// starting (no WebGL2, no such canvas) is shown in the page instead of the canvas.
#[cfg(target_arch = "wasm32")]
pub fn start_in_page(canvas_id: &str) {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document());
    let canvas = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(canvas_id))
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    let Some(canvas) = canvas else {
        web_sys::console::error_1(&format!("patchbay: no canvas #{canvas_id} in the page").into());
        return;
    };
    // What eframe and egui report (a refused clipboard, a lost WebGL context) goes to
    // the browser's console.
    let _ = eframe::WebLogger::init(log::LevelFilter::Warn);
    wasm_bindgen_futures::spawn_local(async move {
        // Before the app looks for copies left behind: those of pages open in other
        // tabs are not.
        crate::recovery::pages::note_open_pages().await;
        let started = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|cc| {
                    // A page has no window frame to match: egui's theme sync would
                    // only warn in the console that the web backend lacks it. The
                    // theme follows the browser's light or dark preference unless
                    // one was chosen in View.
                    cc.egui_ctx.options_mut(|o| o.sync_window_theme = false);

                    let hash = web_sys::window()
                        .and_then(|w| w.location().hash().ok())
                        .unwrap_or_default();
                    let mut app = from_link(&hash)
                        .with_progress(crate::learn::progress::Progress::default_path());
                    app.restore_theme(&cc.egui_ctx, cc.storage);
                    if let Some(dir) = crate::recovery::Autosave::default_dir() {
                        app = app.with_autosave(crate::recovery::Autosave::new(dir));
                    }
                    Ok(Box::new(app))
                }),
            )
            .await;
        if let Err(e) = started {
            let text = format!(
                "Patchbay could not start in this browser: {e:?}. It draws with WebGL2; \
                 a current Chrome, Firefox, Safari or Edge has it."
            );
            web_sys::console::error_1(&text.clone().into());
            if let Some(note) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("problem"))
            {
                note.set_text_content(Some(&text));
            }
        }
    });
}

/// The testing hook of the browser build, and all of it: `window.patchbayState`, a
/// JSON string of what the page shows (the design's name, counts and file text, each
/// link's recommended pattern, what is selected, the open exercise and its progress,
/// the open dialog, the status line),
/// set when it changes. The browser test reads it to check what its real mouse and key
/// events did; nothing reads it back into the app.
#[cfg(target_arch = "wasm32")]
fn publish_state(app: &PatchbayApp) {
    use super::command::Selection;
    use std::cell::RefCell;
    type Key = (u64, [Option<&'static str>; 3], Selection, String);
    thread_local! {
        /// What was last published: revision, exercise, progress and dialog,
        /// selection, status.
        static SHOWN: RefCell<Option<Key>> = const { RefCell::new(None) };
    }
    let exercise = app.learn.exercise.map(|e| e.id);
    let progress = exercise.map(|id| app.learn.progress.status(id).label());
    let dialog = app.dialog.as_ref().map(|d| match d {
        Dialog::Unsaved { .. } => "unsaved",
        Dialog::Problems { .. } => "problems",
        Dialog::Error(_) => "error",
        Dialog::Recover(_) => "recover",
        Dialog::Accept(_) => "accept",
        Dialog::Imported { .. } => "imported",
        Dialog::TooLargeForLink(_) => "too-large-for-link",
    });
    let unchanged = SHOWN.with(|s| {
        let mut s = s.borrow_mut();
        let same = s
            .as_ref()
            .is_some_and(|(revision, open, selection, status)| {
                *revision == app.doc.revision()
                    && *open == [exercise, progress, dialog]
                    && *selection == app.selection
                    && *status == app.status
            });
        if !same {
            *s = Some((
                app.doc.revision(),
                [exercise, progress, dialog],
                app.selection.clone(),
                app.status.clone(),
            ));
        }
        same
    });
    if unchanged {
        return;
    }
    let design = app.doc.design();
    let patterns: Vec<_> = app
        .doc
        .analysis()
        .links
        .iter()
        .map(|l| l.pattern.choice.id())
        .collect();
    let state = serde_json::json!({
        "name": design.name,
        "systems": design.systems.len(),
        "links": design.links.len(),
        "patterns": patterns,
        "selected": {
            "systems": app.selection.systems.iter().map(|s| s.0).collect::<Vec<_>>(),
            "links": app.selection.links.iter().map(|l| l.0).collect::<Vec<_>>(),
        },
        "file": crate::model::file::to_ron_string(design).unwrap_or_default(),
        "exercise": exercise,
        "progress": progress,
        "dialog": dialog,
        "status": app.status,
        "revision": app.doc.revision(),
    });
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"patchbayState".into(), &state.to_string().into());
    }
}

/// The app a page address's fragment asks for: a shared design as an unsaved copy, an
/// exercise, or (with none, or one that cannot be read, which the status line says)
/// the built-in design.
#[cfg(target_arch = "wasm32")]
fn from_link(hash: &str) -> PatchbayApp {
    use crate::share::{Fragment, decode, fragment};
    let dialogs = || Box::new(super::files::BrowserDialogs);
    match fragment(hash) {
        Some(Fragment::Design(payload)) => match decode(&payload) {
            Ok(design) => {
                let title = format!("{} (shared)", design.name);
                let mut app =
                    PatchbayApp::new(crate::document::Document::unsaved(design, title), dialogs());
                app.status = "Opened the design in the link: an unsaved copy.".into();
                app
            }
            Err(e) => {
                let mut app = PatchbayApp::with_default_design(dialogs());
                app.status = format!("The link's design could not be opened: {e}.");
                app
            }
        },
        Some(Fragment::Lesson(id)) => {
            let mut app = PatchbayApp::with_default_design(dialogs());
            match crate::learn::exercises::ALL.iter().find(|e| e.id == id) {
                Some(e) => app.command(super::command::Command::OpenExercise(e.id)),
                None => {
                    app.status = format!(
                        "The link asks for lesson \"{id}\", which this Patchbay does not have."
                    )
                }
            }
            app
        }
        None => PatchbayApp::with_default_design(dialogs()),
    }
}

impl PatchbayApp {
    /// Shows the window in the theme chosen in View last time (kept in `storage`), or
    /// as the desktop (or browser) prefers when none was chosen.
    pub fn restore_theme(&mut self, ctx: &egui::Context, storage: Option<&dyn eframe::Storage>) {
        self.theme = storage
            .and_then(|s| s.get_string(super::theme::THEME_KEY))
            .and_then(|id| super::theme::theme_from_id(&id))
            .unwrap_or(egui::ThemePreference::System);
        super::theme::apply(ctx, self.theme);
    }
}

impl eframe::App for PatchbayApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        #[cfg(target_arch = "wasm32")]
        publish_state(self);
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn on_exit(&mut self) {
        self.leave();
    }

    // In the browser eframe draws with glow, and tells the app it ends with the GL
    // context (a closed tab may not get this far: the autosave copy is kept anyway).
    #[cfg(target_arch = "wasm32")]
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.leave();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let recent: Vec<String> = self
            .files
            .recent
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        storage.set_string(RECENT_KEY, recent.join("\n"));
        storage.set_string(
            super::theme::THEME_KEY,
            super::theme::theme_id(self.theme).into(),
        );
    }
}
