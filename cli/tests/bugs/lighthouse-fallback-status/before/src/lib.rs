//! A validator client talks to several beacon nodes and falls back between
//! them; a background service refreshes each candidate's status.

mod http;

use tokio::sync::RwLock;

pub use crate::http::BeaconNodeHttpClient;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CandidateError {
    Uninitialized,
    Offline,
    Incompatible,
    NotSynced,
}

pub struct CandidateBeaconNode {
    beacon_node: BeaconNodeHttpClient,
    status: RwLock<Result<(), CandidateError>>,
}

impl CandidateBeaconNode {
    pub fn new(beacon_node: BeaconNodeHttpClient) -> Self {
        CandidateBeaconNode {
            beacon_node,
            status: RwLock::new(Err(CandidateError::Uninitialized)),
        }
    }

    /// Read by every request the validator client makes, on its first pass.
    pub async fn status(&self) -> Result<(), CandidateError> {
        *self.status.read().await
    }

    /// Queries the node and records whether it is a good candidate.
    pub async fn refresh_status(&self) -> Result<(), CandidateError> {
        let mut status = self.status.write().await;

        if let Err(e) = self.is_online().await {
            *status = Err(e);
        } else if let Err(e) = self.is_compatible().await {
            *status = Err(e);
        } else if let Err(e) = self.is_synced().await {
            *status = Err(e);
        } else {
            *status = Ok(())
        }

        *status
    }

    async fn is_online(&self) -> Result<(), CandidateError> {
        match self.beacon_node.get("/eth/v1/node/version").await {
            Ok(_) => Ok(()),
            Err(_) => Err(CandidateError::Offline),
        }
    }

    async fn is_compatible(&self) -> Result<(), CandidateError> {
        let spec = self.beacon_node.get("/eth/v1/config/spec").await;
        let spec = spec.map_err(|_| CandidateError::Offline)?;
        if spec.contains("\"CONFIG_NAME\":\"mainnet\"") {
            Ok(())
        } else {
            Err(CandidateError::Incompatible)
        }
    }

    async fn is_synced(&self) -> Result<(), CandidateError> {
        let syncing = self.beacon_node.get("/eth/v1/node/syncing").await;
        let syncing = syncing.map_err(|_| CandidateError::Offline)?;
        if syncing.contains("\"is_syncing\":false") {
            Ok(())
        } else {
            Err(CandidateError::NotSynced)
        }
    }
}
