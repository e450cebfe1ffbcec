//! Which crates, versions and targets were viewed recently: every page view
//! records one key in each map, and the metrics endpoint counts them.

use std::time::{Duration, Instant};

use dashmap::DashMap;

#[derive(Debug, Default)]
pub struct RecentReleases {
    krates: DashMap<String, Instant>,
    versions: DashMap<String, Instant>,
    platforms: DashMap<String, Instant>,
}

/// Views in the last hour, half hour and five minutes.
pub type Counts = (i64, i64, i64);

fn count(map: &DashMap<String, Instant>) -> Counts {
    let (mut hour, mut half_hour, mut five_minutes) = (0, 0, 0);
    map.retain(|_, instant| {
        let elapsed = instant.elapsed();
        if elapsed > Duration::from_secs(60 * 60) {
            return false;
        }
        hour += 1;
        if elapsed <= Duration::from_secs(30 * 60) {
            half_hour += 1;
        }
        if elapsed <= Duration::from_secs(5 * 60) {
            five_minutes += 1;
        }
        true
    });
    (hour, half_hour, five_minutes)
}

impl RecentReleases {
    pub fn new() -> Self {
        Self::default()
    }

    /// Called on every documentation page served.
    pub fn record(&self, krate: &str, version: &str, target: &str) {
        self.krates.insert(krate.to_owned(), Instant::now());
        self.versions
            .insert(format!("{krate}/{version}"), Instant::now());
        self.platforms
            .insert(format!("{krate}/{version}/{target}"), Instant::now());
    }

    pub fn gather(&self) -> [Counts; 3] {
        [
            count(&self.krates),
            count(&self.versions),
            count(&self.platforms),
        ]
    }
}
