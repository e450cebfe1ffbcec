//! Struct shapes `#[unmixed::shared_state]` accepts as written: `Self` in
//! a field type, const generics with a where clause, documented and
//! deprecated fields.
#![deny(warnings)]

#[unmixed::shared_state]
pub struct Tree {
    children: Vec<Box<Self>>,
    #[counter]
    visits: u64,
}

#[unmixed::shared_state]
pub struct Ring<T, const N: usize>
where
    T: Clone,
{
    slots: [Option<T>; N],
    #[snapshot]
    latest: T,
}

#[unmixed::shared_state]
pub struct Inventory {
    /// The items.
    pub items: Vec<u8>,
    /// Sold so far.
    #[counter]
    #[deprecated(note = "count sales elsewhere")]
    pub sold: u64,
}

fn main() {
    let tree = Tree { children: vec![], visits: 0 }.share();
    tree.children_mut(|children| children.push(Box::new(Tree { children: vec![], visits: 1 })));
    assert_eq!(tree.children(|children| children[0].visits), 1);
    let ring = Ring::<u8, 2> { slots: [None, Some(1)], latest: 1 }.share();
    assert_eq!(ring.slots(|slots| slots[1]), Some(1));
    assert_eq!(*ring.latest(), 1);
    #[allow(deprecated)]
    let inventory = Inventory { items: vec![1], sold: 0 }.share();
    #[allow(deprecated)]
    inventory.add_sold(2);
    assert_eq!(inventory.items(Vec::len), 1);
}
