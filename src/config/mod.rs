//! Where the settings come from: `load` reads a configuration file into a layer, `resolve`
//! finds the layers that apply to a post and folds them into its `Settings` (defined by the
//! rules, which read it).

pub mod error;
pub mod load;
pub mod resolve;
pub mod schema;

pub use crate::registry::Selection;
pub use crate::rules::date_form::DateForm;
pub use crate::rules::schema_fields::{FieldSpec, FieldType};
pub use crate::rules::settings::{CANONICAL_ORDER, Settings};
pub use crate::rules::style::{LineEndings, WhitespaceScope};
pub use crate::rules::taxonomy::TermPolicy;

/// `fields` and `date_form` moved to the rules that read them; old paths keep working.
pub mod fields {
    pub use crate::rules::schema_fields::*;
}
