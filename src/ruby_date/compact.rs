//! A run of digits with no separator (`20210720`, `210720`, `20210720T104001`, `2021201`):
//! Ruby's `parse_ddd`, which reads the fields from the run's length alone, a time after a `T`
//! or a space, a fraction, and a zone (`Z`, `+0800`, `[-5:EST]`). It is the last date pass,
//! tried only when no separated form was found.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Groups, Parser, re, to_i};

static DDD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)([-+]?)([0-9]{2,14})(?: *t? *([0-9]{2,6})?(?:[,.]([0-9]*))?)?(?: *(z\b|[-+][0-9]{1,4}\b|\[[-+]?[0-9][^\]]*\]))?",
    )
});

impl Parser {
    pub(super) fn parse_ddd(&mut self) -> bool {
        self.sub(&DDD, Parser::ddd)
    }

    fn ddd(&mut self, g: Groups) {
        let neg = g[1].as_deref() == Some("-");
        let s2 = g[2].clone().unwrap_or_default();
        let n = |from: usize, width: usize| to_i(&s2[from..from + width]);
        let signed = |y: i64| if neg { -y } else { y };
        let time_only = g[3].is_none() && g[4].is_some();
        let l2 = s2.len();
        let f = &mut self.f;
        match l2 {
            2 if time_only => f.sec = Some(n(0, 2)),
            2 => f.mday = Some(n(0, 2)),
            4 if time_only => {
                f.sec = Some(n(2, 2));
                f.min = Some(n(0, 2));
            }
            4 => {
                f.mon = Some(n(0, 2));
                f.mday = Some(n(2, 2));
            }
            6 if time_only => {
                f.sec = Some(n(4, 2));
                f.min = Some(n(2, 2));
                f.hour = Some(n(0, 2));
            }
            6 => {
                f.year = Some(signed(n(0, 2)));
                f.mon = Some(n(2, 2));
                f.mday = Some(n(4, 2));
            }
            8 | 10 | 12 | 14 if time_only => {
                f.sec = Some(n(l2 - 2, 2));
                f.min = Some(n(l2 - 4, 2));
                f.hour = Some(n(l2 - 6, 2));
                f.mday = Some(n(l2 - 8, 2));
                if l2 >= 10 {
                    f.mon = Some(n(l2 - 10, 2));
                }
                if l2 == 12 {
                    f.year = Some(signed(n(0, 2)));
                }
                if l2 == 14 {
                    f.year = Some(signed(n(0, 4)));
                    self.comp = false;
                }
            }
            8 | 10 | 12 | 14 => {
                f.year = Some(signed(n(0, 4)));
                f.mon = Some(n(4, 2));
                f.mday = Some(n(6, 2));
                if l2 >= 10 {
                    f.hour = Some(n(8, 2));
                }
                if l2 >= 12 {
                    f.min = Some(n(10, 2));
                }
                if l2 >= 14 {
                    f.sec = Some(n(12, 2));
                }
                self.comp = false;
            }
            3 if time_only => {
                f.sec = Some(n(1, 2));
                f.min = Some(n(0, 1));
            }
            3 => f.yday = Some(n(0, 3)),
            5 if time_only => {
                f.sec = Some(n(3, 2));
                f.min = Some(n(1, 2));
                f.hour = Some(n(0, 1));
            }
            5 => {
                f.year = Some(signed(n(0, 2)));
                f.yday = Some(n(2, 3));
            }
            7 if time_only => {
                f.sec = Some(n(5, 2));
                f.min = Some(n(3, 2));
                f.hour = Some(n(1, 2));
                f.mday = Some(n(0, 1));
            }
            7 => {
                f.year = Some(signed(n(0, 4)));
                f.yday = Some(n(4, 3));
            }
            _ => {}
        }
        let f = &mut self.f;
        if let Some(s3) = g[3].as_deref() {
            let l3 = s3.len();
            let n3 = |from: usize| to_i(&s3[from..from + 2]);
            if matches!(l3, 2 | 4 | 6) {
                if g[4].is_some() {
                    f.sec = Some(n3(l3 - 2));
                    if l3 >= 4 {
                        f.min = Some(n3(l3 - 4));
                    }
                    if l3 >= 6 {
                        f.hour = Some(n3(0));
                    }
                } else {
                    f.hour = Some(n3(0));
                    if l3 >= 4 {
                        f.min = Some(n3(2));
                    }
                    if l3 >= 6 {
                        f.sec = Some(n3(4));
                    }
                }
            }
        }
        if let Some(frac) = g[4].clone() {
            f.sec_fraction = Some(frac);
        }
        if let Some(zone) = g[5].clone() {
            f.zone = Some(match zone.strip_prefix('[') {
                // `[-5:EST]` names the zone after the colon, `[+9]` is the offset itself.
                Some(inner) => {
                    let inner = inner.strip_suffix(']').unwrap_or(inner);
                    match inner.split_once(':') {
                        Some((_, name)) => name.to_string(),
                        None => inner.to_string(),
                    }
                }
                None => zone,
            });
        }
    }
}
