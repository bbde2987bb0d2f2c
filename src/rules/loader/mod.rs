//! FM007: a front matter that Jekyll's two YAML loaders read differently. Current Jekyll
//! (`Psych.safe_load`) and GitHub Pages with the released gems (`safe_yaml`) then build the
//! post differently: a symbol is an error or text, a merge key merges or vanishes, `1:20` is
//! 4800 or 80.0, `!!str 12` is text or a number.

crate::rules::family! {
    fm007_loader_difference,
}
