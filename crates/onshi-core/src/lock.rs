//! Taking a lock that an earlier holder left poisoned by panicking.
//!
//! Every lock in the app and the core guards plain state that is whole after each assignment (the
//! readers' report, the certificate on screen, the running read tests, a PC/SC context): no holder leaves
//! it half-changed across a call that can panic. A panic elsewhere — one command, one thread — must then
//! not take the tray, the watch and every later command down with it, as `lock().unwrap()` would; the
//! data is used as it was left.

use std::sync::{Mutex, MutexGuard};

/// `lock()` that recovers from poisoning (see the module's note on why that is right here).
pub trait LockExt<T: ?Sized> {
    fn lock_or_recover(&self) -> MutexGuard<'_, T>;
}

impl<T: ?Sized> LockExt<T> for Mutex<T> {
    fn lock_or_recover(&self) -> MutexGuard<'_, T> {
        self.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_poisoned_by_a_panic_still_gives_its_data() {
        let shared = std::sync::Arc::new(Mutex::new(1));
        let held = shared.clone();
        let _ = std::thread::spawn(move || {
            let _guard = held.lock().unwrap();
            panic!("poisons the lock");
        })
        .join();
        assert!(shared.is_poisoned());
        *shared.lock_or_recover() += 1;
        assert_eq!(*shared.lock_or_recover(), 2);
    }
}
