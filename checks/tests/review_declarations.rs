//! The reviewer reads declarations with the reader the macros use
//! (`unmixed_checks::declare`): the same declaration checks fire, at the
//! same tokens, and a module form means the same struct or job.

use unmixed_checks::{design, review, Code};

fn findings(source: &str) -> Vec<(Code, String, (usize, usize))> {
    let file = syn::parse_file(source).expect("the sample parses");
    review::review(&file)
        .into_iter()
        .map(|finding| {
            let start = finding.location.start.start();
            (finding.code, finding.message, (start.line, start.column))
        })
        .collect()
}

#[test]
fn unbounded_queues_in_the_declaration_are_found_as_the_macros_find_them() {
    let found = findings(
        "#[unmixed::actor(mailbox = unbounded)]\n\
         impl Counter { pub fn get(&self) -> u64 { 0 } }\n\
         #[unmixed::worker_pool(bounded = unbounded, workers = 2)]\n\
         pub fn job(x: u32) -> u32 { x }\n",
    );
    let [(mailbox, about_mailbox, at_mailbox), (queue, about_queue, at_queue)] = &found[..] else {
        panic!("{found:?}");
    };
    assert_eq!(*mailbox, Code::UNBOUNDED_ACTOR_MAILBOX);
    assert!(about_mailbox.starts_with("an actor's mailbox must have a bound"));
    assert_eq!(*at_mailbox, (1, 27));
    assert_eq!(*queue, Code::UNBOUNDED_WORKER_QUEUE);
    assert!(about_queue.starts_with("a worker pool's queue must have a bound"));
    assert_eq!(*at_queue, (3, 33));
}

#[test]
fn a_missing_wait_budget_points_at_the_resource() {
    let found = findings(
        "#[unmixed::worker_pool(bounded = 4, resource = Db)]\n\
         pub fn job(db: &mut Db, x: u32) -> u32 { x }\n",
    );
    let undersized: Vec<_> = found
        .iter()
        .filter(|(code, ..)| *code == Code::CONNECTION_POOL_UNDERSIZED)
        .collect();
    assert_eq!(undersized.len(), 1, "{found:?}");
    assert_eq!(undersized[0].2, (1, 36));
}

#[test]
fn allows_are_honoured_on_the_declaration() {
    let found = findings(
        "#[unmixed::allow(UNBOUNDED_ACTOR_MAILBOX, reason = \"a test\")]\n\
         #[unmixed::actor(mailbox = unbounded)]\n\
         impl Counter { pub fn get(&self) -> u64 { 0 } }\n",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_module_form_means_what_it_means_to_the_macro() {
    let file = syn::parse_file(
        "#[unmixed::actor(state = Session, mailbox = 8)]\n\
         mod session {\n\
             pub struct Config;\n\
             pub struct Session;\n\
             impl Session { pub fn ping(&self) {} }\n\
         }\n\
         #[unmixed::worker_pool(bounded = 4)]\n\
         mod thumbs {\n\
             pub fn make(side: u32) -> u32 { side }\n\
             fn helper() {}\n\
         }\n\
         #[unmixed::shared_state(state = Store)]\n\
         mod store {\n\
             pub struct Store { items: Vec<u8>, #[counter] hits: u64 }\n\
         }\n",
    )
    .expect("the sample parses");
    let actors = design::actors(&file);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].name, "Session");
    assert_eq!(actors[0].mailbox.as_deref(), Some("8"));
    assert_eq!(actors[0].messages, ["ping"]);
    let (pools, shared) = design::pools_and_shared(&file);
    assert_eq!(pools.len(), 1);
    assert_eq!(pools[0].name, "thumbs::make");
    assert_eq!(pools[0].bounded.as_deref(), Some("4"));
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].name, "Store");
}

#[test]
fn a_resource_is_shown_as_written() {
    let file = syn::parse_file(
        "#[unmixed::worker_pool(bounded = 4, resource = db::Pooled<Conn>, max_wait = \"1s\")]\n\
         pub fn job(db: &mut db::Pooled<Conn>) {}\n",
    )
    .expect("the sample parses");
    let (pools, _) = design::pools_and_shared(&file);
    assert_eq!(pools[0].resource.as_deref(), Some("db::Pooled<Conn>"));
    assert_eq!(pools[0].resource_type.as_deref(), Some("Pooled"));
}
