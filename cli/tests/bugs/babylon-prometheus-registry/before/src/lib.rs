//! A node's state manager behind one RwLock, called from the host runtime:
//! transactions are added and committed, and a scraper reads the metrics.

use std::sync::Arc;

use parking_lot::RwLock;
use prometheus::{Encoder, IntCounter, IntGauge, Registry, TextEncoder};

pub struct StateManagerMetrics {
    pub ledger_state_version: IntGauge,
    pub ledger_transactions_committed: IntCounter,
}

impl StateManagerMetrics {
    fn new(registry: &Registry) -> Self {
        let metrics = StateManagerMetrics {
            ledger_state_version: IntGauge::new("ledger_state_version", "state version").unwrap(),
            ledger_transactions_committed: IntCounter::new("ledger_txs", "committed").unwrap(),
        };
        registry
            .register(Box::new(metrics.ledger_state_version.clone()))
            .unwrap();
        registry
            .register(Box::new(metrics.ledger_transactions_committed.clone()))
            .unwrap();
        metrics
    }
}

pub struct StateManager {
    mempool: Vec<Vec<u8>>,
    state_version: u64,
    metrics: StateManagerMetrics,
    prometheus_registry: Registry,
}

impl StateManager {
    pub fn new() -> Self {
        let prometheus_registry = Registry::new();
        StateManager {
            mempool: Vec::new(),
            state_version: 0,
            metrics: StateManagerMetrics::new(&prometheus_registry),
            prometheus_registry,
        }
    }

    /// Executes and commits a batch; the slow path of the node.
    fn commit(&mut self, transactions: Vec<Vec<u8>>) {
        let committed = transactions.len() as u64;
        self.mempool.retain(|tx| !transactions.contains(tx));
        self.state_version += committed;
        self.metrics
            .ledger_state_version
            .set(self.state_version as i64);
        self.metrics.ledger_transactions_committed.inc_by(committed);
    }
}

impl Default for StateManager {
    fn default() -> Self {
        Self::new()
    }
}

fn do_prometheus_metrics(state_manager: &StateManager) -> String {
    let mut buffer = vec![];
    TextEncoder::new()
        .encode(&state_manager.prometheus_registry.gather(), &mut buffer)
        .unwrap();
    String::from_utf8(buffer).unwrap()
}

/// What the host runtime holds on to.
pub struct JniStateManager {
    pub state_manager: Arc<RwLock<StateManager>>,
}

impl JniStateManager {
    pub fn prometheus_metrics(&self) -> String {
        do_prometheus_metrics(&self.state_manager.read())
    }

    pub fn add_to_mempool(&self, transaction: Vec<u8>) {
        self.state_manager.write().mempool.push(transaction);
    }

    pub fn commit(&self, transactions: Vec<Vec<u8>>) {
        self.state_manager.write().commit(transactions);
    }
}
