//! Where the file of a `mod name;` is, by rustc's rules: next to a
//! `mod.rs`-style file (a crate root, `mod.rs`, a `#[path]` file), in a
//! directory named after any other file, through the inline modules that
//! enclose the declaration, or where `#[path = ".."]` says.

use std::path::{Path, PathBuf};

use unmixed_checks::program::ModDecl;

/// The file that holds module `decl`, declared in `file`; `None` when
/// neither candidate exists.
pub fn module_file(file: &Path, file_is_mod_rs: bool, decl: &ModDecl) -> Option<(PathBuf, bool)> {
    let dir = file.parent()?;
    let own_dir = if file_is_mod_rs {
        dir.to_path_buf()
    } else {
        dir.join(file.file_stem()?)
    };
    let mut base = own_dir;
    for inline in &decl.inline_dirs {
        base.push(inline);
    }
    if let Some(written) = &decl.path_attr {
        let relative_to = if decl.inline_dirs.is_empty() {
            dir.to_path_buf()
        } else {
            base
        };
        let path = relative_to.join(written);
        // A `#[path]` file nests its own modules like a `mod.rs` does.
        return path.is_file().then_some((path, true));
    }
    let flat = base.join(format!("{}.rs", decl.name));
    if flat.is_file() {
        return Some((flat, false));
    }
    let nested = base.join(&decl.name).join("mod.rs");
    nested.is_file().then_some((nested, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(name: &str, path_attr: Option<&str>, inline: &[&str]) -> ModDecl {
        ModDecl {
            parent: String::new(),
            name: name.into(),
            path_attr: path_attr.map(Into::into),
            inline_dirs: inline.iter().map(|dir| (*dir).to_owned()).collect(),
            is_test: false,
        }
    }

    #[test]
    fn follows_rustc_module_file_rules() {
        let root = std::env::temp_dir().join(format!("unmixed-modules-{}", std::process::id()));
        let touch = |relative: &str| {
            let path = root.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
            path
        };
        let lib = touch("src/lib.rs");
        let net = touch("src/net.rs");
        touch("src/net/tcp.rs");
        touch("src/store/mod.rs");
        touch("src/a/b/c.rs");
        touch("src/elsewhere/x.rs");
        let found = |file: &Path, mod_rs: bool, decl: ModDecl| {
            module_file(file, mod_rs, &decl).map(|(path, mod_rs)| {
                (
                    path.strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    mod_rs,
                )
            })
        };
        assert_eq!(
            found(&lib, true, decl("net", None, &[])),
            Some(("src/net.rs".into(), false))
        );
        assert_eq!(
            found(&lib, true, decl("store", None, &[])),
            Some(("src/store/mod.rs".into(), true))
        );
        assert_eq!(
            found(&net, false, decl("tcp", None, &[])),
            Some(("src/net/tcp.rs".into(), false))
        );
        assert_eq!(
            found(&lib, true, decl("c", None, &["a", "b"])),
            Some(("src/a/b/c.rs".into(), false))
        );
        assert_eq!(
            found(&lib, true, decl("x", Some("elsewhere/x.rs"), &[])),
            Some(("src/elsewhere/x.rs".into(), true))
        );
        assert_eq!(found(&lib, true, decl("missing", None, &[])), None);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
