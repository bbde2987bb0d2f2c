//! How Jekyll 4.3 reads one post: its effective data (`defaults:` under the front matter), its
//! date, title, tags, categories and URL, and whether it is published. A port of
//! `Jekyll::Document` (`read`, `merge_data!`, `populate_*`), `Publisher`, `Drops::UrlDrop`,
//! `URL` and the `Utils` helpers they use.
//!
//! A post is read once, into a [`PostView`]: the rules hold one in their context, and
//! `fmlint inspect` prints the [`Reading`] made from one. The view computes what every rule
//! needs when it is built (the defaults that apply, the date) and the rest on first use.
//!
//! Every behaviour here was checked with `../shared/tools/jekyll-oracle`; `tests/inspect.rs`
//! compares the whole reading with Jekyll's on real sites.
//!
//! Layers: this module reads `site` (the configuration, the placement of a file), `post` and
//! `yaml`; none of them reads this one.

mod date;
mod defaults;
mod filename;
mod publish;
mod reading;
mod ruby_format;
mod ruby_string;
mod taxonomy;
mod url;
mod view;

pub use date::{Build, DateSource, PostDate, ReadDate, read_date};
pub use defaults::{Effective, Origin, defaults_of, effective};
pub use filename::{DatedName, date_prefix_len, dated_name, filename_day};
pub use publish::Unpublished;
pub use reading::{ReadOptions, Reading, read};
pub use ruby_format::{jsonify, ruby_to_s};
pub use ruby_string::{ruby_split, ruby_words, slugify, titleize_slug};
pub use taxonomy::{TERM_KEYS, Taxonomy, TermSource};
pub use url::escape_path;
pub use view::PostView;
