//! The client's in-memory cache of guilds, shared by every task.

use dashmap::mapref::one::Ref;
use dashmap::DashMap;

use crate::Guild;

pub type GuildRef<'a> = Ref<'a, u64, Guild>;

pub struct Cache {
    pub current_user: u64,
    guilds: DashMap<u64, Guild>,
}

impl Cache {
    pub fn new(current_user: u64) -> Self {
        Cache {
            current_user,
            guilds: DashMap::new(),
        }
    }

    /// A reference into the cache; the guild's shard stays read-locked for
    /// as long as it lives.
    pub fn guild(&self, id: u64) -> Option<GuildRef<'_>> {
        self.guilds.get(&id)
    }
}
