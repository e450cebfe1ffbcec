pub struct Ping {
    count: u64,
}

#[unmixed::actor]
impl Ping {
    pub fn ping(&mut self) -> u64 {
        self.count += 1;
        self.count
    }

    #[unmixed::allow(ACTOR_HOLDS_AWAIT_ON_SHARED, reason = "test of the cycle check alone")]
    pub async fn twice(&mut self, me: PingHandle) -> u64 {
        let again = me.clone();
        let _ = me.ping().await;
        again.ping().await.unwrap_or(0)
    }
}

fn main() {}
