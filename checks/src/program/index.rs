//! Reading syntax into plain data: one [`FileIndex`] per file, made on the
//! thread that parsed it (syn's trees cannot cross threads; the index can).

use syn::{FnArg, ImplItem, Item, TraitItem, UseTree};

use super::ty::{unraw, TyExpr};
use super::{ChannelKind, FileId, FnMarks, Import, IoKind, Receiver, TypeKind, TypeMark};
use crate::syntax::attrs::is_test_only;

/// The items of one file (or of the one item a macro sees), before linking.
#[derive(Debug, Clone, Default)]
pub struct FileIndex {
    /// The file, when it is one (a macro's item is not).
    pub file: Option<FileId>,
    pub(crate) modules: Vec<RawModule>,
    pub(crate) fns: Vec<RawFn>,
    pub(crate) types: Vec<RawType>,
    pub(crate) aliases: Vec<RawAlias>,
    pub(crate) statics: Vec<RawStatic>,
    pub(crate) impls: Vec<RawImpl>,
    /// `mod name;` declarations, for whoever finds the files.
    pub mod_decls: Vec<ModDecl>,
}

/// A `mod name;` whose body is in another file.
#[derive(Debug, Clone)]
pub struct ModDecl {
    /// The declaring module's path.
    pub parent: String,
    /// The module's name.
    pub name: String,
    /// `#[path = ".."]`, as written.
    pub path_attr: Option<String>,
    /// The inline modules between the file's own module and the declaring
    /// one (`mod a { mod b; }` in `lib.rs` declares `a/b.rs`).
    pub inline_dirs: Vec<String>,
    /// Under `#[cfg(test)]`.
    pub is_test: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RawModule {
    pub(crate) path: String,
    pub(crate) is_test: bool,
    pub(crate) imports: Vec<(String, Import)>,
    pub(crate) globs: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawFn {
    pub(crate) name: String,
    pub(crate) module: String,
    /// Index into [`FileIndex::impls`] for a method.
    pub(crate) impl_index: Option<usize>,
    /// The declaring trait's path (as a module-relative name) for a trait's own function.
    pub(crate) in_trait: Option<String>,
    pub(crate) generics: Vec<String>,
    pub(crate) receiver: Option<Receiver>,
    pub(crate) params: Vec<(Option<String>, TyExpr)>,
    pub(crate) ret: TyExpr,
    pub(crate) is_async: bool,
    pub(crate) marks: FnMarks,
    pub(crate) is_test: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RawType {
    pub(crate) name: String,
    pub(crate) module: String,
    pub(crate) generics: Vec<String>,
    pub(crate) fields: Vec<(String, TyExpr)>,
    /// Enum variants, which are values of the type.
    pub(crate) variants: Vec<String>,
    pub(crate) marks: Vec<TypeMark>,
    pub(crate) kind: TypeKind,
    /// A tuple or unit struct is also a value (its constructor).
    pub(crate) is_value: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RawAlias {
    pub(crate) name: String,
    pub(crate) module: String,
    pub(crate) generics: Vec<String>,
    pub(crate) target: TyExpr,
}

#[derive(Debug, Clone)]
pub(crate) struct RawStatic {
    pub(crate) name: String,
    pub(crate) module: String,
    pub(crate) ty: TyExpr,
}

#[derive(Debug, Clone)]
pub(crate) struct RawImpl {
    pub(crate) module: String,
    pub(crate) generics: Vec<String>,
    pub(crate) self_ty: TyExpr,
    pub(crate) trait_: Option<TyExpr>,
    pub(crate) assoc: Vec<(String, TyExpr)>,
    pub(crate) marks: FnMarks,
}

/// Where a function's syntax is, with what its signature is resolved against.
pub struct Scope<'a> {
    /// The module's absolute path.
    pub module: std::rc::Rc<str>,
    /// The `impl` block a method is in.
    pub impl_block: Option<&'a syn::ItemImpl>,
    /// The trait a trait's own function is in.
    pub trait_block: Option<&'a syn::ItemTrait>,
    /// Test code.
    pub is_test: bool,
}

/// A function's syntax, wherever it is declared.
#[derive(Clone, Copy)]
pub enum FnSyntax<'a> {
    /// A free function.
    Item(&'a syn::ItemFn),
    /// A method or associated function of an `impl`.
    Impl(&'a syn::ImplItemFn),
    /// A trait's function, with or without a default body.
    Trait(&'a syn::TraitItemFn),
}

impl<'a> FnSyntax<'a> {
    /// Its signature.
    pub fn sig(self) -> &'a syn::Signature {
        match self {
            FnSyntax::Item(function) => &function.sig,
            FnSyntax::Impl(function) => &function.sig,
            FnSyntax::Trait(function) => &function.sig,
        }
    }

    /// Its attributes.
    pub fn attrs(self) -> &'a [syn::Attribute] {
        match self {
            FnSyntax::Item(function) => &function.attrs,
            FnSyntax::Impl(function) => &function.attrs,
            FnSyntax::Trait(function) => &function.attrs,
        }
    }

    /// The body; a trait function without a default has none.
    pub fn body(self) -> Option<&'a syn::Block> {
        match self {
            FnSyntax::Item(function) => Some(&function.block),
            FnSyntax::Impl(function) => Some(&function.block),
            FnSyntax::Trait(function) => function.default.as_ref(),
        }
    }
}

/// What walks the functions of a module: told of every function, and of
/// the attributes it enters and leaves on the way (so `#[unmixed::allow]`
/// scopes can be kept).
pub trait FnWalk<'a> {
    /// The walk enters an item, method or module with these attributes.
    fn enter(&mut self, attrs: &'a [syn::Attribute]) {
        let _ = attrs;
    }
    /// The walk leaves what it last entered.
    fn leave(&mut self) {}
    /// The next function.
    fn function(&mut self, function: FnSyntax<'a>, scope: &Scope<'a>);
}

impl<'a, F: FnMut(FnSyntax<'a>, &Scope<'a>)> FnWalk<'a> for F {
    fn function(&mut self, function: FnSyntax<'a>, scope: &Scope<'a>) {
        self(function, scope);
    }
}

/// Calls `walk` on every function of `items` (module `module`), in one
/// fixed order: items in order, an impl's or trait's functions in order,
/// inline modules depth first. Functions declared inside function bodies
/// are not visited. The index and every later pass use this order, so the
/// `n`th function visited is the file's `n`th [`super::FnId`].
pub fn for_each_fn<'a>(
    items: &'a [Item],
    module: &'a str,
    is_test: bool,
    walk: &mut dyn FnWalk<'a>,
) {
    let module: std::rc::Rc<str> = module.into();
    walk_items(items, &module, is_test, walk);
}

fn walk_items<'a>(
    items: &'a [Item],
    module: &std::rc::Rc<str>,
    is_test: bool,
    walk: &mut dyn FnWalk<'a>,
) {
    for item in items {
        let attrs = crate::syntax::item_attrs(item);
        let test = is_test || is_test_only(attrs);
        walk.enter(attrs);
        match item {
            Item::Fn(function) => walk.function(
                FnSyntax::Item(function),
                &Scope {
                    module: module.clone(),
                    impl_block: None,
                    trait_block: None,
                    is_test: test,
                },
            ),
            Item::Impl(block) => {
                for inner in &block.items {
                    if let ImplItem::Fn(method) = inner {
                        walk.enter(&method.attrs);
                        walk.function(
                            FnSyntax::Impl(method),
                            &Scope {
                                module: module.clone(),
                                impl_block: Some(block),
                                trait_block: None,
                                is_test: test || is_test_only(&method.attrs),
                            },
                        );
                        walk.leave();
                    }
                }
            }
            Item::Trait(definition) => {
                for inner in &definition.items {
                    if let TraitItem::Fn(method) = inner {
                        walk.enter(&method.attrs);
                        walk.function(
                            FnSyntax::Trait(method),
                            &Scope {
                                module: module.clone(),
                                impl_block: None,
                                trait_block: Some(definition),
                                is_test: test,
                            },
                        );
                        walk.leave();
                    }
                }
            }
            Item::Mod(inner) => {
                if let Some((_, content)) = &inner.content {
                    let path: std::rc::Rc<str> =
                        format!("{module}::{}", unraw(&inner.ident)).into();
                    walk_items(content, &path, test, walk);
                }
            }
            _ => {}
        }
        walk.leave();
    }
}

/// Indexes the items of module `module` (an absolute path: the crate's
/// name, then module names). `known` reads the marks of the well-known API
/// stubs; user code's attributes mean nothing to the index.
pub fn index_items(
    items: &[Item],
    module: &str,
    file: Option<FileId>,
    is_test: bool,
    known: bool,
) -> FileIndex {
    let mut index = FileIndex {
        file,
        ..FileIndex::default()
    };
    let mut indexer = Indexer {
        index: &mut index,
        known,
    };
    indexer.module(items, module, is_test, &[]);
    // Functions, in the one order every pass shares.
    for_each_fn(
        items,
        module,
        is_test,
        &mut |function: FnSyntax<'_>, scope: &Scope<'_>| {
            indexer.function(function, scope);
        },
    );
    index
}

struct Indexer<'i> {
    index: &'i mut FileIndex,
    known: bool,
}

impl Indexer<'_> {
    fn module(&mut self, items: &[Item], path: &str, is_test: bool, inline_dirs: &[String]) {
        let mut module = RawModule {
            path: path.to_owned(),
            is_test,
            imports: Vec::new(),
            globs: Vec::new(),
        };
        for item in items {
            let test = is_test || is_test_only(crate::syntax::item_attrs(item));
            match item {
                Item::Use(used) => {
                    use_tree(
                        &used.tree,
                        used.leading_colon.is_some(),
                        &mut Vec::new(),
                        &mut module,
                    );
                }
                Item::ExternCrate(krate) => {
                    let name = krate
                        .rename
                        .as_ref()
                        .map_or_else(|| unraw(&krate.ident), |(_, alias)| unraw(alias));
                    let target = unraw(&krate.ident);
                    let target = if target == "self" {
                        path.split("::").next().unwrap_or_default().to_owned()
                    } else {
                        target
                    };
                    module.imports.push((
                        name,
                        Import {
                            global: true,
                            segments: vec![target],
                        },
                    ));
                }
                Item::Mod(inner) => {
                    let name = unraw(&inner.ident);
                    let child = format!("{path}::{name}");
                    match &inner.content {
                        Some((_, content)) => {
                            let mut dirs = inline_dirs.to_vec();
                            dirs.push(name);
                            self.module(content, &child, test, &dirs);
                        }
                        None => self.index.mod_decls.push(ModDecl {
                            parent: path.to_owned(),
                            name,
                            path_attr: crate::syntax::attrs::path_attr(&inner.attrs),
                            inline_dirs: inline_dirs.to_vec(),
                            is_test: test,
                        }),
                    }
                }
                Item::Struct(definition) => {
                    let fields = fields(&definition.fields);
                    self.index.types.push(RawType {
                        name: unraw(&definition.ident),
                        module: path.to_owned(),
                        generics: type_params(&definition.generics),
                        fields,
                        variants: Vec::new(),
                        marks: self.type_marks(&definition.attrs),
                        kind: TypeKind::Struct,
                        is_value: !matches!(definition.fields, syn::Fields::Named(_)),
                    });
                }
                Item::Enum(definition) => self.index.types.push(RawType {
                    name: unraw(&definition.ident),
                    module: path.to_owned(),
                    generics: type_params(&definition.generics),
                    fields: Vec::new(),
                    variants: definition
                        .variants
                        .iter()
                        .map(|variant| unraw(&variant.ident))
                        .collect(),
                    marks: self.type_marks(&definition.attrs),
                    kind: TypeKind::Enum,
                    is_value: false,
                }),
                Item::Union(definition) => self.index.types.push(RawType {
                    name: unraw(&definition.ident),
                    module: path.to_owned(),
                    generics: type_params(&definition.generics),
                    fields: fields(&syn::Fields::Named(definition.fields.clone())),
                    variants: Vec::new(),
                    marks: Vec::new(),
                    kind: TypeKind::Union,
                    is_value: false,
                }),
                Item::Trait(definition) => self.index.types.push(RawType {
                    name: unraw(&definition.ident),
                    module: path.to_owned(),
                    generics: type_params(&definition.generics),
                    fields: Vec::new(),
                    variants: Vec::new(),
                    marks: Vec::new(),
                    kind: TypeKind::Trait,
                    is_value: false,
                }),
                Item::Type(alias) => self.index.aliases.push(RawAlias {
                    name: unraw(&alias.ident),
                    module: path.to_owned(),
                    generics: type_params(&alias.generics),
                    target: TyExpr::of(&alias.ty),
                }),
                Item::Static(global) => self.index.statics.push(RawStatic {
                    name: unraw(&global.ident),
                    module: path.to_owned(),
                    ty: TyExpr::of(&global.ty),
                }),
                Item::Const(constant) => self.index.statics.push(RawStatic {
                    name: unraw(&constant.ident),
                    module: path.to_owned(),
                    ty: TyExpr::of(&constant.ty),
                }),
                Item::Impl(block) => {
                    let assoc = block
                        .items
                        .iter()
                        .filter_map(|inner| match inner {
                            ImplItem::Type(assoc) => {
                                Some((unraw(&assoc.ident), TyExpr::of(&assoc.ty)))
                            }
                            _ => None,
                        })
                        .collect();
                    self.index.impls.push(RawImpl {
                        module: path.to_owned(),
                        generics: type_params(&block.generics),
                        self_ty: TyExpr::of(&block.self_ty),
                        trait_: block
                            .trait_
                            .as_ref()
                            .filter(|(negative, _, _)| negative.is_none())
                            .map(|(_, trait_path, _)| TyExpr::of_path(trait_path)),
                        assoc,
                        marks: self.fn_marks(&block.attrs),
                    });
                }
                _ => {}
            }
        }
        self.index.modules.push(module);
    }

    fn function(&mut self, function: FnSyntax<'_>, scope: &Scope<'_>) {
        let sig = function.sig();
        let mut generics = Vec::new();
        let impl_index = scope.impl_block.map(|block| {
            generics.extend(type_params(&block.generics));
            // Impls are pushed in item order as the module walk meets them;
            // find this one by its place among the module's impls.
            self.impl_index(&scope.module, block)
        });
        if let Some(definition) = scope.trait_block {
            generics.extend(type_params(&definition.generics));
        }
        generics.extend(type_params(&sig.generics));
        // `impl Trait` in argument position is an anonymous generic.
        let mut receiver = None;
        let mut params = Vec::new();
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(own) => {
                    receiver = Some(match (&own.reference, own.mutability, own.colon_token) {
                        (Some(_), Some(_), _) => Receiver::RefMut,
                        (Some(_), None, _) => Receiver::Ref,
                        // `self: Arc<Self>` and the like take the value.
                        (None, _, _) => Receiver::Value,
                    });
                }
                FnArg::Typed(typed) => {
                    let name = crate::syntax::binding(&typed.pat).map(unraw);
                    params.push((name, TyExpr::of(&typed.ty)));
                }
            }
        }
        let in_trait = scope.trait_block.map(|definition| unraw(&definition.ident));
        self.index.fns.push(RawFn {
            name: unraw(&sig.ident),
            module: scope.module.to_string(),
            impl_index,
            in_trait,
            generics,
            receiver,
            params,
            ret: TyExpr::of_return(&sig.output),
            is_async: sig.asyncness.is_some(),
            marks: self.fn_marks(function.attrs()),
            is_test: scope.is_test || is_test_only(function.attrs()),
        });
    }

    /// The index of `block` among the impls of this file.
    fn impl_index(&self, module: &str, block: &syn::ItemImpl) -> usize {
        let wanted = TyExpr::of(&block.self_ty);
        let wanted_trait = block
            .trait_
            .as_ref()
            .map(|(_, path, _)| TyExpr::of_path(path));
        let generics = type_params(&block.generics);
        // Several impls can look alike (cfg'd twins); any of them will do,
        // they resolve to the same type.
        self.index
            .impls
            .iter()
            .position(|raw| {
                raw.module == module
                    && raw.self_ty == wanted
                    && raw.trait_ == wanted_trait
                    && raw.generics == generics
            })
            .unwrap_or(0)
    }

    fn type_marks(&self, attrs: &[syn::Attribute]) -> Vec<TypeMark> {
        if !self.known {
            return Vec::new();
        }
        let mut marks = Vec::new();
        for attr in attrs {
            let arg = mark_argument(attr);
            let mark = match (
                attr.path().get_ident().map(ToString::to_string).as_deref(),
                arg.as_str(),
            ) {
                (Some("lock"), "sync") => TypeMark::SyncLock,
                (Some("lock"), "async") => TypeMark::AsyncLock,
                (Some("guard"), "sync") => TypeMark::SyncGuard,
                (Some("guard"), "async") => TypeMark::AsyncGuard,
                (Some("guard"), "cell") => TypeMark::CellBorrow,
                (Some("shared"), _) => TypeMark::SharedGuard,
                (Some("atomic"), _) => TypeMark::Atomic,
                (Some("concurrent_map"), _) => TypeMark::ConcurrentMap,
                (Some("receiver"), _) => TypeMark::Receiver,
                (Some("sender"), _) => TypeMark::Sender,
                (Some("buffer"), _) => TypeMark::Buffer,
                (Some("thread_pool"), _) => TypeMark::ThreadPool,
                _ => continue,
            };
            marks.push(mark);
        }
        marks
    }

    fn fn_marks(&self, attrs: &[syn::Attribute]) -> FnMarks {
        let mut marks = FnMarks::default();
        if !self.known {
            return marks;
        }
        for attr in attrs {
            let Some(name) = attr.path().get_ident().map(ToString::to_string) else {
                continue;
            };
            let arg = mark_argument(attr);
            match (name.as_str(), arg.as_str()) {
                ("io", "file") => marks.io = Some(IoKind::File),
                ("io", "net") => marks.io = Some(IoKind::Network),
                ("io", "db") => marks.io = Some(IoKind::Database),
                ("io", "process") => marks.io = Some(IoKind::Process),
                ("io", "sleep") => marks.io = Some(IoKind::Sleep),
                ("io", "wait") => marks.io = Some(IoKind::Wait),
                ("io", "block_on") => marks.io = Some(IoKind::BlockOn),
                ("io", "through") => marks.io_through = true,
                ("spawns", _) => marks.spawns = true,
                ("pool_job", _) => {
                    marks.spawns = true;
                    marks.pool_job = true;
                }
                ("channel", "bounded") => marks.channel = Some(ChannelKind::Bounded),
                ("channel", "unbounded") => marks.channel = Some(ChannelKind::Unbounded),
                ("channel", "single") => marks.channel = Some(ChannelKind::Single),
                ("channel", "broadcast") => marks.channel = Some(ChannelKind::Broadcast),
                ("never_waits", _) => marks.never_waits = true,
                ("forwards", _) => marks.forwards = true,
                _ => {}
            }
        }
        marks
    }
}

/// The argument of a stub's mark: `sync` in `#[lock(sync)]` (`async` is a
/// keyword, so it is read as tokens).
fn mark_argument(attr: &syn::Attribute) -> String {
    attr.parse_args::<proc_macro2::TokenStream>()
        .map(|tokens| tokens.to_string())
        .unwrap_or_default()
}

fn fields(fields: &syn::Fields) -> Vec<(String, TyExpr)> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let name = field
                .ident
                .as_ref()
                .map_or_else(|| index.to_string(), unraw);
            (name, TyExpr::of(&field.ty))
        })
        .collect()
}

fn type_params(generics: &syn::Generics) -> Vec<String> {
    generics
        .type_params()
        .map(|param| unraw(&param.ident))
        .collect()
}

fn use_tree(tree: &UseTree, global: bool, prefix: &mut Vec<String>, module: &mut RawModule) {
    match tree {
        UseTree::Path(path) => {
            prefix.push(unraw(&path.ident));
            use_tree(&path.tree, global, prefix, module);
            prefix.pop();
        }
        UseTree::Name(name) => {
            let ident = unraw(&name.ident);
            if ident == "self" {
                // `use a::b::{self}` binds `b`.
                if let Some(last) = prefix.last().cloned() {
                    module.imports.push((
                        last,
                        Import {
                            global,
                            segments: prefix.clone(),
                        },
                    ));
                }
                return;
            }
            let mut segments = prefix.clone();
            segments.push(ident.clone());
            module.imports.push((ident, Import { global, segments }));
        }
        UseTree::Rename(rename) => {
            let alias = unraw(&rename.rename);
            if alias == "_" {
                return;
            }
            let mut segments = prefix.clone();
            let ident = unraw(&rename.ident);
            if ident != "self" {
                segments.push(ident);
            }
            module.imports.push((alias, Import { global, segments }));
        }
        UseTree::Glob(_) => module.globs.push(prefix.clone()),
        UseTree::Group(group) => {
            for item in &group.items {
                use_tree(item, global, prefix, module);
            }
        }
    }
}
