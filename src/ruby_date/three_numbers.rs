//! Ruby's `s3e`: three numbers whose order the text does not say (`11-9-2017`, `3/4/2017`,
//! `20 Jul 21`), put in an order guessed from their widths and marks. Every pass with a year,
//! a month and a day in it ends here, so the guess is the same whichever separator the text
//! used.

use super::scan::{Parser, to_i};

impl Parser {
    /// A `'` marks a year; more than two digits is a year; trailing letters make a day.
    pub(super) fn s3e(
        &mut self,
        y: Option<String>,
        m: Option<String>,
        d: Option<String>,
        bc: bool,
    ) {
        let (mut y, mut m, mut d) = (y, m, d);
        if y.is_some() && m.is_some() && d.is_none() {
            (y, m, d) = (None, y, m);
        }
        if y.is_none() {
            if d.as_ref().is_some_and(|d| d.len() > 2) {
                y = d.take();
            }
            if d.as_ref().is_some_and(|d| d.starts_with('\'')) {
                y = d.take();
            }
        }
        if let Some(yv) = y.clone() {
            let start = yv.find(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
            if let Some(bp) = start {
                let mut s = bp;
                if matches!(yv.as_bytes()[s], b'-' | b'+') {
                    s += 1;
                }
                let ep = s + yv[s..].bytes().take_while(u8::is_ascii_digit).count();
                if ep < yv.len() {
                    y = d.take();
                    d = Some(yv[bp..ep].to_string());
                }
            }
        }
        if m.as_ref()
            .is_some_and(|s| s.starts_with('\'') || s.len() > 2)
        {
            (y, m, d) = (m, d, y);
        }
        if d.as_ref()
            .is_some_and(|s| s.starts_with('\'') || s.len() > 2)
        {
            (y, d) = (d, y);
        }
        let mut comp = None;
        if let Some(yv) = &y
            && let Some(bp) = yv.find(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
        {
            let mut s = bp;
            if matches!(yv.as_bytes()[s], b'-' | b'+') {
                s += 1;
                comp = Some(false);
            }
            let l = yv[s..].bytes().take_while(u8::is_ascii_digit).count();
            if l > 2 {
                comp = Some(false);
            }
            self.f.year = Some(to_i(&yv[bp..s + l]));
        }
        if bc {
            self.bc = true;
        }
        let number = |v: &Option<String>| {
            v.as_ref().and_then(|v| {
                let at = v.find(|c: char| c.is_ascii_digit())?;
                Some(to_i(&v[at..]))
            })
        };
        if let Some(n) = number(&m) {
            self.f.mon = Some(n);
        }
        if let Some(n) = number(&d) {
            self.f.mday = Some(n);
        }
        if let Some(c) = comp {
            self.comp = c;
        }
    }
}
