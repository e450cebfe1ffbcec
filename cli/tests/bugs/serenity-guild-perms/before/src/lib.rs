//! Request builders of a chat-bot library: before calling the API, a builder
//! checks in the cache that the bot has the permission the call needs.

mod cache;
mod http;

use std::collections::HashMap;
use std::io;

pub use crate::cache::Cache;
pub use crate::http::Http;

pub const MANAGE_CHANNELS: u64 = 1 << 4;

#[derive(Clone)]
pub struct Guild {
    pub id: u64,
    pub member_permissions: HashMap<u64, u64>,
}

impl Guild {
    /// Looks the member up in the guild, or asks the API when it is not cached.
    async fn member_permissions(&self, http: &Http, user: u64) -> io::Result<u64> {
        if let Some(perms) = self.member_permissions.get(&user) {
            return Ok(*perms);
        }
        let body = http
            .request(&format!("/guilds/{}/members/{user}", self.id))
            .await?;
        Ok(body.first().copied().unwrap_or_default().into())
    }

    pub async fn has_perms(&self, cache: &Cache, http: &Http, required: u64) -> bool {
        match self.member_permissions(http, cache.current_user).await {
            Ok(perms) => perms & required == required,
            Err(_) => false,
        }
    }
}

pub async fn create_channel(cache: &Cache, http: &Http, guild_id: u64) -> io::Result<Vec<u8>> {
    if let Some(guild) = cache.guild(guild_id) {
        if !guild.has_perms(cache, http, MANAGE_CHANNELS).await {
            return Err(io::Error::other("missing MANAGE_CHANNELS"));
        }
    }

    http.request(&format!("/guilds/{guild_id}/channels")).await
}
