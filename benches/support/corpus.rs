//! The benchmark corpus generator, shared by `examples/gen_corpus.rs` and the benches.
//!
//! Deterministic from a seed: the same seed always gives the same files.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// xorshift64*: tiny, deterministic, good enough to pick words (no crate needed for that).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const DE_PEOPLE: &[&str] = &[
    "Bundeskanzler Friedrich Merz",
    "Außenministerin Annalena Baerbock",
    "Wladimir Putin",
    "Präsident Emmanuel Macron",
    "EU-Kommissionspräsidentin Ursula von der Leyen",
    "Finanzminister Christian Lindner",
    "Gewerkschaftschefin Yasmin Fahimi",
    "Bürgermeisterin Katrin Weber",
];
const EN_PEOPLE: &[&str] = &[
    "President Joe Biden",
    "Prime Minister Keir Starmer",
    "CEO Satya Nadella",
    "Secretary-General António Guterres",
    "Senator Elizabeth Warren",
    "Governor Gavin Newsom",
    "Chancellor Rachel Reeves",
    "Dr. Maria Van Kerkhove",
];
const DE_PLACES: &[&str] = &[
    "Berlin",
    "Moskau",
    "Teheran",
    "Kiew",
    "Brüssel",
    "Paris",
    "Hamburg",
    "München",
    "China",
    "Russland",
    "der Ukraine",
    "Frankreich",
    "Israel",
    "Saudi-Arabien",
];
const EN_PLACES: &[&str] = &[
    "Washington",
    "London",
    "Beijing",
    "Kyiv",
    "Brussels",
    "New York",
    "Texas",
    "Germany",
    "Japan",
    "the United Kingdom",
    "Iran",
    "Canada",
];
const DE_ORGS: &[&str] = &[
    "die NATO",
    "die EU",
    "die Bundesbank",
    "Siemens",
    "die SPD",
    "die CDU",
    "die UN",
    "der Internationale Währungsfonds",
    "Volkswagen",
    "die Europäische Zentralbank",
];
const EN_ORGS: &[&str] = &[
    "NATO",
    "the European Union",
    "the Federal Reserve",
    "Microsoft",
    "the United Nations",
    "the World Health Organization",
    "Boeing",
    "the IMF",
    "Reuters",
    "the Pentagon",
];
const DE_VERBS: &[&str] = &[
    "sagte",
    "betonte",
    "erklärte",
    "warnte",
    "bestätigte",
    "kritisierte",
];
const EN_VERBS: &[&str] = &[
    "said",
    "warned",
    "claimed",
    "stressed",
    "told reporters",
    "denied",
];
const DE_TOPICS: &[&str] = &[
    "die Inflation im kommenden Jahr deutlich sinken könnte",
    "die Verhandlungen über das Abkommen bis März abgeschlossen sein dürften",
    "die Lieferungen von Luftabwehrsystemen fortgesetzt werden",
    "der Haushalt um 3,5 Prozent wachsen soll",
    "die Gespräche konstruktiv gewesen seien",
    "weitere Sanktionen nicht ausgeschlossen seien",
];
const EN_TOPICS: &[&str] = &[
    "inflation could fall below 3 percent by the end of the year",
    "the talks were expected to resume next week",
    "the company would cut 1,200 jobs across Europe",
    "the deal was worth $4.2 billion",
    "the ceasefire may not hold",
    "the new rules would take effect in January",
];
const DE_FILL: &[&str] = &[
    "Die Lage in der Region bleibt angespannt.",
    "Beobachter verfolgen die Entwicklung mit Sorge.",
    "Am Dienstag trafen sich die Delegationen zu einer weiteren Runde.",
    "Die Preise für Energie stiegen im Oktober um 2,1 Prozent.",
    "Im Jahr 2023 lag das Wachstum bei 0,3 Prozent.",
];
const EN_FILL: &[&str] = &[
    "The situation in the region remains tense.",
    "Markets reacted calmly to the announcement on Tuesday.",
    "Energy prices rose 2.1 percent in October.",
    "Growth stood at 0.3 percent in 2023.",
    "Officials met behind closed doors for more than six hours.",
];
const DE_TITLES: &[&str] = &[
    "Neue Gespräche über Waffenruhe",
    "Regierung legt Haushaltsentwurf vor",
    "Streit um Energiepreise verschärft sich",
    "Gipfel endet ohne Einigung",
];
const EN_TITLES: &[&str] = &[
    "Talks on ceasefire resume",
    "Government unveils budget plan",
    "Energy price dispute deepens",
    "Summit ends without agreement",
];

struct Lang {
    people: &'static [&'static str],
    places: &'static [&'static str],
    orgs: &'static [&'static str],
    verbs: &'static [&'static str],
    topics: &'static [&'static str],
    fill: &'static [&'static str],
    titles: &'static [&'static str],
    de: bool,
}

const DE: Lang = Lang {
    people: DE_PEOPLE,
    places: DE_PLACES,
    orgs: DE_ORGS,
    verbs: DE_VERBS,
    topics: DE_TOPICS,
    fill: DE_FILL,
    titles: DE_TITLES,
    de: true,
};
const EN: Lang = Lang {
    people: EN_PEOPLE,
    places: EN_PLACES,
    orgs: EN_ORGS,
    verbs: EN_VERBS,
    topics: EN_TOPICS,
    fill: EN_FILL,
    titles: EN_TITLES,
    de: false,
};

fn sentence(rng: &mut Rng, l: &Lang, out: &mut String) {
    match rng.below(4) {
        0 => {
            let _ = if l.de {
                write!(
                    out,
                    "{} {} in {}, dass {}.",
                    rng.pick(l.people),
                    rng.pick(l.verbs),
                    rng.pick(l.places),
                    rng.pick(l.topics)
                )
            } else {
                write!(
                    out,
                    "{} {} in {} that {}.",
                    rng.pick(l.people),
                    rng.pick(l.verbs),
                    rng.pick(l.places),
                    rng.pick(l.topics)
                )
            };
        }
        1 => {
            let _ = if l.de {
                write!(
                    out,
                    "Laut {} {}.",
                    rng.pick(l.orgs)
                        .trim_start_matches("die ")
                        .trim_start_matches("der "),
                    rng.pick(l.topics)
                )
            } else {
                write!(
                    out,
                    "According to {}, {}.",
                    rng.pick(l.orgs),
                    rng.pick(l.topics)
                )
            };
        }
        2 => {
            let (open, close) = if l.de {
                ('\u{201E}', '\u{201C}')
            } else {
                ('\u{201C}', '\u{201D}')
            };
            let _ = write!(
                out,
                "{open}{}{close}, {} {}.",
                rng.pick(l.fill).trim_end_matches('.'),
                rng.pick(l.verbs),
                rng.pick(l.people)
            );
        }
        _ => out.push_str(rng.pick(l.fill)),
    }
}

fn paragraphs(rng: &mut Rng, l: &Lang, bytes: usize) -> Vec<String> {
    let mut paras = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut p = String::new();
        for i in 0..(3 + rng.below(4)) {
            if i > 0 {
                p.push(' ');
            }
            sentence(rng, l, &mut p);
        }
        total += p.len() + 2;
        paras.push(p);
    }
    paras
}

pub fn size(rng: &mut Rng) -> usize {
    // Log-uniform between 1 KB and 200 KB: most news is short, a few pieces are long.
    let (lo, hi) = (1024f64.ln(), (200.0 * 1024.0f64).ln());
    let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
    (lo + u * (hi - lo)).exp() as usize
}

pub fn write_article(dir: &Path, i: usize, rng: &mut Rng, bytes: usize) -> anyhow::Result<PathBuf> {
    let l = if rng.below(2) == 0 { &DE } else { &EN };
    let title = format!("{} ({})", rng.pick(l.titles), i);
    let (y, m, d) = (2015 + rng.below(11), 1 + rng.below(12), 1 + rng.below(28));
    let paras = paragraphs(rng, l, bytes);
    let body = paras.join("\n\n");
    let sub = dir.join(format!("{:03}", i % 100));
    std::fs::create_dir_all(&sub).with_context(|| format!("{}", sub.display()))?;
    let (name, text) = match i % 4 {
        0 => (
            format!("{y}-{m:02}-{d:02}-article-{i}.txt"),
            format!("{y}-{m:02}-{d:02}\n\nPolitik\n\n{title}\n\n{body}\n"),
        ),
        1 => (
            format!("article-{i}.txt"),
            format!(
                "+++\ntitle = \"{title}\"\ndate = {y}-{m:02}-{d:02}\nsection = \"World\"\nsource = \"Generated Wire\"\nlang = \"{}\"\n+++\n\n{body}\n",
                if l.de { "de" } else { "en" }
            ),
        ),
        2 => (
            format!("article-{i}.md"),
            format!(
                "---\ntitle: {title}\ndate: {y}-{m:02}-{d:02}\nauthor: Generated Desk\n---\n\n# {title}\n\n{body}\n"
            ),
        ),
        _ => {
            let ps: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
            (
                format!("article-{i}.html"),
                format!(
                    "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
                     <meta property=\"article:published_time\" content=\"{y}-{m:02}-{d:02}T08:00:00Z\">\
                     <meta property=\"og:site_name\" content=\"Generated Times\"></head><body>\
                     <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav>\
                     <article><h1>{title}</h1><p class=\"byline\">By Generated Desk</p>\n{ps}</article>\
                     <footer>© Generated Times. All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>\n",
                    if l.de { "de" } else { "en" }
                ),
            )
        }
    };
    let path = sub.join(name);
    std::fs::write(&path, text).with_context(|| format!("{}", path.display()))?;
    Ok(path)
}

/// Writes `n` articles (sizes log-uniform 1 KB..200 KB) plus `big` articles of 10 MB under
/// `out`, returning their paths.
pub fn generate(out: &Path, n: usize, big: usize, seed: u64) -> anyhow::Result<Vec<PathBuf>> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut paths = Vec::with_capacity(n + big);
    for i in 0..n {
        let bytes = size(&mut rng);
        paths.push(write_article(out, i, &mut rng, bytes)?);
    }
    for j in 0..big {
        paths.push(write_article(
            &out.join("big"),
            n + j,
            &mut rng,
            10 * 1024 * 1024,
        )?);
    }
    Ok(paths)
}

/// Writes `n` news-sized articles (2–8 KB, uniform) under `out`, returning their paths:
/// the corpus of the index's targets (issue 14), as news is.
#[allow(dead_code)]
pub fn generate_news(out: &Path, n: usize, seed: u64) -> anyhow::Result<Vec<PathBuf>> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut paths = Vec::with_capacity(n);
    for i in 0..n {
        let bytes = 2048 + rng.below(6 * 1024 + 1);
        paths.push(write_article(out, i, &mut rng, bytes)?);
    }
    Ok(paths)
}
