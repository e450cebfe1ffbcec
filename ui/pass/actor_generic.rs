//! Generic actors, `Self` in signatures, constants as the mailbox bound.
pub struct Store<T> {
    items: Vec<T>,
}

const MAILBOX: usize = 4;

#[unmixed::actor(mailbox = MAILBOX)]
impl<T> Store<T>
where
    T: Clone + Send + 'static,
{
    pub fn push(&mut self, item: T) -> usize {
        self.items.push(item);
        self.items.len()
    }

    pub fn all(&self) -> Vec<T> {
        self.items.clone()
    }

    pub fn replace(&mut self, other: Self) -> Self {
        std::mem::replace(self, other)
    }
}

pub struct Empty<T> {
    _marker: std::marker::PhantomData<T>,
}

#[unmixed::actor]
impl<T: Send + 'static> Empty<T> {
    pub fn ping(&self) {}
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let store: StoreHandle<String> = Store { items: Vec::new() }.spawn();
    assert_eq!(store.push("a".to_owned()).await, Ok(1));
    let old = store.replace(Store { items: vec!["b".to_owned()] }).await.unwrap();
    assert_eq!(old.items, ["a"]);
    assert_eq!(store.all().await.unwrap(), ["b"]);
    let empty: EmptyHandle<u8> = Empty { _marker: std::marker::PhantomData }.spawn();
    empty.ping().await.unwrap();
}
