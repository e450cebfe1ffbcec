//! The names every Rust module sees without importing them.

use super::resolve::{Ns, Res};

const TYPES: &[(&str, &str)] = &[
    ("Option", "std::option::Option"),
    ("Result", "std::result::Result"),
    ("Vec", "std::vec::Vec"),
    ("String", "std::string::String"),
    ("Box", "std::boxed::Box"),
    ("Clone", "std::clone::Clone"),
    ("Copy", "std::marker::Copy"),
    ("Send", "std::marker::Send"),
    ("Sync", "std::marker::Sync"),
    ("Sized", "std::marker::Sized"),
    ("Unpin", "std::marker::Unpin"),
    ("Default", "std::default::Default"),
    ("Drop", "std::ops::Drop"),
    ("Fn", "std::ops::Fn"),
    ("FnMut", "std::ops::FnMut"),
    ("FnOnce", "std::ops::FnOnce"),
    ("Iterator", "std::iter::Iterator"),
    ("IntoIterator", "std::iter::IntoIterator"),
    ("Extend", "std::iter::Extend"),
    ("ToString", "std::string::ToString"),
    ("ToOwned", "std::borrow::ToOwned"),
    ("AsRef", "std::convert::AsRef"),
    ("AsMut", "std::convert::AsMut"),
    ("Into", "std::convert::Into"),
    ("From", "std::convert::From"),
    ("TryFrom", "std::convert::TryFrom"),
    ("TryInto", "std::convert::TryInto"),
    ("PartialEq", "std::cmp::PartialEq"),
    ("Eq", "std::cmp::Eq"),
    ("PartialOrd", "std::cmp::PartialOrd"),
    ("Ord", "std::cmp::Ord"),
];

const VALUES: &[(&str, &str)] = &[
    ("Some", "std::option::Option::Some"),
    ("None", "std::option::Option::None"),
    ("Ok", "std::result::Result::Ok"),
    ("Err", "std::result::Result::Err"),
    ("drop", "std::mem::drop"),
];

const PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
    "i128", "isize", "f32", "f64",
];

/// What `name` means through the prelude, if anything.
pub(super) fn lookup(name: &str, ns: Ns) -> Option<Res> {
    if let Some(primitive) = PRIMITIVES.iter().find(|primitive| **primitive == name) {
        return Some(Res::Primitive(primitive));
    }
    let table = match ns {
        Ns::Type => TYPES,
        Ns::Value => VALUES,
    };
    table
        .iter()
        .find(|(short, _)| *short == name)
        .map(|(_, path)| match ns {
            Ns::Type => Res::Type((*path).to_owned()),
            Ns::Value => Res::Value((*path).to_owned()),
        })
        // `Vec::new()`: a type's name in a value path.
        .or_else(|| {
            (ns == Ns::Value)
                .then(|| TYPES.iter().find(|(short, _)| *short == name))
                .flatten()
                .map(|(_, path)| Res::Type((*path).to_owned()))
        })
}
