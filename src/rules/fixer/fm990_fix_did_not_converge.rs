//! FM990 fix-did-not-converge: Fixes kept changing the file for 10 passes; it was left as it was.

use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post check: the fix loop (`fix::fix_text`) raises it when its passes do not settle.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FixDidNotConverge,
    check: None,
    options: None,
};
