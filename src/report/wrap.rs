//! Whether miette's wrapping would change a report's lines. textwrap breaks a line by its
//! Unicode line-break properties with an optimal fit, about 27,000 instructions a line and
//! most of the cost of drawing a report, yet a line that fits comes out as it went in: such
//! reports are drawn by a handler that does not wrap.

/// The width miette wraps at (see `Human::new`).
pub const WIDTH: usize = 100;

/// More than the widest indent miette puts before a line it wraps (`  help: `, 8 columns).
const INDENT: usize = 12;

/// Whether `text` comes out of textwrap unchanged under every indent miette uses: each line
/// fits, and has no whitespace at its ends for wrapping to trim, nor a tab to expand.
pub fn needless(text: &str) -> bool {
    text.split('\n').all(|line| {
        !line.is_empty()
            && !line.starts_with(char::is_whitespace)
            && !line.ends_with(char::is_whitespace)
            && !line.contains('\t')
            && columns_at_most(line) + INDENT <= WIDTH
    })
}

/// A bound on the columns `line` is drawn in: one an ASCII character, two any other (no
/// character is drawn wider).
fn columns_at_most(line: &str) -> usize {
    line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::{GraphicalReportHandler, GraphicalTheme, MietteDiagnostic};

    fn draw(message: &str, help: &str, wrap: bool) -> String {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(WIDTH)
            .with_links(false)
            .with_wrap_lines(wrap);
        let d = MietteDiagnostic::new(message)
            .with_code("FM201 date-format")
            .with_help(help);
        let mut out = String::new();
        handler.render_report(&mut out, &d).unwrap();
        out
    }

    proptest::proptest! {
        /// Where `needless` says so, a report drawn without wrapping is the one drawn with it.
        #[test]
        fn unwrapped_reports_are_the_wrapped_ones(
            message in "[a-z联合早报é`:.,()\\- ]{1,70}(\n[a-z报 ]{1,50})?",
            help in "[a-z联合早报`:. ]{1,60}(\nfix: [a-z报 ]{1,60})?",
        ) {
            proptest::prop_assume!(needless(&message) && needless(&help));
            proptest::prop_assert_eq!(draw(&message, &help, false), draw(&message, &help, true));
        }
    }

    #[test]
    fn long_lines_and_untrimmed_ones_are_wrapped() {
        assert!(needless("`date` is not RFC 3339"));
        assert!(needless("a  b\nfix: quote it"));
        assert!(!needless(&"联".repeat(45)));
        assert!(!needless(&"a".repeat(89)));
        assert!(!needless("trailing "));
        assert!(!needless(" leading"));
        assert!(!needless("a\n\nb"));
        assert!(!needless("tab\there"));
        let long = "word ".repeat(30);
        assert_ne!(draw(long.trim(), "h", false), draw(long.trim(), "h", true));
    }
}
