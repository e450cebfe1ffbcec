//! Types as the checks know them: [`TyExpr`] is a type as written (owned,
//! free of spans, so it can cross threads before names are resolved), and
//! [`Ty`] is a type after resolution, every path made absolute.

use std::sync::Arc;

use syn::{GenericArgument, PathArguments, ReturnType, Type, TypeParamBound};

/// A type as written, before its names are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TyExpr {
    /// `a::b::C<T, U>`; `Self` is a one-segment path.
    Path {
        /// `::a::b`: starts at the extern crates.
        global: bool,
        /// The path's segments.
        segments: Vec<String>,
        /// The generic type arguments of the last segment.
        args: Vec<TyExpr>,
        /// `Output = T` and the like.
        bindings: Vec<(String, TyExpr)>,
    },
    /// `&T` or `&mut T` (`true`).
    Ref(bool, Box<TyExpr>),
    /// `(A, B)`; `()` is the empty tuple.
    Tuple(Vec<TyExpr>),
    /// `[T]` or `[T; N]`.
    Slice(Box<TyExpr>),
    /// `impl A + B` or `dyn A + B`: the trait bounds.
    Bounds(Vec<TyExpr>),
    /// `fn(..) -> R` or a closure bound's return: callable.
    Fn(Box<TyExpr>),
    /// `!`.
    Never,
    /// `_`, raw pointers, qualified paths: nothing to know.
    Opaque,
}

impl TyExpr {
    /// Reads a `syn` type.
    pub fn of(ty: &Type) -> TyExpr {
        match ty {
            Type::Path(path) if path.qself.is_none() => Self::of_path(&path.path),
            Type::Reference(reference) => TyExpr::Ref(
                reference.mutability.is_some(),
                Box::new(Self::of(&reference.elem)),
            ),
            Type::Tuple(tuple) => TyExpr::Tuple(tuple.elems.iter().map(Self::of).collect()),
            Type::Slice(slice) => TyExpr::Slice(Box::new(Self::of(&slice.elem))),
            Type::Array(array) => TyExpr::Slice(Box::new(Self::of(&array.elem))),
            Type::Paren(inner) => Self::of(&inner.elem),
            Type::Group(inner) => Self::of(&inner.elem),
            Type::ImplTrait(bounds) => Self::bounds(&bounds.bounds),
            Type::TraitObject(bounds) => Self::bounds(&bounds.bounds),
            Type::BareFn(function) => TyExpr::Fn(Box::new(Self::of_return(&function.output))),
            Type::Never(_) => TyExpr::Never,
            _ => TyExpr::Opaque,
        }
    }

    /// A function's return type; `()` when none is written.
    pub fn of_return(output: &ReturnType) -> TyExpr {
        match output {
            ReturnType::Default => TyExpr::Tuple(Vec::new()),
            ReturnType::Type(_, ty) => Self::of(ty),
        }
    }

    /// A path, as a type.
    pub fn of_path(path: &syn::Path) -> TyExpr {
        let segments = path
            .segments
            .iter()
            .map(|segment| unraw(&segment.ident))
            .collect();
        let mut args = Vec::new();
        let mut bindings = Vec::new();
        if let Some(last) = path.segments.last() {
            match &last.arguments {
                PathArguments::AngleBracketed(generics) => {
                    for arg in &generics.args {
                        match arg {
                            GenericArgument::Type(ty) => args.push(Self::of(ty)),
                            GenericArgument::AssocType(assoc) => {
                                bindings.push((unraw(&assoc.ident), Self::of(&assoc.ty)));
                            }
                            _ => {}
                        }
                    }
                }
                // `FnOnce(A) -> R`: what matters is that it is callable, and what it returns.
                PathArguments::Parenthesized(function) => {
                    bindings.push(("Output".to_owned(), Self::of_return(&function.output)));
                }
                PathArguments::None => {}
            }
        }
        TyExpr::Path {
            global: path.leading_colon.is_some(),
            segments,
            args,
            bindings,
        }
    }

    fn bounds<'a>(bounds: impl IntoIterator<Item = &'a TypeParamBound>) -> TyExpr {
        TyExpr::Bounds(
            bounds
                .into_iter()
                .filter_map(|bound| match bound {
                    TypeParamBound::Trait(trait_bound) => Some(Self::of_path(&trait_bound.path)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// The last path segment, for messages and quick tests.
    pub fn last_segment(&self) -> Option<&str> {
        match self {
            TyExpr::Path { segments, .. } => segments.last().map(String::as_str),
            _ => None,
        }
    }
}

/// An identifier without its `r#`.
pub fn unraw(ident: &syn::Ident) -> String {
    let text = ident.to_string();
    match text.strip_prefix("r#") {
        Some(bare) => bare.to_owned(),
        None => text,
    }
}

/// A shared name: cloning a type never copies its paths.
pub type Name = Arc<str>;

/// `Self`, shared.
pub fn self_name() -> Name {
    static SELF: std::sync::OnceLock<Name> = std::sync::OnceLock::new();
    SELF.get_or_init(|| "Self".into()).clone()
}

/// A resolved type. Cheap to clone: every payload is shared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Ty {
    /// Not known: every check stays quiet about it.
    #[default]
    Unknown,
    /// A named type by its absolute path (`std::sync::Mutex`, `app::db::Pool`,
    /// `u64`), with its generic arguments.
    Named(Name, Arc<[Ty]>),
    /// `&T` or `&mut T` (`true`).
    Ref(bool, Arc<Ty>),
    /// `(A, B)`; `()` is the empty tuple.
    Tuple(Arc<[Ty]>),
    /// `[T]` or `[T; N]`.
    Slice(Arc<Ty>),
    /// A generic parameter of the code being read.
    Param(Name),
    /// What an `async fn` or `impl Future<Output = T>` gives when awaited.
    Future(Arc<Ty>),
    /// `impl Trait` / `dyn Trait`: the traits, by absolute path.
    Bounds(Arc<[Name]>),
    /// Something callable that returns this.
    Fn(Arc<Ty>),
    /// `!`.
    Never,
}

impl Ty {
    /// A type with no arguments.
    pub fn named(path: &str) -> Ty {
        Ty::Named(path.into(), Arc::from([]))
    }

    /// A type with arguments.
    pub fn generic(path: &str, args: Vec<Ty>) -> Ty {
        Ty::Named(path.into(), args.into())
    }

    /// `&inner` or `&mut inner`.
    pub fn reference(mutable: bool, inner: Ty) -> Ty {
        Ty::Ref(mutable, Arc::new(inner))
    }

    /// A future that gives `output`.
    pub fn future(output: Ty) -> Ty {
        Ty::Future(Arc::new(output))
    }

    /// Something callable that returns `output`.
    pub fn function(output: Ty) -> Ty {
        Ty::Fn(Arc::new(output))
    }

    /// `[element]`.
    pub fn slice(element: Ty) -> Ty {
        Ty::Slice(Arc::new(element))
    }

    /// A tuple of `items`.
    pub fn tuple(items: Vec<Ty>) -> Ty {
        Ty::Tuple(items.into())
    }

    /// The generic parameter `name`.
    pub fn param(name: &str) -> Ty {
        Ty::Param(name.into())
    }

    /// `()`.
    pub fn unit() -> Ty {
        Ty::Tuple(Arc::from([]))
    }

    /// The absolute path of a named type.
    pub fn path(&self) -> Option<&str> {
        match self {
            Ty::Named(path, _) => Some(path),
            _ => None,
        }
    }

    /// The type's generic arguments.
    pub fn args(&self) -> &[Ty] {
        match self {
            Ty::Named(_, args) => args,
            _ => &[],
        }
    }

    /// The `index`th generic argument, or unknown.
    pub fn arg(&self, index: usize) -> Ty {
        self.args().get(index).cloned().unwrap_or_default()
    }

    /// Whether anything is known about it (not unknown, not a generic parameter).
    pub fn is_known(&self) -> bool {
        !matches!(self, Ty::Unknown | Ty::Param(_))
    }

    /// The type behind any number of references.
    pub fn strip_refs(&self) -> &Ty {
        match self {
            Ty::Ref(_, inner) => inner.strip_refs(),
            other => other,
        }
    }

    /// Whether this is `path<..>` (behind references too).
    pub fn is(&self, path: &str) -> bool {
        self.strip_refs().path() == Some(path)
    }

    /// `Option<T>`, `Result<T, _>` -> `T`: what `?`, `unwrap` and `expect` give.
    pub fn unwrapped(&self) -> Ty {
        match self {
            Ty::Named(path, args)
                if &**path == "std::option::Option" || &**path == "std::result::Result" =>
            {
                args.first().cloned().unwrap_or_default()
            }
            _ => Ty::Unknown,
        }
    }

    /// Whether any generic parameter occurs in the type.
    fn has_params(&self) -> bool {
        match self {
            Ty::Param(_) => true,
            Ty::Named(_, args) | Ty::Tuple(args) => args.iter().any(Ty::has_params),
            Ty::Ref(_, inner) | Ty::Slice(inner) | Ty::Future(inner) | Ty::Fn(inner) => {
                inner.has_params()
            }
            _ => false,
        }
    }

    /// Replaces generic parameters by the types bound to them.
    pub fn substitute(&self, bound: &[(Name, Ty)]) -> Ty {
        if bound.is_empty() || !self.has_params() {
            return self.clone();
        }
        match self {
            Ty::Param(name) => bound
                .iter()
                .find(|(param, _)| **param == **name)
                .map_or_else(|| self.clone(), |(_, ty)| ty.clone()),
            Ty::Named(path, args) => Ty::Named(
                path.clone(),
                args.iter().map(|arg| arg.substitute(bound)).collect(),
            ),
            Ty::Ref(mutable, inner) => Ty::reference(*mutable, inner.substitute(bound)),
            Ty::Tuple(items) => {
                Ty::Tuple(items.iter().map(|item| item.substitute(bound)).collect())
            }
            Ty::Slice(inner) => Ty::slice(inner.substitute(bound)),
            Ty::Future(inner) => Ty::future(inner.substitute(bound)),
            Ty::Fn(inner) => Ty::function(inner.substitute(bound)),
            other => other.clone(),
        }
    }

    /// Binds the parameters of `pattern` (a declared type) to the parts of
    /// `self` (an actual type) in the same place: `Arc<T>` against
    /// `Arc<Mutex<u8>>` binds `T` to `Mutex<u8>`.
    pub fn bind_to(&self, pattern: &Ty, bound: &mut Vec<(Name, Ty)>) {
        match (pattern, self) {
            (Ty::Param(name), actual)
                if actual.is_known() && !bound.iter().any(|(param, _)| **param == **name) =>
            {
                bound.push((name.clone(), actual.clone()));
            }
            (Ty::Named(wanted, patterns), Ty::Named(path, actuals)) if wanted == path => {
                for (pattern, actual) in patterns.iter().zip(actuals.iter()) {
                    actual.bind_to(pattern, bound);
                }
            }
            (Ty::Ref(_, pattern), Ty::Ref(_, actual)) => actual.bind_to(pattern, bound),
            (Ty::Ref(_, pattern), actual) => actual.bind_to(pattern, bound),
            (Ty::Tuple(patterns), Ty::Tuple(actuals)) => {
                for (pattern, actual) in patterns.iter().zip(actuals.iter()) {
                    actual.bind_to(pattern, bound);
                }
            }
            (Ty::Slice(pattern), Ty::Slice(actual)) | (Ty::Future(pattern), Ty::Future(actual)) => {
                actual.bind_to(pattern, bound);
            }
            _ => {}
        }
    }

    /// How the type reads in a message: `Mutex<u64>`.
    pub fn display(&self) -> String {
        match self {
            Ty::Unknown | Ty::Param(_) => "_".to_owned(),
            Ty::Named(path, args) => {
                let name = path
                    .rsplit("::")
                    .next()
                    .unwrap_or(path)
                    .trim_start_matches('?');
                if args.is_empty() {
                    name.to_owned()
                } else {
                    let args: Vec<String> = args.iter().map(Ty::display).collect();
                    format!("{name}<{}>", args.join(", "))
                }
            }
            Ty::Ref(mutable, inner) => {
                format!("&{}{}", if *mutable { "mut " } else { "" }, inner.display())
            }
            Ty::Tuple(items) => {
                let items: Vec<String> = items.iter().map(Ty::display).collect();
                format!("({})", items.join(", "))
            }
            Ty::Slice(inner) => format!("[{}]", inner.display()),
            Ty::Future(inner) => format!("impl Future<Output = {}>", inner.display()),
            Ty::Bounds(traits) => {
                let names: Vec<&str> = traits
                    .iter()
                    .map(|path| path.rsplit("::").next().unwrap_or(path))
                    .collect();
                format!("impl {}", names.join(" + "))
            }
            Ty::Fn(_) => "impl Fn".to_owned(),
            Ty::Never => "!".to_owned(),
        }
    }
}
