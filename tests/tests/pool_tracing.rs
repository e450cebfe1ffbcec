//! With the `tracing` feature, every job runs inside an `unmixed::job` span
//! that names its pool and its worker.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[unmixed::worker_pool(bounded = 8, workers = 2)]
pub fn traced_sum(values: Vec<u32>) -> u32 {
    tracing::info!("summing");
    values.iter().sum()
}

#[unmixed::worker_pool(bounded = 8, workers = 1)]
pub async fn traced_len(text: String) -> usize {
    tracing::info!("measuring");
    text.len()
}

/// A span or event as the subscriber saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    name: String,
    fields: Vec<(String, String)>,
    /// For events: the name of the span they happened in.
    inside: Option<String>,
}

#[derive(Default)]
struct Recorder {
    next_id: AtomicU64,
    spans: Mutex<Vec<(u64, Seen)>>,
    events: Mutex<Vec<Seen>>,
}

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

thread_local! {
    static CURRENT: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

struct Shared(Arc<Recorder>);

impl Subscriber for Shared {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let id = self.0.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let mut fields = Fields(Vec::new());
        attrs.record(&mut fields);
        let seen = Seen {
            name: attrs.metadata().name().to_owned(),
            fields: fields.0,
            inside: None,
        };
        self.0.spans.lock().unwrap().push((id, seen));
        Id::from_u64(id)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let inside = CURRENT.with(|stack| stack.borrow().last().copied());
        let inside = inside.and_then(|id| {
            let spans = self.0.spans.lock().unwrap();
            spans
                .iter()
                .find(|(span, _)| *span == id)
                .map(|(_, seen)| seen.name.clone())
        });
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0.events.lock().unwrap().push(Seen {
            name: event.metadata().name().to_owned(),
            fields: fields.0,
            inside,
        });
    }

    fn enter(&self, span: &Id) {
        CURRENT.with(|stack| stack.borrow_mut().push(span.into_u64()));
    }

    fn exit(&self, _: &Id) {
        CURRENT.with(|stack| {
            stack.borrow_mut().pop();
        });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_job_runs_in_a_span_naming_its_pool_and_worker() {
    let recorder = Arc::new(Recorder::default());
    tracing::subscriber::set_global_default(Shared(Arc::clone(&recorder))).unwrap();

    let sums = TracedSumPool::start();
    assert_eq!(sums.run(vec![1, 2, 3]).await, Ok(6));
    assert_eq!(sums.run(vec![4]).await, Ok(4));
    sums.shutdown().await;
    let lens = TracedLenPool::start();
    assert_eq!(lens.run("abc".into()).await, Ok(3));
    lens.shutdown().await;

    let spans: Vec<Seen> = recorder
        .spans
        .lock()
        .unwrap()
        .iter()
        .map(|(_, seen)| seen.clone())
        .filter(|seen| seen.name == "unmixed::job")
        .collect();
    assert_eq!(spans.len(), 3, "{spans:?}");
    let pools: Vec<&str> = spans
        .iter()
        .map(|span| {
            span.fields
                .iter()
                .find(|(name, _)| name == "pool")
                .map(|(_, value)| value.as_str())
                .expect("a pool field")
        })
        .collect();
    assert_eq!(
        pools,
        ["\"traced_sum\"", "\"traced_sum\"", "\"traced_len\""]
    );
    assert!(spans
        .iter()
        .all(|span| span.fields.iter().any(|(name, _)| name == "worker")));
    // The job's own events happen inside its span.
    let events = recorder.events.lock().unwrap().clone();
    let jobs: Vec<&Seen> = events
        .iter()
        .filter(|event| {
            event
                .fields
                .iter()
                .any(|(_, value)| value == "summing" || value == "measuring")
        })
        .collect();
    assert_eq!(jobs.len(), 3, "{events:?}");
    assert!(jobs
        .iter()
        .all(|event| event.inside.as_deref() == Some("unmixed::job")));
}
