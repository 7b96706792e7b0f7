//! Work done off the UI thread, done one way everywhere: a [`Job`] runs on a thread
//! of its own with a name (so a profiler or a panic message says which), sends its
//! results through an [`Outbox`] that wakes whoever waits (the window passes a
//! [`Waker`] that asks for a repaint, so nothing polls on a timer), is known by a key
//! so that a result for an older state can be told apart and dropped, and runs on the
//! calling thread where no thread can be had (a failed spawn, or a target without
//! threads such as the browser): slower, never lost.
//!
//! `tests/jobs.rs` holds that every thread in `src/` is started here.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};

/// How a job tells the side waiting for it that something arrived. The window's asks
/// egui for a repaint; the default does nothing (tests and the command line look for
/// themselves).
#[derive(Clone, Default)]
pub struct Waker(Option<Arc<dyn Fn() + Send + Sync>>);

impl Waker {
    /// A waker that calls `wake`.
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        Self(Some(Arc::new(wake)))
    }

    /// True for the default waker, which wakes nobody.
    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }

    /// Wakes the waiting side.
    pub fn wake(&self) {
        if let Some(wake) = &self.0 {
            wake();
        }
    }
}

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Waker"
        } else {
            "Waker(none)"
        })
    }
}

/// Where a job's work puts what it has: each value sent wakes the waiting side.
pub struct Outbox<T> {
    tx: Sender<T>,
    waker: Waker,
}

impl<T> Outbox<T> {
    /// Sends `value`. False when nobody waits any more (the job was dropped as stale
    /// or cancelled): the work may stop early.
    pub fn send(&self, value: T) -> bool {
        let sent = self.tx.send(value).is_ok();
        if sent {
            self.waker.wake();
        }
        sent
    }
}

/// What looking at a job found.
#[derive(Debug, PartialEq)]
pub enum Polled<T> {
    /// Nothing new yet.
    Waiting,
    /// The next value the work sent.
    Ready(T),
    /// The work ended and everything it sent has been taken: it finished, or it
    /// stopped without finishing (a panic), which its owner must make good.
    Ended,
}

/// A piece of work running off the UI thread, known by `key` (the revision, zoom or
/// file it is for). Dropping the job drops its results: the work's next send fails and
/// it can stop.
pub struct Job<K, T> {
    key: K,
    rx: Receiver<T>,
}

impl<K, T: Send + 'static> Job<K, T> {
    /// Starts `work` on a thread called `name`, or runs it here when no thread can be
    /// had (then its results are waiting by the time this returns).
    pub fn start(
        name: &str,
        key: K,
        waker: &Waker,
        work: impl FnOnce(&Outbox<T>) + Send + 'static,
    ) -> Self {
        Self::start_on(threads_available(), name, key, waker, work)
    }

    fn start_on(
        threads: bool,
        name: &str,
        key: K,
        waker: &Waker,
        work: impl FnOnce(&Outbox<T>) + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let outbox = Outbox {
            tx,
            waker: waker.clone(),
        };
        run(threads, name, move || work(&outbox));
        Self { key, rx }
    }

    /// Starts a job whose work makes one value.
    pub fn one(
        name: &str,
        key: K,
        waker: &Waker,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        Self::start(name, key, waker, move |out| {
            out.send(work());
        })
    }

    /// What the job is for.
    pub fn key(&self) -> &K {
        &self.key
    }

    /// Takes the next value the work sent, without waiting.
    pub fn poll(&self) -> Polled<T> {
        match self.rx.try_recv() {
            Ok(value) => Polled::Ready(value),
            Err(TryRecvError::Empty) => Polled::Waiting,
            Err(TryRecvError::Disconnected) => Polled::Ended,
        }
    }
}

/// Runs `work` off the UI thread when nothing waits for its result (freeing a large
/// structure, filling an index that is shared some other way), or here when no thread
/// can be had.
pub fn detach(name: &str, work: impl FnOnce() + Send + 'static) {
    run(threads_available(), name, work);
}

/// Runs `there` on a thread called `name` while `here` runs on this one, and returns
/// both results: two halves of one computation (a diagram drawn while the tables are
/// written). Where no thread can be had, `here` runs first, then `there`, so `there`
/// may wait for something `here` sends, never the other way round. A panic in either
/// is carried on: it is a bug, not a result.
pub fn beside<T: Send, H>(
    name: &str,
    there: impl FnOnce() -> T + Send,
    here: impl FnOnce() -> H,
) -> (T, H) {
    beside_on(threads_available(), name, there, here)
}

fn beside_on<T: Send, H>(
    threads: bool,
    name: &str,
    there: impl FnOnce() -> T + Send,
    here: impl FnOnce() -> H,
) -> (T, H) {
    if !threads {
        let h = here();
        return (there(), h);
    }
    // `spawn_scoped` consumes `there` even when it fails; kept here, it can still run.
    let slot = Mutex::new(Some(there));
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(s, || {
                let there = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
                there.map(|there| there())
            });
        let h = here();
        let from_thread = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        let t = from_thread.unwrap_or_else(|| {
            let there = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
            // The thread either ran `there` (and gave its result) or never started.
            there.expect("work whose thread did not start is still here")()
        });
        (t, h)
    })
}

/// Whether this build can start threads at all: the browser's cannot.
const fn threads_available() -> bool {
    !cfg!(target_family = "wasm")
}

/// The one place a thread is started.
fn run(threads: bool, name: &str, work: impl FnOnce() + Send + 'static) {
    if !threads {
        work();
        return;
    }
    // `spawn` consumes the work even when it fails; kept here, it can still be run.
    let slot = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let work = theirs.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some(work) = work {
                work();
            }
        });
    if spawned.is_err() {
        let work = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(work) = work {
            work();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn wait<K, T: Send + 'static>(job: &Job<K, T>) -> Polled<T> {
        loop {
            match job.poll() {
                Polled::Waiting => std::thread::yield_now(),
                other => return other,
            }
        }
    }

    #[test]
    fn a_job_sends_its_values_in_order_wakes_for_each_then_ends() {
        let wakes = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&wakes);
        let waker = Waker::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let job = Job::start("test", 7_u64, &waker, |out| {
            out.send(1);
            out.send(2);
        });
        assert_eq!(*job.key(), 7);
        assert_eq!(wait(&job), Polled::Ready(1));
        assert_eq!(wait(&job), Polled::Ready(2));
        assert_eq!(wait(&job), Polled::Ended);
        assert_eq!(wakes.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn without_threads_the_work_is_done_before_start_returns() {
        let job = Job::start_on(false, "test", (), &Waker::default(), |out| {
            out.send(std::thread::current().name().map(str::to_owned));
        });
        // Ran on this (the test's) thread, and is ready at once.
        let here = std::thread::current().name().map(str::to_owned);
        assert_eq!(job.poll(), Polled::Ready(here));
        assert_eq!(job.poll(), Polled::Ended);
    }

    #[test]
    fn the_thread_has_the_jobs_name() {
        let job = Job::one("named work", (), &Waker::default(), || {
            std::thread::current().name().map(str::to_owned)
        });
        assert_eq!(wait(&job), Polled::Ready(Some("named work".to_owned())));
    }

    #[test]
    fn a_dropped_job_tells_its_work_nobody_listens() {
        let (go, wait_for_go) = channel::<()>();
        let (told, heard) = channel();
        let job = Job::start("test", (), &Waker::default(), move |out| {
            let _ = wait_for_go.recv();
            let _ = told.send(out.send(1));
        });
        drop(job);
        go.send(()).expect("the work waits for this");
        assert_eq!(heard.recv(), Ok(false));
    }

    #[test]
    fn beside_runs_both_halves_and_without_threads_runs_here_first() {
        for threads in [true, false] {
            let (tx, rx) = channel();
            // `there` waits for what `here` sends: the order that must hold inline.
            let (t, h) = beside_on(
                threads,
                "test",
                move || rx.recv().map(|n: u32| n + 1),
                move || {
                    tx.send(41).expect("`there` listens");
                    "here"
                },
            );
            assert_eq!((t, h), (Ok(42), "here"), "threads: {threads}");
        }
    }

    #[test]
    fn work_that_panics_ends_the_job_instead_of_hanging_it() {
        let job: Job<(), u8> = Job::start("test", (), &Waker::default(), |_| panic!("on purpose"));
        assert_eq!(wait(&job), Polled::Ended);
    }
}
