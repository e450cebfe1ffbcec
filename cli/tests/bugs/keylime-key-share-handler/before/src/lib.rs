//! An agent receives the two halves of a payload key in two HTTP requests
//! and combines them once both have arrived; a waiting thread is woken then.

use std::sync::{Condvar, Mutex};

pub type Share = [u8; 16];

pub struct AgentState {
    pub first_shares: Mutex<Vec<Share>>,
    pub second_shares: Mutex<Vec<Share>>,
    pub payload_key: Mutex<Option<Share>>,
    pub payload_key_ready: Condvar,
    pub auth_tag: Mutex<Vec<u8>>,
}

pub struct Reply {
    pub status: u16,
}

/// Builds the response; the web framework's builder is itself a future.
async fn reply_ok() -> Reply {
    Reply { status: 200 }
}

fn combine(mine: &mut Vec<Share>, other: &mut Vec<Share>, tag: &[u8]) -> Option<Share> {
    if mine.is_empty() || other.is_empty() || tag.is_empty() {
        return None;
    }
    let mut key = [0u8; 16];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = mine[0][i] ^ other[0][i];
    }
    mine.clear();
    other.clear();
    Some(key)
}

/// Handles the request carrying the first share and the authentication tag.
pub async fn first_share(state: &AgentState, share: Share, tag: &[u8]) -> Reply {
    let mut mine = state.first_shares.lock().unwrap();
    let mut other = state.second_shares.lock().unwrap();
    let mut key = state.payload_key.lock().unwrap();
    let mut auth_tag = state.auth_tag.lock().unwrap();

    mine.push(share);
    auth_tag.clear();
    auth_tag.extend_from_slice(tag);

    if let Some(combined) = combine(&mut mine, &mut other, &auth_tag) {
        let _ = key.replace(combined);
        state.payload_key_ready.notify_one();
    }

    reply_ok().await
}
