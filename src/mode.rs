//! What a run does with the posts it checks. A leaf: the run acts on it and its report's summary
//! line says it, and the report must not depend on the run.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Check,
    /// Apply fixes and write the files.
    Fix,
    /// Print what `Fix` would write; write nothing.
    Diff,
}
