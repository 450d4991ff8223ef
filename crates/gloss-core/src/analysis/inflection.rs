//! German inflected forms of gazetteer names, generated rather than listed: genitive -s
//! (`Russlands`, `des Kremls`), plural dative -n of places (`Emiraten`, `Niederlanden`)
//! and adjective endings in multi-word names (`der Vereinigten Arabischen Emirate`, `im
//! Nahen Osten`).

/// Adjective endings, longest first so that stripping finds the stem.
const ADJ_ENDINGS: &[&str] = &["em", "en", "er", "es", "e"];

/// Heads of organisations' names that also take the genitive -es.
const LONG_GENITIVE: &[&str] = &[
    "amt",
    "rat",
    "bund",
    "verband",
    "institut",
    "gericht",
    "parlament",
    "stift",
    "werk",
];

/// Every surface form of `name` (of entity type `label`) besides itself: inflected forms
/// for German text.
pub fn forms(name: &str, label: &str) -> Vec<String> {
    // Only plural place names and names of several words take the dative -n (`in den
    // Niederlanden`, `der Jungen Liberalen`); a single-word organisation's or person's name
    // in -e is a singular noun whose -n form is another word (`Arte` → `Arten`, "kinds"),
    // and the parties named by one plural word are listed as such (`Grünen`, `Linken`).
    let plural_dative = label == "LOC" || name.contains(' ');
    let words: Vec<&str> = name.split(' ').collect();
    // A lower-case word after the first (`Institut für Wirtschaftsforschung`, `Rat der EU`,
    // `Frankfurt am Main`) starts a phrase that keeps its own case: only the words before
    // it inflect (`des Deutschen Instituts für Wirtschaftsforschung`).
    if let Some(k) = words
        .iter()
        .skip(1)
        .position(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        let (head, tail) = words.split_at(k + 1);
        let (head, tail) = (head.join(" "), tail.join(" "));
        let mut out: Vec<String> = forms(&head, label)
            .into_iter()
            .map(|f| format!("{f} {tail}"))
            .collect();
        out.sort();
        out.dedup();
        return out;
    }
    let Some((last, init)) = words.split_last() else {
        return Vec::new();
    };
    let nouns = noun_forms(last, plural_dative);
    let mut out = Vec::new();
    if init.is_empty() {
        out.extend(nouns.into_iter().filter(|n| n != name));
        return out;
    }
    let stems: Option<Vec<&str>> = init.iter().map(|w| adjective_stem(w)).collect();
    match stems {
        Some(stems) => {
            // All adjectives agree, so they take the same ending.
            for ending in ADJ_ENDINGS {
                let adjs: Vec<String> = stems.iter().map(|s| format!("{s}{ending}")).collect();
                let head = adjs.join(" ");
                for noun in &nouns {
                    out.push(format!("{head} {noun}"));
                }
            }
        }
        None => {
            let head = init.join(" ");
            for noun in &nouns {
                out.push(format!("{head} {noun}"));
            }
        }
    }
    out.retain(|f| f != name);
    out.sort();
    out.dedup();
    out
}

fn noun_forms(noun: &str, plural_dative: bool) -> Vec<String> {
    let mut out = vec![noun.to_string()];
    let ends_sibilant = noun.ends_with(['s', 'x', 'z', 'ß']);
    if !ends_sibilant && noun.chars().last().is_some_and(char::is_lowercase) {
        out.push(format!("{noun}s"));
    }
    if plural_dative && noun.ends_with('e') {
        out.push(format!("{noun}n"));
    }
    // The long genitive of the nouns organisations are named with (`des Bundes`, `des
    // Bundesamtes`, `Institutes`); place names take only -s (`Frankfurts`).
    let lower = noun.to_lowercase();
    if LONG_GENITIVE.iter().any(|h| lower.ends_with(h)) {
        out.push(format!("{noun}es"));
    }
    out
}

/// The stem of a capitalised German adjective in a name (`Vereinigte` → `Vereinigt`,
/// `Naher` → `Nah`), or `None` when the word does not look like one.
fn adjective_stem(word: &str) -> Option<&str> {
    if !word.chars().next().is_some_and(char::is_uppercase) || word.contains('-') {
        return None;
    }
    ADJ_ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .filter(|stem| stem.chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genitive_of_single_names() {
        let f = forms("Russland", "LOC");
        assert!(f.contains(&"Russlands".to_string()));
        assert!(forms("Kreml", "LOC").contains(&"Kremls".to_string()));
        assert!(!forms("Paris", "LOC").contains(&"Pariss".to_string()));
    }

    #[test]
    fn adjective_endings_in_multi_word_names() {
        let f = forms("Vereinigte Arabische Emirate", "LOC");
        assert!(f.contains(&"Vereinigten Arabischen Emirate".to_string()));
        assert!(f.contains(&"Vereinigten Arabischen Emiraten".to_string()));
        assert!(forms("Naher Osten", "LOC").contains(&"Nahen Osten".to_string()));
        assert!(forms("Naher Osten", "LOC").contains(&"Nahen Ostens".to_string()));
    }

    #[test]
    fn only_the_words_before_a_lower_case_phrase_inflect() {
        let f = forms("Deutsches Institut für Wirtschaftsforschung", "ORG");
        assert!(f.contains(&"Deutschen Instituts für Wirtschaftsforschung".to_string()));
        assert!(f.contains(&"Deutschen Institutes für Wirtschaftsforschung".to_string()));
        assert!(!f.iter().any(|x| x.ends_with("forschungs")));
        assert_eq!(forms("Frankfurt am Main", "LOC"), ["Frankfurts am Main"]);
        assert!(forms("Rat der EU", "ORG").contains(&"Rats der EU".to_string()));
    }

    #[test]
    fn only_places_take_the_plural_dative() {
        assert!(forms("Niederlande", "LOC").contains(&"Niederlanden".to_string()));
        // The broadcaster's name in -e: "Arten" is the plural of "Art" ("kind").
        assert!(!forms("Arte", "ORG").contains(&"Arten".to_string()));
        assert!(forms("Arte", "ORG").contains(&"Artes".to_string()));
        assert!(forms("Junge Liberale", "ORG").contains(&"Jungen Liberalen".to_string()));
    }

    #[test]
    fn names_without_adjectives_inflect_only_the_last_word() {
        let f = forms("Tel Aviv", "LOC");
        assert_eq!(f, ["Tel Avivs"]);
    }
}
