//! Organisation patterns for names no gazetteer can list: a legal form after a name
//! (`Siemens AG`, `Apple Inc.`, `ADAC e. V.`), federal institution compounds
//! (`Bundeskartellamt`, `Bundesamt für Migration`) and hyphenated institutes
//! (`Robert Koch-Institut`). Generic compounds (`Verteidigungsministerium`) and institution
//! words before a place (`Universität Heidelberg`) are left alone: annotators do not count
//! them as names of their own.

use rustc_hash::FxHashSet;

use super::candidate::{Candidate, Source};
use super::patterns::Patterns;
use super::suffix::SuffixSet;
use super::tokens::Token;
use super::words::{ShapeFilter, is_capitalised};

/// Legal forms that end a company name.
const LEGAL_FORMS: &[&str] = &[
    "AG", "GmbH", "SE", "KG", "KGaA", "OHG", "Inc", "Ltd", "LLC", "plc", "PLC", "Corp", "NV",
    "SpA", "gGmbH", "mbH",
];
/// Whether `word` is a legal form that ends a company name (`AG`, `GmbH`, `Inc`).
pub fn is_legal_form(word: &str) -> bool {
    LEGAL_FORMS.contains(&word)
}

/// Legal forms written with a dot that belongs to the name.
const DOTTED_FORMS: &[&str] = &["Inc", "Ltd", "Corp"];
/// Endings that name an institution after `Bundes`/`Landes` (`Bundeskartellamt`,
/// `Landesregierung`); alone or after other words they are ordinary nouns (`Amt`, `Rat`).
const FEDERAL_HEADS: &[&str] = &[
    "amt",
    "amtes",
    "amts",
    "gericht",
    "gerichts",
    "gerichtshof",
    "gerichtshofs",
    "agentur",
    "anstalt",
    "bank",
    "behörde",
    "regierung",
    "rat",
    "rates",
    "rats",
    "tag",
    "tages",
    "tags",
    "wehr",
    "polizei",
    "institut",
    "instituts",
    "verband",
    "verbands",
    "zentrale",
    "verwaltung",
    "kanzleramt",
    "kanzleramts",
    "liga",
];
/// Federal heads that are generic alone (`das Bundesamt`) and a name only with their
/// remit (`Bundesamt für Migration`).
const GENERIC_FEDERAL: &[&str] = &[
    "amt",
    "amtes",
    "amts",
    "agentur",
    "anstalt",
    "behörde",
    "verband",
    "verbands",
    "institut",
    "instituts",
    "zentrale",
    "ministerium",
    "ministeriums",
    "gericht",
    "gerichts",
    "verwaltung",
];
/// Nouns that say what kind of company follows (`das Unternehmen Acme AG`): not part of
/// the name.
const COMPANY_NOUNS: &[&str] = &[
    "unternehmen",
    "konzern",
    "konzerns",
    "firma",
    "hersteller",
    "herstellers",
    "tochter",
    "versicherer",
    "händler",
    "anbieter",
    "betreiber",
    "zulieferer",
    "autobauer",
    "company",
    "firm",
    "group",
    "maker",
];
/// The compiled organisation word lists.
#[derive(Debug, Clone)]
pub struct OrgPatterns {
    legal: FxHashSet<&'static str>,
    legal_shapes: ShapeFilter,
    federal: SuffixSet,
    company_nouns: SuffixSet,
}

impl Default for OrgPatterns {
    fn default() -> Self {
        Self::new()
    }
}

impl OrgPatterns {
    /// Compiles the lists.
    pub fn new() -> OrgPatterns {
        OrgPatterns {
            legal: LEGAL_FORMS.iter().copied().collect(),
            legal_shapes: ShapeFilter::new(LEGAL_FORMS.iter().copied()),
            federal: SuffixSet::new(
                FEDERAL_HEADS
                    .iter()
                    .copied()
                    .chain(["ministerium", "ministeriums"]),
            ),
            company_nouns: SuffixSet::new(COMPANY_NOUNS.iter().copied()),
        }
    }

    /// An organisation whose pattern is triggered by token `i` (a capitalised word).
    pub fn at(
        &self,
        p: &Patterns,
        text: &str,
        toks: &[Token],
        i: usize,
    ) -> Option<Candidate<'static>> {
        let w = toks[i].text(text);
        if self.legal_shapes.may_contain(w) && self.legal.contains(w) {
            return self.legal_form(p, text, toks, i, i);
        }
        if w == "V"
            && i > 0
            && toks[i - 1].text(text) == "e"
            && matches!(&text[toks[i - 1].end..toks[i].start], "." | ". ")
            && text[toks[i].end..].starts_with('.')
        {
            return self.legal_form(p, text, toks, i - 1, i);
        }
        self.compound(p, text, toks, i)
    }

    /// `Name [Name…] FORM`: the capitalised words before the legal form at token `form`
    /// (whose last token is `last`).
    fn legal_form(
        &self,
        p: &Patterns,
        text: &str,
        toks: &[Token],
        form: usize,
        last: usize,
    ) -> Option<Candidate<'static>> {
        if form == 0 || toks[form].after_punct {
            return None;
        }
        let mut first = form;
        while first > 0 && form - first < 3 {
            let prev = toks[first - 1].text(text);
            if !is_capitalised(prev)
                || p.is_stopword(prev)
                || self.legal.contains(prev)
                || prev == "Co"
                || self.company_nouns.matches(prev)
            {
                break;
            }
            first -= 1;
            if toks[first].after_punct || toks[first].initial {
                break;
            }
        }
        if first == form {
            return None;
        }
        let mut end = toks[last].end;
        let form_text = toks[last].text(text);
        if (DOTTED_FORMS.contains(&form_text) || form_text == "V") && text[end..].starts_with('.') {
            end += 1;
        }
        Some(org(toks[first].start, end))
    }

    /// One-word institution compounds (`Bundeskartellamt`, `Innenministerium`), and
    /// hyphenated institutes with the name before them (`Robert Koch-Institut`).
    fn compound(
        &self,
        p: &Patterns,
        text: &str,
        toks: &[Token],
        i: usize,
    ) -> Option<Candidate<'static>> {
        let w = toks[i].text(text);
        let tok = toks[i];
        let b = w.as_bytes();
        if b.len() > "Bundes".len() + 2
            && (b.starts_with(b"Bundes") || b.starts_with(b"Landes"))
            && self.federal.matches(w)
        {
            let remit = remit_end(text, toks, i);
            let generic = GENERIC_FEDERAL.contains(&&w["Bundes".len()..]);
            return match remit {
                Some(end) => Some(org(tok.start, end)),
                None if !generic => Some(org(tok.start, tok.end)),
                None => None,
            };
        }
        // Most words end otherwise: one comparison rules them out.
        if !(w.ends_with("-Institut") || w.ends_with("-Instituts")) {
            return None;
        }
        let mut first = i;
        // `Robert Koch-Institut`: a first name before the hyphenated name.
        if i > 0 && !tok.after_punct {
            let prev = toks[i - 1].text(text);
            if p.is_first_name(prev) && !p.is_stopword(prev) {
                first = i - 1;
            }
        }
        Some(org(toks[first].start, tok.end))
    }
}

/// The end of `für X [und Y]` after token `i` (`Bundesamt für Migration und
/// Flüchtlinge`), if the remit follows.
fn remit_end(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    let fur = toks.get(i + 1)?;
    if fur.after_punct || fur.text(text) != "für" {
        return None;
    }
    let mut k = i + 2;
    let mut end = None;
    while let Some(t) = toks.get(k) {
        let w = t.text(text);
        if t.after_punct || k > i + 6 {
            break;
        }
        if is_capitalised(w) {
            end = Some(t.end);
        } else if !(w == "und"
            && toks
                .get(k + 1)
                .is_some_and(|n| is_capitalised(n.text(text))))
        {
            break;
        }
        k += 1;
    }
    end
}

fn org(start: usize, end: usize) -> Candidate<'static> {
    Candidate {
        start,
        end,
        label: "ORG",
        canonical: None,
        source: Source::Institution,
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{AnalysisOptions, Analyzer, Learned};
    use crate::article::Lang;

    fn orgs(t: &str, lang: Lang) -> Vec<String> {
        let a = Analyzer::new(AnalysisOptions::default());
        a.suggest(t, lang, &Learned::default())
            .entities
            .into_iter()
            .filter(|e| e.label == "ORG")
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn legal_forms_end_company_names() {
        let t = "Die Müller Logistik GmbH und die Acme AG klagten, der Heimatverein e. V. nicht.";
        assert_eq!(
            orgs(t, Lang::De),
            ["Müller Logistik GmbH", "Acme AG", "Heimatverein e. V."]
        );
        assert_eq!(
            orgs("Shares of Globex Inc. rose.", Lang::En),
            ["Globex Inc."]
        );
    }

    #[test]
    fn a_legal_form_without_a_name_is_nothing() {
        assert!(orgs("Die AG tagte, eine GmbH auch.", Lang::De).is_empty());
    }

    #[test]
    fn institution_compounds_are_organisations() {
        let t = "Das Bundeskartellamt, das Bundesamt für Migration und Flüchtlinge und das \
                 Robert Koch-Institut.";
        assert_eq!(
            orgs(t, Lang::De),
            [
                "Bundeskartellamt",
                "Bundesamt für Migration und Flüchtlinge",
                "Robert Koch-Institut"
            ]
        );
    }

    #[test]
    fn generic_compounds_are_not() {
        let t = "Das Verkehrsministerium, ein Amt, das Bundesamt, das Bundesland und der \
                 Landesvater; das Unternehmen Acme AG.";
        assert_eq!(orgs(t, Lang::De), ["Acme AG"]);
    }
}
