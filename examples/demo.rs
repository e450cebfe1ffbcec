//! A tour of `#[unmixed::actor]`: real actors under real concurrency, then
//! the code the checks reject, as `cargo build` would report it.
//!
//! Run it with `cargo run -p unmixed-examples --example demo`.

use std::future::Future;
use std::time::Duration;

use unmixed::ActorError;

/// A bank account: one task owns the balance, so no lock is needed.
pub struct Account {
    balance: i64,
    history: Vec<i64>,
    auditor: AuditorHandle,
}

/// Reviews balances and keeps a list of refused withdrawals.
pub struct Auditor {
    checks: u64,
    refused: Vec<i64>,
}

#[unmixed::actor(mailbox = 8)]
impl Auditor {
    pub fn check(&mut self, balance: i64) -> bool {
        self.checks += 1;
        balance >= 0
    }

    pub fn flag(&mut self, refused: i64) {
        self.refused.push(refused);
    }

    pub fn report(&self) -> (u64, Vec<i64>) {
        (self.checks, self.refused.clone())
    }
}

#[unmixed::actor(mailbox = 32)]
impl Account {
    pub fn deposit(&mut self, amount: i64) -> i64 {
        self.balance += amount;
        self.history.push(amount);
        self.balance
    }

    /// Refuses to go below zero: the check and the change happen in one
    /// message, so no other caller can slip in between.
    pub fn withdraw(&mut self, amount: i64) -> Result<i64, String> {
        if amount > self.balance {
            // Fire and forget: the account never waits on the auditor.
            let _ = self.auditor.try_tell_flag(amount);
            return Err(format!(
                "cannot withdraw {amount}: balance is {}",
                self.balance
            ));
        }
        self.balance -= amount;
        self.history.push(-amount);
        Ok(self.balance)
    }

    pub fn balance(&self) -> i64 {
        self.balance
    }

    /// The statement is built from the state now, and "sent" later on its
    /// own task: the mailbox keeps flowing while it is on its way.
    #[detached]
    pub fn mail_statement(&mut self) -> impl Future<Output = usize> + Send + 'static {
        let lines = self.history.len();
        async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            lines
        }
    }

    /// Asks the auditor without blocking the account: the request runs on
    /// its own task while the account keeps taking deposits.
    #[detached]
    pub fn audit_now(&mut self) -> impl Future<Output = Result<bool, ActorError>> + Send + 'static {
        let auditor = self.auditor.clone();
        let balance = self.balance;
        async move { auditor.check(balance).await }
    }

    pub fn assert_balance(&self, expected: i64) {
        assert_eq!(self.balance, expected, "unexpected balance");
    }
}

/// CPU work goes to a bounded pool, off the actors and off the runtime.
#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub fn format_statement(entries: Vec<i64>) -> String {
    let total: i64 = entries.iter().sum();
    format!("{} entries, net {total}", entries.len())
}

/// Figures many threads read and bump: one atomic per counter, no actor.
#[unmixed::shared_state]
pub struct Metrics {
    #[counter]
    pub calls: u64,
    pub last_caller: String,
}

async fn run_pool_and_shared_state() -> Result<(), Box<dyn std::error::Error>> {
    println!();
    println!("== a worker pool and shared state");
    let pool = FormatStatementPool::start();
    let metrics: MetricsHandle = Metrics {
        calls: 0,
        last_caller: String::new(),
    }
    .share();
    let mut jobs = Vec::new();
    for caller in 0..8 {
        metrics.add_calls(1);
        metrics.last_caller_mut(|last| *last = format!("caller {caller}"));
        jobs.push(pool.submit(vec![caller, -1, 10]).await?);
    }
    for job in jobs {
        job.await?;
    }
    println!(
        "8 statements formatted on the pool, e.g. {:?}",
        pool.run(vec![1, 2, 3]).await?
    );
    println!(
        "metrics: {} calls, last by {}",
        metrics.calls(),
        metrics.last_caller(|last| last.clone())
    );
    pool.shutdown().await;
    Ok(())
}

async fn run_actors() -> Result<(), ActorError> {
    println!("== actors at work");
    let auditor = Auditor {
        checks: 0,
        refused: Vec::new(),
    }
    .spawn();
    let account: AccountHandle = Account {
        balance: 0,
        history: Vec::new(),
        auditor: auditor.clone(),
    }
    .spawn();

    // 1,000 concurrent callers on a multi-threaded runtime, through a mailbox of 32.
    let mut callers = tokio::task::JoinSet::new();
    for _ in 0..1_000 {
        let account = account.clone();
        callers.spawn(async move { account.deposit(10).await });
    }
    while let Some(result) = callers.join_next().await {
        result.expect("caller task")?;
    }
    println!(
        "1,000 concurrent deposits of 10 -> balance {}",
        account.balance().await?
    );

    println!("withdraw 20,000 -> {:?}", account.withdraw(20_000).await?);
    println!(
        "audit (detached request to the auditor) -> {:?}",
        account.audit_now().await?
    );

    // Fire-and-forget: no reply channel, still bounded by the mailbox.
    for _ in 0..100 {
        account.tell_deposit(1).await?;
    }
    println!("100 tells of 1 -> balance {}", account.balance().await?);

    let statement = tokio::spawn({
        let account = account.clone();
        async move { account.mail_statement().await }
    });
    println!(
        "while the statement is in the mail, the actor still answers: balance {}",
        account.balance().await?
    );
    println!(
        "statement mailed with {} lines",
        statement.await.expect("task")?
    );

    // Backpressure made visible: fill the mailbox without waiting.
    let mut refused = 0;
    for _ in 0..200 {
        if account.try_tell_deposit(0) == Err(ActorError::Full) {
            refused += 1;
        }
    }
    println!(
        "200 try_tell calls at once: {refused} refused with ActorError::Full, none lost silently"
    );

    let (checks, refused) = auditor.report().await?;
    println!("auditor: {checks} check(s), refused withdrawals {refused:?}");

    // A panicking handler: its caller gets Panicked, later callers Stopped.
    println!(
        "assert_balance(-1) -> {:?}",
        account.assert_balance(-1).await
    );
    println!(
        "after the panic, balance() -> {:?}",
        account.balance().await
    );

    let other = Account {
        balance: 5,
        history: Vec::new(),
        auditor,
    }
    .spawn();
    other.deposit(5).await?;
    let last: Account = other.shutdown().await?;
    println!("shutdown returns the final state: balance {}", last.balance);
    println!("a call after shutdown -> {:?}", other.balance().await);
    Ok(())
}

/// Code that does not belong in an actor, checked with the same engine the
/// macro runs during `cargo build`.
const REJECTED: &str = r#"
impl Cache {
    // A lock inside an actor: two models mixed.
    pub fn remember(&mut self, key: String) {
        self.shared.lock().unwrap().push(key);
    }

    // An unbounded channel: no backpressure.
    pub fn subscribe(&mut self) -> Receiver {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        self.subscribers.push(tx);
        rx
    }

    // Waiting on its own mailbox: the actor would wait for itself.
    pub async fn refresh(&mut self, me: CacheHandle) -> usize {
        me.remember("again".into()).await.ok();
        self.entries.len()
    }

    // Awaiting I/O while holding the state: every caller queues behind it.
    pub async fn load(&mut self, url: String) -> usize {
        let body = fetch(url).await;
        self.entries.push(body);
        self.entries.len()
    }
}
"#;

fn show_rejections() {
    println!();
    println!("== what #[unmixed::actor] rejects at compile time");
    let item: syn::ItemImpl = syn::parse_str(REJECTED).expect("the sample parses");
    let mut report = unmixed_checks::Report::new();
    unmixed_checks::actors::check_impl(&item, None, &mut report);
    for finding in report.findings() {
        let line = finding.location.start.start().line;
        println!("[sample.rs:{line}] {} — {}", finding.code, finding.message);
        println!("    help: {}", finding.help);
    }
    println!(
        "(`cargo test -p unmixed-tests --test ui` shows each of these as the compiler prints it.)"
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), ActorError> {
    // The audit below panics on purpose; keep its report to one line.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "(handler panicked as intended: {})",
            info.payload()
                .downcast_ref::<String>()
                .map_or("", String::as_str)
        );
    }));
    run_actors().await?;
    run_pool_and_shared_state()
        .await
        .expect("the pool and the shared state work");
    show_rejections();
    Ok(())
}
