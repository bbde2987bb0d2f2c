//! FM201's `form` option: the written shape of `date` a site keeps. fmlint's canonical profile
//! asks for RFC 3339; a site that has written `2013-06-27 11:00:01 +0000` (what Ruby's
//! `Time#to_s` prints) for ten years can ask for that instead. The shapes are judged on the
//! text as written (quotes aside); whether Jekyll can read the date at all is FM202's business.

use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateForm {
    /// `2021-07-20T10:40:01Z`, `2021-07-20T18:40:01.5+08:00`.
    #[default]
    Rfc3339,
    /// `2021-07-20 18:40:01 +0800`: Ruby's `Time#to_s`.
    Ruby,
    /// Any date and time with an explicit UTC offset (`Z`, `+08:00`, `+0800`, `UTC`): every
    /// build reads the same instant.
    Offset,
    /// A date and time without an offset: `2021-07-20 10:40:01`, `2016-6-13 2:00`.
    Local,
    /// A bare day: `2021-07-20`.
    DateOnly,
    /// Whatever Jekyll can read.
    Any,
}

static RUBY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$").unwrap()
});
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?[ \t]*(?:Z|z|UTC|GMT|[-+][0-9]{1,2}(?::?[0-9]{2})?)$").unwrap()
});
static LOCAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?$").unwrap()
});
static DATE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$").unwrap());

impl DateForm {
    /// From the narrowest to the widest: `fmlint init` picks the first that most posts keep.
    pub const ALL: [DateForm; 6] = [
        DateForm::Rfc3339,
        DateForm::Ruby,
        DateForm::Offset,
        DateForm::Local,
        DateForm::DateOnly,
        DateForm::Any,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }

    pub fn name(self) -> &'static str {
        match self {
            DateForm::Rfc3339 => "rfc3339",
            DateForm::Ruby => "ruby",
            DateForm::Offset => "offset",
            DateForm::Local => "local",
            DateForm::DateOnly => "date-only",
            DateForm::Any => "any",
        }
    }

    /// How messages describe the form.
    pub fn describe(self) -> &'static str {
        match self {
            DateForm::Rfc3339 => "RFC 3339 with an explicit offset",
            DateForm::Ruby => "`YYYY-MM-DD HH:MM:SS ±HHMM`",
            DateForm::Offset => "a date and time with an explicit offset",
            DateForm::Local => "a date and time without an offset",
            DateForm::DateOnly => "a bare day `YYYY-MM-DD`",
            DateForm::Any => "any date Jekyll can read",
        }
    }

    /// An example of the form, for messages.
    pub fn example(self) -> &'static str {
        match self {
            DateForm::Rfc3339 => "2021-07-20T18:40:01+08:00",
            DateForm::Ruby => "2021-07-20 18:40:01 +0800",
            DateForm::Offset => "2021-07-20 18:40:01 +08:00",
            DateForm::Local => "2021-07-20 18:40:01",
            DateForm::DateOnly => "2021-07-20",
            DateForm::Any => "2021-07-20",
        }
    }

    /// Whether a date's text (without its quotes) is written in this form.
    pub fn accepts(self, text: &str) -> bool {
        let t = text.trim();
        match self {
            DateForm::Rfc3339 => crate::datetime::is_rfc3339(t),
            DateForm::Ruby => RUBY.is_match(t),
            DateForm::Offset => OFFSET.is_match(t),
            DateForm::Local => LOCAL.is_match(t),
            DateForm::DateOnly => DATE_ONLY.is_match(t),
            DateForm::Any => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_accepts_its_shape_only() {
        let cases = [
            ("2021-07-20T10:40:01Z", [true, false, true, false, false]),
            (
                "2021-07-20 18:40:01 +0800",
                [false, true, true, false, false],
            ),
            (
                "2019-08-17 16:22:30+00:00",
                [false, false, true, false, false],
            ),
            ("2016-6-13 2:00:00", [false, false, false, true, false]),
            ("2021-07-20", [false, false, false, false, true]),
            ("July 20, 2021", [false, false, false, false, false]),
        ];
        for (text, want) in cases {
            let got: Vec<bool> = DateForm::ALL[..5].iter().map(|f| f.accepts(text)).collect();
            assert_eq!(got, want, "{text}");
            assert!(DateForm::Any.accepts(text));
        }
        for f in DateForm::ALL {
            assert_eq!(DateForm::parse(f.name()), Some(f));
            assert!(f.accepts(f.example()), "{}", f.name());
        }
    }
}
