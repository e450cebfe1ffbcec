#[derive(Clone, Copy)]
pub struct Level(u8);

#[unmixed::shared_state]
pub struct Stats {
    #[counter]
    level: Level,
}

fn main() {}
