//! Which crates, versions and targets were viewed recently: every page view
//! records one key in each map, and the metrics endpoint counts them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RecentReleases {
    krates: Mutex<HashMap<String, Instant>>,
    versions: Mutex<HashMap<String, Instant>>,
    platforms: Mutex<HashMap<String, Instant>>,
}

/// Views in the last hour, half hour and five minutes.
pub type Counts = (i64, i64, i64);

fn count(map: &mut HashMap<String, Instant>) -> Counts {
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
        Self {
            krates: Mutex::new(HashMap::new()),
            versions: Mutex::new(HashMap::new()),
            platforms: Mutex::new(HashMap::new()),
        }
    }

    /// Called on every documentation page served.
    pub fn record(&self, krate: &str, version: &str, target: &str) {
        self.krates
            .lock()
            .unwrap()
            .insert(krate.to_owned(), Instant::now());
        self.versions
            .lock()
            .unwrap()
            .insert(format!("{krate}/{version}"), Instant::now());
        self.platforms
            .lock()
            .unwrap()
            .insert(format!("{krate}/{version}/{target}"), Instant::now());
    }

    pub fn gather(&self) -> [Counts; 3] {
        [
            count(&mut self.krates.lock().unwrap()),
            count(&mut self.versions.lock().unwrap()),
            count(&mut self.platforms.lock().unwrap()),
        ]
    }
}

impl Default for RecentReleases {
    fn default() -> Self {
        Self::new()
    }
}
