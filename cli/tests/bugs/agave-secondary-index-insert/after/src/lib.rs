//! A secondary index entry: the set of accounts owned by one owner, plus a
//! global count of indexed accounts kept for metrics.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;

pub type AccountId = [u8; 32];

#[derive(Debug, Default)]
pub struct OwnerEntry {
    accounts: RwLock<HashSet<AccountId>>,
}

impl OwnerEntry {
    /// Adds `account`, counting it once in `indexed` when it is new.
    pub fn insert_if_not_exists(&self, account: &AccountId, indexed: &AtomicU64) {
        if self.accounts.read().unwrap().contains(account) {
            // already indexed: the common case, answered under the read lock
            return;
        }

        let mut accounts = self.accounts.write().unwrap();

        // another thread may have inserted it since the read lock was released
        if accounts.contains(account) {
            return;
        }

        accounts.insert(*account);
        indexed.fetch_add(1, Ordering::Relaxed);
    }

    pub fn remove(&self, account: &AccountId) -> bool {
        self.accounts.write().unwrap().remove(account)
    }

    pub fn len(&self) -> usize {
        self.accounts.read().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.read().unwrap().is_empty()
    }
}
