//! Which of Jekyll's two YAML loaders fmlint reads as. Both sit on libyaml; they part in what
//! they make of the events (see `builder`, `tags` and `resolve`, which ask `Loader`).

/// Which YAML loader the Jekyll that builds the site uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Loader {
    /// `Psych.safe_load(permitted_classes: [Date, Time], aliases: true)`: Jekyll's main branch
    /// and Debian's Jekyll 4.3.1, the oracle.
    #[default]
    Psych,
    /// The `safe_yaml` gem: the released Jekyll 4.3 gems and GitHub Pages.
    SafeYaml,
}

impl Loader {
    pub fn name(self) -> &'static str {
        match self {
            Loader::Psych => "psych",
            Loader::SafeYaml => "safe_yaml",
        }
    }

    pub fn other(self) -> Loader {
        match self {
            Loader::Psych => Loader::SafeYaml,
            Loader::SafeYaml => Loader::Psych,
        }
    }
}
