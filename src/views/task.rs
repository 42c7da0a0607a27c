//! A dialog's one-shot job (delete a group, delete the stale groups): whether it runs, and what
//! it answered. Lighter than Leptos' `Action`, which is compiled in full once per job type and
//! which these dialogs, dispatching once, do not need (bench/NOTES.md §1).

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

pub struct Task<T: 'static> {
    /// Whether the job runs.
    pub pending: RwSignal<bool>,
    /// The job's answer, once it has finished.
    pub value: RwSignal<Option<T>, LocalStorage>,
}

impl<T: 'static> Clone for Task<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Task<T> {}

impl<T: 'static> Default for Task<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: 'static> Task<T> {
    pub fn new() -> Self {
        Task {
            pending: RwSignal::new(false),
            value: RwSignal::new_local(None),
        }
    }

    /// Runs `job` unless one runs already. It runs to its end even if the dialog closes
    /// meanwhile: a delete is not left half done.
    pub fn run(&self, job: impl Future<Output = T> + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        let task = *self;
        spawn_local(async move {
            let answer = job.await;
            task.value.try_set(Some(answer));
            task.pending.try_set(false);
        });
    }
}
