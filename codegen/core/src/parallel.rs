//! Work spread over threads, its results in the order of its input.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads the stages that spread their work use: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// How many threads `n` independent items of parsing are worth: one per
/// core for many (the whole spec's schemas and paths), the calling
/// thread alone for a few (a macro's handful of schemas).
pub fn threads_for(n: usize) -> usize {
    if n >= 32 {
        threads()
    } else {
        1
    }
}

/// `f` of every item, in the items' order, computed on up to `threads`
/// threads (the calling one among them). Each thread takes the next item
/// from a shared counter, so a few large items do not leave the others
/// idle.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut made: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut made = work();
        for helper in helpers {
            match helper.join() {
                Ok(theirs) => made.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        made
    });
    made.sort_unstable_by_key(|(i, _)| *i);
    made.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [0, 1, 2, 7] {
            let squares = super::map(&items, threads, |n| n * n);
            assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        }
        assert!(super::map(&[] as &[u8], 4, |b| *b).is_empty());
    }
}
