//! A trie of word endings, walked backwards from the end of a word: answers "does this word
//! end in one of these suffixes" in a few byte comparisons, where most words fail on the
//! first or second byte. Written by hand because no crate matches anchored suffixes without
//! scanning the whole word.

/// A set of suffixes (ASCII case-insensitive).
#[derive(Debug, Clone, Default)]
pub struct SuffixSet {
    /// Per node: children as (byte, node) and whether a suffix ends here.
    nodes: Vec<(Vec<(u8, u32)>, bool)>,
    /// The root's children by last byte (0: none), so the commonest failure, a last letter
    /// no suffix ends in, costs one load.
    root: Vec<u32>,
}

impl SuffixSet {
    /// Builds the set.
    pub fn new<'a>(suffixes: impl IntoIterator<Item = &'a str>) -> SuffixSet {
        let mut set = SuffixSet {
            nodes: vec![(Vec::new(), false)],
            root: vec![0; 256],
        };
        for s in suffixes {
            let mut at = 0usize;
            for &b in s.as_bytes().iter().rev() {
                let b = b.to_ascii_lowercase();
                let next = set.nodes[at]
                    .0
                    .iter()
                    .find(|(c, _)| *c == b)
                    .map(|&(_, n)| n);
                at = match next {
                    Some(n) => n as usize,
                    None => {
                        let n = set.nodes.len();
                        set.nodes.push((Vec::new(), false));
                        set.nodes[at].0.push((b, n as u32));
                        n
                    }
                };
            }
            set.nodes[at].1 = true;
        }
        for &(b, n) in &set.nodes[0].0 {
            set.root[usize::from(b)] = n;
        }
        set
    }

    /// Whether `word` ends in one of the suffixes.
    pub fn matches(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let Some((&last, rest)) = bytes.split_last() else {
            return false;
        };
        let Some(&first) = self.root.get(usize::from(last.to_ascii_lowercase())) else {
            return false;
        };
        if first == 0 {
            return false;
        }
        let mut at = first as usize;
        if self.nodes.get(at).is_some_and(|(_, end)| *end) {
            return true;
        }
        for &b in rest.iter().rev() {
            let b = b.to_ascii_lowercase();
            let Some((children, _)) = self.nodes.get(at) else {
                return false;
            };
            match children.iter().find(|(c, _)| *c == b) {
                Some(&(_, n)) => at = n as usize,
                None => return false,
            }
            if self.nodes.get(at).is_some_and(|(_, end)| *end) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_endings_case_insensitively() {
        let s = SuffixSet::new(["präsident", "präsidenten", "minister"]);
        assert!(s.matches("Präsidenten"));
        assert!(s.matches("Staatspräsident"));
        assert!(s.matches("Außenminister"));
        assert!(!s.matches("Ministerium"));
        assert!(!s.matches("Treffen"));
        assert!(!SuffixSet::default().matches("x"));
    }
}
