//! An ordered parallel map with bounded memory: one producer thread emits tasks, `jobs` worker
//! threads turn each into an outcome, and the calling thread receives the outcomes in task
//! order. At most [`WINDOW`] tasks are in flight (queued, being worked on, or finished and
//! waiting for an earlier one), so memory stays flat however many tasks there are, and output
//! is deterministic whatever the number of threads.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

/// Tasks in flight at most. Large enough to keep two cores busy while one slow file (a 64 MiB
/// bundle) is checked, small enough that the outcomes waiting behind it stay a few megabytes.
pub(crate) const WINDOW: u64 = 256;

/// How many tasks the consumer has taken, shared so the producer can wait for room.
struct Progress {
    consumed: Mutex<u64>,
    advanced: Condvar,
}

/// Runs `produce` on its own thread, `work` on `jobs` threads, and `consume` on this thread
/// with the outcomes in the order `produce` emitted the tasks.
pub(crate) fn ordered_map<T, O, P, W, C>(jobs: usize, produce: P, work: W, mut consume: C)
where
    T: Send + 'static,
    O: Send + 'static,
    P: FnOnce(&mut dyn FnMut(T)) + Send,
    W: Fn(T) -> O + Sync,
    C: FnMut(O),
{
    let progress = Arc::new(Progress {
        consumed: Mutex::new(0),
        advanced: Condvar::new(),
    });
    let (task_tx, task_rx) =
        mpsc::sync_channel::<(u64, T)>(usize::try_from(WINDOW).unwrap_or(usize::MAX));
    let (done_tx, done_rx) = mpsc::channel::<(u64, O)>();
    let task_rx = Mutex::new(task_rx);
    thread::scope(|scope| {
        let producer_progress = Arc::clone(&progress);
        scope.spawn(move || {
            let mut next = 0u64;
            let mut emit = |task: T| {
                wait_for_room(&producer_progress, next);
                // The consumer only stops early when this thread is done, so a send cannot fail
                // unless a worker panicked; then there is nothing left to do anyway.
                let _ = task_tx.send((next, task));
                next += 1;
            };
            produce(&mut emit);
        });
        for _ in 0..jobs.max(1) {
            let done_tx = done_tx.clone();
            let task_rx = &task_rx;
            let work = &work;
            scope.spawn(move || loop {
                let next = task_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, task))) = next else { break };
                if done_tx.send((seq, work(task))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        receive_in_order(&done_rx, &progress, &mut consume);
    });
}

/// Blocks the producer until task `seq` fits in the window.
fn wait_for_room(progress: &Progress, seq: u64) {
    let Ok(mut consumed) = progress.consumed.lock() else {
        return;
    };
    while seq >= *consumed + WINDOW {
        match progress.advanced.wait(consumed) {
            Ok(guard) => consumed = guard,
            Err(_) => return,
        }
    }
}

/// Hands outcomes to `consume` in sequence order, holding back the ones that arrive early.
fn receive_in_order<O>(done: &Receiver<(u64, O)>, progress: &Progress, consume: &mut dyn FnMut(O)) {
    let mut waiting = BTreeMap::new();
    let mut next = 0u64;
    for (seq, outcome) in done {
        waiting.insert(seq, outcome);
        while let Some(outcome) = waiting.remove(&next) {
            consume(outcome);
            next += 1;
            if let Ok(mut consumed) = progress.consumed.lock() {
                *consumed = next;
            }
            progress.advanced.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_arrive_in_task_order_with_many_workers() {
        let mut seen = Vec::new();
        ordered_map(
            4,
            |emit| (0..2_000u64).for_each(emit),
            |i| {
                // Uneven work so that workers finish out of order.
                if i % 7 == 0 {
                    thread::yield_now();
                }
                i * 2
            },
            |o| seen.push(o),
        );
        let want: Vec<u64> = (0..2_000).map(|i| i * 2).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn no_tasks_is_no_outcomes() {
        let mut count = 0;
        ordered_map(2, |_emit: &mut dyn FnMut(u8)| {}, |t| t, |_| count += 1);
        assert_eq!(count, 0);
    }
}
