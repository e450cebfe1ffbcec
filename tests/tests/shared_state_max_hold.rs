//! `max_hold`: an over-budget critical section is reported through
//! `tracing`, with the state, the field and the time held.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[unmixed::shared_state(max_hold = "100us")]
pub struct Slow {
    pub items: Vec<u32>,
    #[rw]
    pub config: String,
}

/// An event's target and its fields as text.
type Recorded = (String, Vec<(String, String)>);

/// Records every event's target and fields.
#[derive(Clone, Default)]
struct Capture {
    events: Arc<Mutex<Vec<Recorded>>>,
}

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.events
            .lock()
            .unwrap()
            .push((event.metadata().target().to_owned(), fields.0));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
        .unwrap_or_else(|| panic!("no field `{name}` in {fields:?}"))
}

#[test]
fn an_over_budget_hold_is_reported_with_its_field() {
    if !unmixed::__private::TIMING {
        // Release build without `max-hold-release`: timing is compiled out.
        return;
    }
    let capture = Capture::default();
    let slow = Slow {
        items: Vec::new(),
        config: String::new(),
    }
    .share();
    tracing::subscriber::with_default(capture.clone(), || {
        slow.items_mut(|items| {
            items.push(1);
            std::thread::sleep(Duration::from_millis(5));
        });
        slow.config(|_| std::thread::sleep(Duration::from_millis(5)));
        slow.update(|view| {
            view.items.push(2);
            std::thread::sleep(Duration::from_millis(5));
        });
    });
    let events = capture.events.lock().unwrap();
    let reported: Vec<&str> = events
        .iter()
        .filter(|(target, _)| target == "unmixed::max_hold")
        .map(|(_, fields)| field(fields, "field"))
        .collect();
    assert_eq!(reported, ["items", "config", "update"]);
    let (_, first) = &events[0];
    assert_eq!(field(first, "state"), "Slow");
    assert_eq!(field(first, "budget_ns"), "100000");
    let held: u64 = field(first, "held_ns").parse().unwrap();
    assert!(held >= 5_000_000, "held {held} ns for a 5 ms sleep");
    assert!(field(first, "message").contains("`Slow.items`"));
    // The value is intact after the report.
    assert_eq!(slow.items(Clone::clone), [1, 2]);
}
