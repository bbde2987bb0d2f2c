//! The time of day and the zone written after it (`3:04 pm PST`, `10h40`, `10:40:01.5 +08:00`,
//! `9 Eastern standard time`): Ruby's `parse_time`. It runs before the date passes so that a
//! time's digits are not taken for a day or a year.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Groups, Parser, re, to_i};

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)((?:[0-9]+ *: *[0-9]+(?: *: *[0-9]+(?:[,.][0-9]*)?)?",
        r"|[0-9]+ *h(?: *[0-9]+m?(?: *[0-9]+s?)?)?)(?: *[ap](?:m\b|\.m\.))?",
        r"|[0-9]+ *[ap](?:m\b|\.m\.))",
        r"(?: *((?:gmt|utc?)?[-+][0-9]+(?:[,.:][0-9]+(?::[0-9]+)?)?",
        r"|(?-i:[\p{Alphabetic}. ]+)(?:standard|daylight) time\b",
        r"|(?-i:\p{Alphabetic}+)(?: dst)?\b))?",
    ))
});
static TIME_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\A([0-9]+)h?(?: *:? *([0-9]+)m?(?: *:? *([0-9]+)(?:[,.]([0-9]+))?s?)?)?(?: *([ap])(?:m\b|\.m\.))?",
    )
});

impl Parser {
    pub(super) fn parse_time(&mut self) -> bool {
        self.sub(&TIME, Parser::time)
    }

    fn time(&mut self, g: Groups) {
        if let Some(zone) = g[2].clone() {
            self.f.zone = Some(zone);
        }
        let Some(c) = g[1].as_deref().and_then(|t| TIME_PARTS.captures(t)) else {
            return;
        };
        let mut hour = to_i(&c[1]);
        if let Some(ap) = c.get(5) {
            hour %= 12;
            if ap.as_str().eq_ignore_ascii_case("p") {
                hour += 12;
            }
        }
        self.f.hour = Some(hour);
        self.f.min = c.get(2).map(|m| to_i(m.as_str()));
        self.f.sec = c.get(3).map(|m| to_i(m.as_str()));
        self.f.sec_fraction = c.get(4).map(|m| m.as_str().to_string());
    }
}
