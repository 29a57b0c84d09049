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
