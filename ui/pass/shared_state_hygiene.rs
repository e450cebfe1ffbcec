//! The shared-state expansion names everything by absolute path: shadowing
//! prelude names or the crates it uses changes nothing, it compiles without
//! a prelude, and fields named like its locals do not clash.
#![allow(dead_code, non_camel_case_types)]

mod shadowing {
    pub struct Result;
    pub struct Option;
    pub struct Box;
    pub struct Vec;
    pub struct String;
    pub struct Arc;
    pub struct FnOnce;
    pub struct Clone;
    pub struct Debug;
    pub struct From;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct R;
    pub mod tokio {}
    pub mod std {}
    pub mod core {}
    pub mod __private {}

    #[unmixed::shared_state(max_hold = "1s")]
    pub struct Inventory {
        pub items: ::std::vec::Vec<u32>,
        pub f: u32,
        pub inner: u32,
        pub result: u32,
        #[counter]
        pub by: u64,
        #[counter]
        pub value: u64,
    }

    #[unmixed::shared_state]
    pub struct Prices {
        #[snapshot]
        pub list: ::std::vec::Vec<u32>,
    }
}

mod no_prelude {
    #![no_implicit_prelude]

    #[::unmixed::shared_state]
    pub struct Tally {
        pub names: ::std::vec::Vec<::std::string::String>,
        #[counter]
        pub total: u64,
        #[snapshot]
        pub config: u32,
    }
}

fn main() {
    let inventory = shadowing::Inventory { items: vec![1], f: 2, inner: 3, result: 4, by: 5, value: 6 }.share();
    inventory.items_mut(|items| items.push(2));
    assert_eq!(inventory.update(|view| view.items.len() as u32 + *view.f + *view.inner + *view.result), 11);
    assert_eq!(inventory.add_by(1), 5);
    assert_eq!(inventory.value(), 6);
    assert!(inventory.try_unwrap().is_ok());
    let prices = shadowing::Prices { list: vec![1] }.share();
    prices.update_list(|list| list.push(2));
    assert_eq!(prices.list().len(), 2);
    let tally = no_prelude::Tally { names: vec![], total: 0, config: 1 }.share();
    tally.add_total(2);
    assert_eq!(tally.total(), 2);
    assert_eq!(*tally.config(), 1);
}
