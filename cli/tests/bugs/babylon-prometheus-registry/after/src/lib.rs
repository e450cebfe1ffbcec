//! A node's state manager behind one RwLock, called from the host runtime:
//! transactions are added and committed, and a scraper reads the metrics.

use std::sync::Arc;

use parking_lot::RwLock;
use prometheus::{Encoder, IntCounter, IntGauge, Registry, TextEncoder};

pub struct LedgerMetrics {
    pub state_version: IntGauge,
    pub transactions_committed: IntCounter,
}

impl LedgerMetrics {
    fn new(registry: &Registry) -> Self {
        let metrics = LedgerMetrics {
            state_version: IntGauge::new("ledger_state_version", "state version").unwrap(),
            transactions_committed: IntCounter::new("ledger_txs", "committed").unwrap(),
        };
        registry
            .register(Box::new(metrics.state_version.clone()))
            .unwrap();
        registry
            .register(Box::new(metrics.transactions_committed.clone()))
            .unwrap();
        metrics
    }
}

pub struct StateManager {
    mempool: Vec<Vec<u8>>,
    state_version: u64,
    ledger_metrics: LedgerMetrics,
}

impl StateManager {
    /// The metrics register with a registry the state manager does not own.
    pub fn new(metric_registry: &Registry) -> Self {
        StateManager {
            mempool: Vec::new(),
            state_version: 0,
            ledger_metrics: LedgerMetrics::new(metric_registry),
        }
    }

    /// Executes and commits a batch; the slow path of the node.
    fn commit(&mut self, transactions: Vec<Vec<u8>>) {
        let committed = transactions.len() as u64;
        self.mempool.retain(|tx| !transactions.contains(tx));
        self.state_version += committed;
        self.ledger_metrics
            .state_version
            .set(self.state_version as i64);
        self.ledger_metrics.transactions_committed.inc_by(committed);
    }
}

/// What the host runtime holds on to. The registry is thread-safe on its
/// own, so it sits next to the lock rather than behind it.
pub struct JniStateManager {
    pub state_manager: Arc<RwLock<StateManager>>,
    pub metric_registry: Registry,
}

impl JniStateManager {
    pub fn new() -> Self {
        let metric_registry = Registry::new();
        JniStateManager {
            state_manager: Arc::new(RwLock::new(StateManager::new(&metric_registry))),
            metric_registry,
        }
    }

    pub fn prometheus_metrics(&self) -> String {
        let mut buffer = vec![];
        TextEncoder::new()
            .encode(&self.metric_registry.gather(), &mut buffer)
            .unwrap();
        String::from_utf8(buffer).unwrap()
    }

    pub fn add_to_mempool(&self, transaction: Vec<u8>) {
        self.state_manager.write().mempool.push(transaction);
    }

    pub fn commit(&self, transactions: Vec<Vec<u8>>) {
        self.state_manager.write().commit(transactions);
    }
}

impl Default for JniStateManager {
    fn default() -> Self {
        Self::new()
    }
}
