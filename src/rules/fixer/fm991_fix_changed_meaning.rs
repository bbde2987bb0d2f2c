//! FM991 fix-changed-meaning: A fix would have changed what Jekyll reads; nothing was written.

use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post check: the fix loop's meaning check (`fix::fix_text`) raises it when the
/// fixed text would read otherwise than the original.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FixChangedMeaning,
    check: None,
    options: None,
};
