//! The module form: the module's only struct is the actor, and its fields
//! are checked too.
#[unmixed::actor(mailbox = 8)]
mod session {
    use std::cell::RefCell;
    use std::collections::HashMap;

    #[derive(Default)]
    pub struct Session {
        values: HashMap<String, String>,
        scratch: RefCell<Vec<u8>>,
    }

    impl Session {
        pub fn set(&mut self, key: String, value: String) -> Option<String> {
            self.scratch.borrow_mut().clear();
            self.values.insert(key, value)
        }

        pub fn get(&self, key: String) -> Option<String> {
            self.values.get(&key).cloned()
        }
    }

    pub fn open() -> SessionHandle {
        Session::default().spawn()
    }
}

#[unmixed::actor(state = Game, mailbox = 2)]
mod game {
    pub struct Game {
        moves: Vec<Move>,
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Move(pub u8, pub u8);

    impl Game {
        pub fn play(&mut self, next: Move) -> usize {
            self.moves.push(next);
            self.moves.len()
        }
    }

    pub fn new() -> Game {
        Game { moves: Vec::new() }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let session: session::SessionHandle = session::open();
    session.set("a".into(), "1".into()).await.unwrap();
    assert_eq!(session.get("a".into()).await.unwrap().as_deref(), Some("1"));
    let game: game::GameHandle = game::new().spawn();
    assert_eq!(game.play(game::Move(1, 1)).await, Ok(1));
}
