#[unmixed::worker_pool(bounded = 8)]
mod thumbs {
    pub fn make(side: u32) -> u32 {
        side / 4
    }

    pub fn describe(side: u32) -> String {
        format!("{side}px")
    }
}

#[unmixed::worker_pool(bounded = 8)]
mod hidden {
    fn make(side: u32) -> u32 {
        side / 4
    }
}

#[unmixed::worker_pool(bounded = 8, job = render)]
mod named {
    pub fn make(side: u32) -> u32 {
        side / 4
    }
}

#[unmixed::worker_pool(bounded = 8, job = make)]
pub fn make(side: u32) -> u32 {
    side
}

fn main() {}
