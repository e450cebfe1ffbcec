#[unmixed::actor]
mod session {
    pub struct Session {
        me: Option<SessionHandle>,
        seen: u64,
    }

    impl Session {
        pub fn touch(&mut self) -> u64 {
            self.seen += 1;
            self.seen
        }

        #[unmixed::allow(ACTOR_HOLDS_AWAIT_ON_SHARED, reason = "test of the cycle check alone")]
        pub async fn touch_twice(&mut self) -> u64 {
            let me = self.me.as_ref().unwrap();
            me.tell_touch().await.ok();
            self.me.as_ref().unwrap().touch().await.unwrap_or(0)
        }
    }
}

fn main() {}
