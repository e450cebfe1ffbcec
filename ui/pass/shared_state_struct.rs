//! The struct form: every kind of field, field visibility, generics,
//! `max_hold`, raw identifiers, `update`, `try_unwrap`.
use std::collections::HashMap;
use std::sync::Arc;

mod shop {
    use std::collections::HashMap;

    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Prices {
        pub per_item: HashMap<String, u32>,
    }

    /// Docs on the struct stay.
    #[unmixed::shared_state(max_hold = "1ms")]
    #[derive(Default)]
    pub struct Inventory {
        /// Docs on a field go onto its accessors.
        pub items: HashMap<String, u32>,
        pub(crate) log: Vec<String>,
        #[rw]
        pub config: String,
        #[counter]
        pub sold: u64,
        #[unmixed::counter]
        pub returns: i32,
        #[snapshot]
        pub prices: Prices,
        secret: u8,
        pub r#type: String,
    }

    pub fn peek_secret(inv: &InventoryHandle) -> u8 {
        inv.secret(|s| *s)
    }
}

#[unmixed::shared_state]
pub struct Cache<K: std::hash::Hash + Eq, V> {
    pub map: HashMap<K, V>,
    #[counter]
    pub misses: usize,
}

/// A parameter named like the accessors' result type.
#[unmixed::shared_state]
pub struct Registry<R: Clone> {
    pub entries: Vec<R>,
    #[snapshot]
    pub latest: Option<R>,
}

pub type Count = u64;

/// Counters of a type parameter or an alias are bounded by `CounterType`.
#[unmixed::shared_state]
pub struct Tally<N> {
    #[counter]
    pub count: N,
    #[counter]
    pub total: Count,
    pub label: String,
    #[unmixed::allow(MIXED_MODELS, reason = "waiters are woken, not messaged: reviewed")]
    pub waiters: Vec<tokio::sync::oneshot::Sender<()>>,
}

#[unmixed::shared_state]
pub struct OnlyCounters {
    #[counter]
    pub a: u8,
    #[counter]
    pub b: isize,
}

fn assert_send_sync<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}

fn main() {
    assert_send_sync::<shop::InventoryHandle>();
    assert_send_sync::<CacheHandle<String, Vec<u8>>>();

    let inv: shop::InventoryHandle = shop::Inventory::default().share();
    inv.items_mut(|m| m.insert("apple".into(), 3));
    assert_eq!(inv.items(|m| m.get("apple").copied()), Some(3));
    inv.log_mut(|l| l.push("opened".into()));
    inv.config_mut(|c| c.push_str("eu"));
    assert_eq!(inv.config(|c| c.clone()), "eu");
    assert_eq!(inv.add_sold(2), 0);
    assert_eq!(inv.sub_sold(1), 2);
    assert_eq!(inv.sold(), 1);
    assert_eq!(inv.sub_returns(1), 0);
    assert_eq!(inv.returns(), -1);
    let before: Arc<shop::Prices> = inv.prices();
    inv.set_prices(shop::Prices::default());
    let added = inv.update_prices(|p| {
        p.per_item.insert("apple".into(), 7);
        p.per_item.len()
    });
    assert_eq!(added, 1);
    assert!(before.per_item.is_empty());
    assert_eq!(inv.prices().per_item["apple"], 7);
    assert_eq!(shop::peek_secret(&inv), 0);
    inv.type_mut(|t| t.push('x'));
    assert_eq!(inv.r#type(|t| t.len()), 1);
    let total = inv.update(|view| {
        view.items.insert("pear".into(), 1);
        view.log.push("pear".into());
        view.config.push('!');
        view.items.values().sum::<u32>()
    });
    assert_eq!(total, 4);
    println!("{inv:?}");

    let cache: CacheHandle<String, u32> = Cache {
        map: HashMap::new(),
        misses: 0,
    }
    .into();
    cache.map_mut(|m| m.insert("k".to_owned(), 1));
    cache.add_misses(1);
    let clone = cache.clone();
    std::thread::spawn(move || clone.add_misses(1)).join().unwrap();
    cache.update(|view| view.map.clear());
    let back = cache.try_unwrap().expect("the last handle");
    assert_eq!((back.map.len(), back.misses), (0, 2));

    let tally = Tally {
        count: 0u32,
        total: 0,
        label: String::new(),
        waiters: Vec::new(),
    }
    .share();
    tally.add_count(2);
    tally.add_total(3);
    assert_eq!((tally.count(), tally.total()), (2, 3));
    tally.update(|view| {
        view.label.push('t');
        view.waiters.clear();
    });

    let registry = Registry::<String> {
        entries: Vec::new(),
        latest: None,
    }
    .share();
    registry.entries_mut(|e| e.push("a".to_owned()));
    registry.update_latest(|latest| *latest = Some("a".to_owned()));
    let count: usize = registry.update(|view| view.entries.len());
    assert_eq!((count, registry.latest().as_deref()), (1, Some("a")));

    let counters = OnlyCounters { a: 250, b: 0 }.share();
    counters.add_a(10); // wraps, like `fetch_add`
    assert_eq!(counters.a(), 4);
    assert!(counters.clone().try_unwrap().is_err());
    let _ = counters.b();
}
