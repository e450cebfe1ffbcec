//! The module form with `state = ..`: the struct gets its handle, and every
//! function of the module is checked.
#[unmixed::shared_state(state = Inventory, max_hold = "5ms")]
mod shop {
    use std::collections::HashMap;

    pub struct Inventory {
        pub items: HashMap<String, u32>,
        #[counter]
        pub sold: u64,
    }

    pub struct Unrelated {
        pub name: String,
    }

    pub fn open() -> InventoryHandle {
        Inventory {
            items: HashMap::new(),
            sold: 0,
        }
        .share()
    }

    pub async fn sell(inv: &InventoryHandle, item: &str) -> bool {
        let sold = inv.items_mut(|items| match items.get_mut(item) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        });
        if sold {
            inv.add_sold(1);
            tokio::task::yield_now().await;
        }
        sold
    }
}

// Only counters: no field is locked, so no `StatsView` is generated and
// the name stays the user's.
#[unmixed::shared_state(state = Stats)]
mod stats {
    pub struct Stats {
        #[counter]
        pub hits: u64,
    }

    pub struct StatsView {
        pub hits: u64,
    }

    pub fn view(stats: &StatsHandle) -> StatsView {
        StatsView { hits: stats.hits() }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let inv = shop::open();
    inv.items_mut(|items| items.insert("apple".into(), 1));
    assert!(shop::sell(&inv, "apple").await);
    assert!(!shop::sell(&inv, "apple").await);
    assert_eq!(inv.sold(), 1);
    let _ = shop::Unrelated { name: String::new() }.name;
    let stats = stats::Stats { hits: 2 }.share();
    assert_eq!(stats::view(&stats).hits, 2);
}
