//! The suggest benchmark's text: generated German and English news-like sentences, half of
//! them claims, the same on every run (shared by `benches/suggest.rs` and
//! `examples/claims_cost.rs`).

use gloss::article::Lang;

/// A small deterministic generator (xorshift) so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        items[(self.0 % items.len() as u64) as usize]
    }
}

const DE_SUBJ: &[&str] = &[
    "Bundeskanzler Olaf Scholz",
    "Die Regierung in Berlin",
    "Experten",
    "Der Minister",
    "Masoud Pezeshkian",
    "Die Europäische Union",
    "Ein Sprecher der NATO",
    "Die Polizei",
    "Das Unternehmen",
    "Die Opposition",
];
const DE_VERB: &[&str] = &[
    "betonte",
    "sagte am Montag",
    "erklärte",
    "warnte",
    "kritisierte",
    "vermutet",
    "bestätigte",
];
const DE_REST: &[&str] = &[
    ", dass die Gespräche mit Russland weitergehen sollen.",
    ", die Preise seien um 3,5 Prozent gestiegen.",
    " die Lieferung von S-400 Systemen an den Iran.",
    ", dass die Lage im Nahen Osten angespannt bleibe.",
    " einen Plan für die Vereinigten Arabischen Emirate.",
];
const DE_PLAIN: &[&str] = &[
    "Das Treffen fand in Wien statt.",
    "Die Spannungen in der Region nehmen zu, z. B. an der Grenze.",
    "Am 21. Dezember beginnt die Konferenz in Moskau.",
    "Die Kosten belaufen sich auf 40 Millionen Euro.",
    "Viele Menschen verfolgten die Debatte im Fernsehen.",
];
const EN_SUBJ: &[&str] = &[
    "President Joe Biden",
    "The ministry",
    "Officials",
    "John Smith",
    "The European Union",
    "A spokesman for the United Nations",
    "Police",
    "The company",
];
const EN_VERB: &[&str] = &["said", "warned", "claimed", "denied", "told reporters"];
const EN_REST: &[&str] = &[
    " that talks with Russia would continue.",
    " prices rose 3.5 percent in the U.S. last year.",
    " the delivery of F-35 jets to Israel.",
    " that the situation in the Middle East was tense.",
];
const EN_PLAIN: &[&str] = &[
    "The meeting took place in London.",
    "Tensions in the region are rising, according to analysts.",
    "Costs could reach $40 million by next year.",
    "Many people watched the debate on television.",
];

/// `bytes` of generated text in `lang`.
pub fn generate(lang: Lang, bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (subj, verb, rest, plain) = match lang {
        Lang::De => (DE_SUBJ, DE_VERB, DE_REST, DE_PLAIN),
        Lang::En => (EN_SUBJ, EN_VERB, EN_REST, EN_PLAIN),
    };
    let mut out = String::with_capacity(bytes + 256);
    let mut n = 0;
    while out.len() < bytes {
        out.push_str(rng.pick(subj));
        out.push(' ');
        out.push_str(rng.pick(verb));
        out.push_str(rng.pick(rest));
        out.push(' ');
        out.push_str(rng.pick(plain));
        n += 1;
        out.push_str(if n % 4 == 0 { "\n\n" } else { " " });
    }
    out
}
