//! Identifier newtypes, so a module id is never passed where a lesson id is expected.

use std::fmt;

/// A module's folder name under `content/lessons/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub String);

/// `MODULE/LESSON`: the module folder and the lesson's file stem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LessonId(pub String);

/// An SOP's file stem under `content/sops/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SopId(pub String);

/// A role's `id` in `content/roles.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleId(pub String);

/// A question's file stem under `content/qa/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QaId(pub String);

impl LessonId {
    pub fn new(module: &ModuleId, stem: &str) -> Self {
        LessonId(format!("{}/{stem}", module.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file stem part (after the module).
    pub fn stem(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, s)| s)
    }
}

impl ModuleId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LessonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for ModuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! plain_id {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

plain_id!(SopId, RoleId, QaId);

/// Index newtypes: positions in the programme's lists (`Programme::lessons`, `sops`,
/// `roles`, `qa`), so a role's index is never used to look up a lesson. A `Vec` (or
/// slice) can be indexed by the newtype of what it holds: `programme.lessons[li]`.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl $name {
            /// Every index of a list of `len` items, in order.
            pub fn all(len: usize) -> impl Iterator<Item = $name> {
                (0..len).map($name)
            }
        }

        impl Idx for $name {
            fn new(i: usize) -> Self {
                $name(i)
            }
            fn get(self) -> usize {
                self.0
            }
        }

        impl<T> std::ops::Index<$name> for [T] {
            type Output = T;
            fn index(&self, i: $name) -> &T {
                &self[i.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for [T] {
            fn index_mut(&mut self, i: $name) -> &mut T {
                &mut self[i.0]
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;
            fn index(&self, i: $name) -> &T {
                &self[i.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, i: $name) -> &mut T {
                &mut self[i.0]
            }
        }
    };
}

index_type!(
    /// A position in `Programme::lessons` (reading order).
    LessonIx
);
index_type!(
    /// A position in `Programme::sops`.
    SopIx
);
index_type!(
    /// A position in `Programme::roles`.
    RoleIx
);
index_type!(
    /// A position in `Programme::qa`.
    QaIx
);

/// An index newtype.
pub trait Idx: Copy {
    fn new(i: usize) -> Self;
    fn get(self) -> usize;
}

/// A list indexed only by `I` (`IndexVec<LessonIx, Vec<RoleIx>>`: the roles of each lesson),
/// so one kind of index cannot reach into another kind's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexVec<I, T> {
    items: Vec<T>,
    index: std::marker::PhantomData<fn(I)>,
}

impl<I: Idx, T> IndexVec<I, T> {
    pub fn from_fn(len: usize, f: impl FnMut(usize) -> T) -> Self {
        IndexVec {
            items: (0..len).map(f).collect(),
            index: std::marker::PhantomData,
        }
    }

    pub fn get(&self, i: I) -> Option<&T> {
        self.items.get(i.get())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Each index with its value.
    pub fn iter_enumerated(&self) -> impl Iterator<Item = (I, &T)> {
        self.items.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }
}

impl<I, T> Default for IndexVec<I, T> {
    fn default() -> Self {
        IndexVec {
            items: Vec::new(),
            index: std::marker::PhantomData,
        }
    }
}

impl<I: Idx, T> std::ops::Index<I> for IndexVec<I, T> {
    type Output = T;
    fn index(&self, i: I) -> &T {
        &self.items[i.get()]
    }
}

impl<I: Idx, T> std::ops::IndexMut<I> for IndexVec<I, T> {
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.items[i.get()]
    }
}

impl<'a, I, T> IntoIterator for &'a mut IndexVec<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut()
    }
}
