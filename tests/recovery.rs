//! Crash recovery: a process that edits and is killed leaves a copy in the app's own
//! folder, never over the user's file, and the next start recovers it as one undoable
//! step.

use patchbay::document::Document;
use patchbay::model::{self, edit::Edit};
use patchbay::recovery::Autosave;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

const CHILD: &str = "PATCHBAY_TEST_RECOVERY_DIR";
const USER_FILE: &str = "PATCHBAY_TEST_USER_FILE";

/// The edits the killed process makes: rename a system and change a link.
fn edit(doc: &mut Document) {
    let mut s = doc.design().systems[0].clone();
    s.name = "Renamed before the crash".into();
    doc.apply_merged(Edit::set_system("Rename system", s));
    let mut l = doc.design().links[0].clone();
    l.expected_duration_s = 42.0;
    doc.apply(Edit::set_link("Change expected duration", l));
}

/// The process that gets killed: opens the user's file, edits, autosaves, and waits.
/// Run only by the test below, which starts this test binary again for it.
#[test]
#[ignore = "the child process of the kill test; it waits to be killed"]
fn child_edits_autosaves_and_waits_to_be_killed() {
    let (Ok(dir), Ok(user_file)) = (std::env::var(CHILD), std::env::var(USER_FILE)) else {
        return;
    };
    let user_file = std::path::PathBuf::from(user_file);
    let design = model::load(&user_file).expect("the user's file");
    let mut doc = Document::from_file(design, user_file);
    edit(&mut doc);
    Autosave::new(dir.into())
        .write(doc.design(), doc.path.as_deref(), &doc.title)
        .expect("autosaved");
    println!("autosaved");
    std::thread::sleep(Duration::from_secs(120));
}

#[test]
fn a_killed_process_s_unsaved_changes_are_recovered_as_one_undoable_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let user_file = dir.path().join("retail.patchbay.ron");
    std::fs::write(&user_file, patchbay::samples::DEFAULT.text).expect("the user's file");
    let on_disk = std::fs::read(&user_file).expect("read");

    let mut child = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--ignored",
            "--exact",
            "child_edits_autosaves_and_waits_to_be_killed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, &recovery)
        .env(USER_FILE, &user_file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the child starts");
    let out = child.stdout.take().expect("stdout");
    let saw_autosave = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("autosaved"));
    assert!(saw_autosave, "the child autosaved");
    child.kill().expect("killed mid-edit");
    child.wait().expect("reaped");

    // The user's file is untouched: the copy went to the app's own folder.
    assert_eq!(std::fs::read(&user_file).expect("read"), on_disk);

    // The next start finds the copy of the dead process and offers it.
    let next = Autosave::new(recovery.clone());
    let found = next.orphans();
    assert_eq!(found.len(), 1, "{found:?}");
    let copy = &found[0];
    assert_eq!(copy.about.path.as_deref(), Some(user_file.as_path()));
    let text = copy.describe(SystemTime::now());
    assert!(
        text.contains("retail.patchbay.ron") && text.contains("less than a minute ago"),
        "{text}"
    );

    // Recovering onto the file as it is on disk is one step, and undo gives the file
    // back; the copy is what the killed process had.
    let original = model::load(&user_file).expect("loads");
    let mut expected = Document::from_file(original.clone(), user_file.clone());
    edit(&mut expected);
    let mut doc = Document::from_file(original.clone(), user_file.clone());
    doc.recover(copy.design.as_ref().expect("the copy opens"));
    assert!(copy.problems.is_empty() && copy.set_aside.is_empty());
    assert_eq!(doc.design(), expected.design());
    assert!(doc.is_dirty());
    assert_eq!(doc.history_labels().0, Some("Recover unsaved changes"));
    assert!(doc.undo());
    assert_eq!(*doc.design(), original);

    // Discarding is explicit, and then nothing is offered again.
    patchbay::recovery::discard(&copy.file);
    assert!(next.orphans().is_empty());
}

#[test]
fn a_running_window_s_copy_is_not_offered_and_clearing_removes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = Autosave::new(dir.path().to_owned());
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    mine.write(&design, None, "Retail").expect("written");
    assert!(mine.orphans().is_empty(), "this process's own copy");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
    mine.clear();
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

/// A dead process's number: no process runs under it.
const DEAD: u32 = 999_999_999;

#[test]
fn a_copy_that_does_not_open_is_offered_with_its_problems_and_the_bad_parts_set_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    // What an older build could leave behind: a flow through a link that is gone.
    design.links.retain(|l| l.id.0 != 5);
    let crashed = Autosave::for_pid(dir.path().to_owned(), DEAD);
    crashed
        .write(&design, None, "Retail")
        .expect("the copy keeps whatever the window held");
    assert!(
        model::parse(
            &std::fs::read_to_string(dir.path().join(format!("{DEAD}.patchbay.ron")))
                .expect("read")
        )
        .is_err()
    );

    let found = Autosave::new(dir.path().to_owned()).orphans();
    assert_eq!(found.len(), 1, "offered, not skipped");
    let copy = &found[0];
    assert!(
        copy.problems.iter().any(|p| p.contains(".patchbay.ron:")
            && p.contains("link 5, which the design does not have")),
        "{:?}",
        copy.problems
    );
    let opened = copy.design.as_ref().expect("opens with the flow set aside");
    assert!(model::validate::validate(opened).is_empty());
    assert!(
        copy.set_aside.iter().any(|s| s.contains("Checkout")),
        "{:?}",
        copy.set_aside
    );
    // Nothing was deleted on the way.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[test]
fn a_copy_that_cannot_be_read_at_all_is_still_offered_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("{DEAD}.patchbay.ron"));
    std::fs::write(&file, "(format_version: 1, name: \"Cut short\", systems: [").expect("write");
    let found = Autosave::new(dir.path().to_owned()).orphans();
    assert_eq!(found.len(), 1);
    assert!(found[0].design.is_none());
    assert!(!found[0].problems.is_empty());
    assert!(file.exists(), "kept until the user says otherwise");
}
