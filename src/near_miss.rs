//! A proptest strategy the hand-written fast paths share for their agreement tests: a known
//! good or bad text with up to three pieces inserted, removed or replaced, which lands near the
//! edges where a hand matcher and the regex or general path it stands for could part.

use proptest::prelude::*;

/// One of `seeds`, with up to three of `pieces` inserted, removed or replaced, a character at
/// a time.
pub fn near_miss(
    seeds: &'static [&'static str],
    pieces: &'static [&'static str],
) -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        0u8..3,
        prop::sample::select(pieces),
    );
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit, 0..4),
    )
        .prop_map(|(seed, edits)| {
            let mut parts: Vec<String> = seed.chars().map(String::from).collect();
            for (at, op, piece) in edits {
                let i = at.index(parts.len() + 1);
                match op {
                    0 => parts.insert(i, piece.to_string()),
                    1 if i < parts.len() => drop(parts.remove(i)),
                    _ if i < parts.len() => parts[i] = piece.to_string(),
                    _ => parts.push(piece.to_string()),
                }
            }
            parts.concat()
        })
}
