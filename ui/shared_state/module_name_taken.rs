#[unmixed::shared_state(state = Inventory)]
mod store {
    pub struct Inventory {
        items: Vec<String>,
    }

    // Named like the handle the attribute generates.
    pub struct InventoryHandle;
}

fn main() {}
