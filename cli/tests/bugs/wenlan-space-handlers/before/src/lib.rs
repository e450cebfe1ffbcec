//! HTTP handlers of a personal memory server. The server state sits behind
//! one async RwLock; the database handle lives inside it.

mod db;

use std::sync::Arc;

use tokio::sync::RwLock;

pub use crate::db::{MemoryDb, Space};

pub struct ServerState {
    pub db: Option<Arc<MemoryDb>>,
    pub requests_served: u64,
}

#[derive(Debug)]
pub enum ServerError {
    DbNotInitialized,
    Internal(String),
}

pub struct CreateSpaceRequest {
    pub name: String,
    pub description: Option<String>,
}

pub async fn handle_create_space(
    state: Arc<RwLock<ServerState>>,
    req: CreateSpaceRequest,
) -> Result<Space, ServerError> {
    let s = state.read().await;
    let db = s.db.as_ref().ok_or(ServerError::DbNotInitialized)?;
    let space = db.create_space(&req.name, req.description.as_deref()).await;
    space.map_err(|e| ServerError::Internal(e.to_string()))
}

pub async fn handle_delete_space(
    state: Arc<RwLock<ServerState>>,
    name: String,
) -> Result<(), ServerError> {
    let s = state.read().await;
    let db = s.db.as_ref().ok_or(ServerError::DbNotInitialized)?;
    db.delete_space(&name)
        .await
        .map_err(|e| ServerError::Internal(e.to_string()))?;
    Ok(())
}
