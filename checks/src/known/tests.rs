use crate::program::resolve::{Ns, Res};
use crate::program::{IoKind, Program, Ty, TyExpr, TypeMark};

fn module(program: &Program, path: &str) -> crate::program::ModId {
    let mut segments = path.split("::");
    let mut id = program.crate_root(segments.next().unwrap()).unwrap();
    for segment in segments {
        id = program.module(id).children[segment];
    }
    id
}

fn ty(program: &Program, in_module: &str, written: &str) -> Ty {
    let parsed: syn::Type = syn::parse_str(written).unwrap();
    program.resolve_type(module(program, in_module), &TyExpr::of(&parsed), &[], None)
}

#[test]
fn stubs_parse_and_resolve_the_paths_users_write() {
    let program = super::program();
    assert_eq!(
        ty(program, "tokio", "std::sync::Mutex<u8>"),
        Ty::generic("std::sync::Mutex", vec![Ty::named("u8")])
    );
    assert_eq!(
        ty(program, "tokio", "core::sync::atomic::AtomicU64"),
        Ty::named("std::sync::atomic::AtomicU64")
    );
    // Aliases are followed: `io::Result<T>` is `Result<T, io::Error>`.
    assert_eq!(
        ty(program, "std::fs", "Result<u8>"),
        Ty::generic(
            "std::result::Result",
            vec![Ty::named("u8"), Ty::named("std::io::Error")]
        )
    );
    // Re-exports inside a stub crate: `tokio::spawn` is `tokio::task::spawn`.
    let root = program.crate_root("tokio").unwrap();
    assert_eq!(
        program.resolve_path(root, false, &["spawn".into()], Ns::Value),
        Some(Res::Value("tokio::task::spawn".into()))
    );
}

#[test]
fn a_lock_call_finds_its_guard_through_arc_and_the_result() {
    let program = super::program();
    let shared = ty(program, "tokio", "std::sync::Arc<std::sync::Mutex<u64>>");
    let lock = program
        .method(&shared, "lock")
        .expect("Mutex::lock through Arc");
    let guard = lock.ret.unwrapped();
    assert_eq!(guard.path(), Some("std::sync::MutexGuard"));
    assert!(program.has_mark(&guard, TypeMark::SyncGuard));
    // The guard derefs to the value.
    assert_eq!(program.deref(&guard), Some(Ty::named("u64")));
    let tokio_lock = ty(program, "tokio", "tokio::sync::Mutex<u64>");
    let awaited = program.method(&tokio_lock, "lock").unwrap().ret;
    match awaited {
        Ty::Future(output) => assert!(
            program.has_mark(&output, TypeMark::AsyncGuard),
            "{output:?}"
        ),
        other => panic!("an async lock gives a future, got {other:?}"),
    }
}

#[test]
fn io_comes_from_the_impl_of_the_trait_that_has_the_method() {
    let program = super::program();
    let file = ty(program, "std", "std::fs::File");
    assert_eq!(
        program.method(&file, "write_all").unwrap().marks.io,
        Some(IoKind::File)
    );
    let buffer = ty(program, "std", "Vec<u8>");
    assert_eq!(program.method(&buffer, "write_all").unwrap().marks.io, None);
    let stream = ty(program, "tokio", "tokio::net::TcpStream");
    let write = program.method(&stream, "write_all").unwrap();
    assert_eq!(write.marks.io, Some(IoKind::Network));
    assert!(matches!(write.ret, Ty::Future(_)));
    let watch = ty(program, "tokio", "tokio::sync::watch::Sender<u8>");
    assert!(program.method(&watch, "send").unwrap().marks.never_waits);
}

#[test]
fn closures_bind_the_generics_of_combinators() {
    let program = super::program();
    let option = Ty::generic("std::option::Option", vec![Ty::named("u8")]);
    let map = program
        .method(&option, "map")
        .expect("Option::map is known");
    let def = program.function(map.id);
    assert_eq!(def.params[0].1, Ty::function(Ty::param("U")));
    assert_eq!(
        ty(
            program,
            "tokio",
            "impl std::future::Future<Output = u8> + Send"
        ),
        Ty::future(Ty::named("u8"))
    );
}

#[test]
fn read_guards_are_shared_and_write_guards_are_not() {
    use crate::facts::guarded::takes_shared;
    let program = super::program();
    for lock in [
        "std::sync::RwLock<u64>",
        "tokio::sync::RwLock<u64>",
        "parking_lot::RwLock<u64>",
    ] {
        let lock = ty(program, "tokio", lock);
        assert_eq!(
            takes_shared(program, &lock, Some("read")),
            Some(true),
            "{lock:?}"
        );
        assert_eq!(
            takes_shared(program, &lock, Some("write")),
            Some(false),
            "{lock:?}"
        );
    }
    let mutex = ty(program, "tokio", "std::sync::Arc<std::sync::Mutex<u64>>");
    assert_eq!(takes_shared(program, &mutex, Some("lock")), Some(false));
    assert_eq!(takes_shared(program, &mutex, Some("frobnicate")), None);
}
