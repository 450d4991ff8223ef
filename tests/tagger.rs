//! The shipped entity tagger on the seed article: it finds what the rules find there, and
//! the rules' precision where the tagger is unsure.

use gloss::analysis::{AnalysisOptions, Analyzer, Learned};
use gloss::article::Lang;

const SEED: &str = include_str!("../assets/articles/2024-12-21-putin-pezeshkian.txt");

fn entities(an: &Analyzer, text: &str, lang: Lang) -> Vec<(String, String)> {
    an.suggest(text, lang, &Learned::default())
        .entities
        .into_iter()
        .map(|e| (e.text, e.label))
        .collect()
}

#[test]
fn the_seed_article_is_tagged_as_the_rules_do_or_better() {
    let rules = Analyzer::new(AnalysisOptions {
        rules_only: true,
        ..AnalysisOptions::default()
    });
    let tagged = Analyzer::default();
    let by_rules = entities(&rules, SEED, Lang::De);
    let by_tagger = entities(&tagged, SEED, Lang::De);
    let missing: Vec<&(String, String)> =
        by_rules.iter().filter(|e| !by_tagger.contains(e)).collect();
    assert!(missing.is_empty(), "the tagger loses {missing:?}");
    for name in [
        "Wladimir Putin",
        "Masoud Pezeshkian",
        "Moskau",
        "Teheran",
        "Turkmenistan",
    ] {
        assert!(
            by_tagger.iter().any(|(t, _)| t == name),
            "{name} not found: {by_tagger:?}"
        );
    }
}

#[test]
fn every_entity_has_a_score_between_0_and_1() {
    let sugg = Analyzer::default().suggest(SEED, Lang::De, &Learned::default());
    assert!(!sugg.entities.is_empty());
    for e in &sugg.entities {
        let s = e.score.get();
        assert!((0.0..=1.0).contains(&s), "{}: {s}", e.text);
    }
    // Scores say something: not all the same.
    let first = sugg.entities[0].score;
    assert!(sugg.entities.iter().any(|e| e.score != first));
}

#[test]
fn a_score_threshold_hides_the_least_certain() {
    let all = Analyzer::default().suggest(SEED, Lang::De, &Learned::default());
    let min = all
        .entities
        .iter()
        .map(|e| e.score)
        .min()
        .expect("entities");
    let strict = Analyzer::new(AnalysisOptions {
        min_score: gloss::analysis::Score::new(min.get() + 0.001),
        ..AnalysisOptions::default()
    })
    .suggest(SEED, Lang::De, &Learned::default());
    assert!(strict.entities.len() < all.entities.len());
    assert!(strict.entities.iter().all(|e| e.score > min));
}

/// Errors users saw on real news (issue 12) that the tagger fixes, each in a sentence of
/// our own. (The rest of that list still fails; see the report.)
#[test]
fn names_the_rules_cut_short_or_missed() {
    let an = Analyzer::default();
    let de = entities(
        &an,
        "Präsident Bashar al-Assad sprach in Damaskus.\n\nDer Schauspieler Joaquin Phoenix spielte die Hauptrolle.\n\nChelsea gewann, Edinson Cavani traf zweimal.",
        Lang::De,
    );
    for (name, label) in [
        ("Bashar al-Assad", "PER"),
        ("Joaquin Phoenix", "PER"),
        ("Edinson Cavani", "PER"),
    ] {
        assert!(de.contains(&(name.into(), label.into())), "{name}: {de:?}");
    }
    let en = entities(
        &an,
        "Health Secretary Matt Hancock spoke.\n\nRobert De Niro stars in the film.\n\nThe charity said Netflix had agreed to fund it.",
        Lang::En,
    );
    for (name, label) in [
        ("Matt Hancock", "PER"),
        ("Robert De Niro", "PER"),
        ("Netflix", "ORG"),
    ] {
        assert!(en.contains(&(name.into(), label.into())), "{name}: {en:?}");
    }
}

/// Every other error users saw on real news (issue 12), each in a sentence of our own:
/// clubs that are also places or people, a noun counted by a number, a stadium cut short,
/// a name with its Arabic article, an actor named like a city, shouted headlines, a media
/// name with an apostrophe, a body of several words, and a title word before a role.
#[test]
fn errors_users_saw_on_real_news_are_gone() {
    let an = Analyzer::default();
    let de = entities(
        &an,
        "Der portugiesische Meister Benfica verlor am Samstag gegen Porto.\n\n\
         Paris Saint Germain gewann das Spiel gegen Lyon deutlich.\n\n\
         Die Mannschaft steht bei 13 Siegen in 14 Pflichtspielen an der Spitze.\n\n\
         Chelsea spielte an der Stamford Bridge vor ausverkauftem Haus.\n\n\
         Der frühere Präsident Omar Hassan al-Bashir wurde verhaftet.\n\n\
         Zenit holte den Brasilianer Willian, wie L'Equipe berichtete.",
        Lang::De,
    );
    for (name, label) in [
        ("Benfica", "ORG"),
        ("Paris Saint Germain", "ORG"),
        ("Chelsea", "ORG"),
        ("Stamford Bridge", "LOC"),
        ("Omar Hassan al-Bashir", "PER"),
        ("Zenit", "ORG"),
        ("Willian", "PER"),
        ("L'Equipe", "ORG"),
    ] {
        assert!(de.contains(&(name.into(), label.into())), "{name}: {de:?}");
    }
    for wrong in ["Siegen", "Paris", "Stamford", "Omar Hassan"] {
        assert!(de.iter().all(|(t, _)| t != wrong), "{wrong}: {de:?}");
    }
    assert!(!de.contains(&("Benfica".into(), "LOC".into())), "{de:?}");

    let en = entities(
        &an,
        "The actor Joaquin Phoenix won the award on Sunday.\n\n\
         LOS ANGELES — A NIGHT FOR THE AGES, the ONLINE magazine wrote.\n\n\
         The House of Commons voted on the bill, and US Defense Secretary Lloyd Austin was asked about it.\n\n\
         Chelsea beat Zenit at Stamford Bridge.\n\n\
         Critics, including the peace research group International Alert, objected.\n\n\
         Analysts at the Oslo Institute for Peace Studies disagreed.",
        Lang::En,
    );
    for (name, label) in [
        ("International Alert", "ORG"),
        ("Oslo Institute for Peace Studies", "ORG"),
        ("US", "LOC"),
        ("Joaquin Phoenix", "PER"),
        ("House of Commons", "ORG"),
        ("Lloyd Austin", "PER"),
        ("Chelsea", "ORG"),
        ("Zenit", "ORG"),
        ("Stamford Bridge", "LOC"),
    ] {
        assert!(en.contains(&(name.into(), label.into())), "{name}: {en:?}");
    }
    for wrong in [
        "Phoenix",
        "LOS",
        "NIGHT",
        "FOR",
        "ONLINE",
        "Defense",
        "US Defense",
        "Stamford",
        "Oslo",
    ] {
        assert!(en.iter().all(|(t, _)| t != wrong), "{wrong}: {en:?}");
    }
    // A shouted dateline is no organisation.
    let dateline = entities(&an, "LONDON (Reuters) - Shares fell on Monday.", Lang::En);
    assert!(
        !dateline.contains(&("LONDON".into(), "ORG".into())),
        "{dateline:?}"
    );
}

#[test]
fn a_name_never_runs_past_a_bracket_comma_or_colon() {
    let an = Analyzer::default();
    let text = "Die Ministerin Anna Berger (Grüne) sagte am Montag, sie werde bleiben.\n\n\
                Der Abgeordnete Paul Winter (CDU), der seit Jahren im Ausschuss sitzt, widersprach.\n\n\
                Economy minister Helen Marsh (Labour) said: \"We will not wait.\"\n\n\
                Helen Marsh\n\nHelen Ruth Marsh was born in Leeds.\n\n\
                Foto: IMAGO/Sven Simon\n\nPhoto: Getty Images";
    for lang in [Lang::De, Lang::En] {
        for (t, _) in entities(&an, text, lang) {
            assert!(
                !t.contains(['(', ')', ',', ':', '"', '\n']),
                "{t:?} runs past a bracket, comma, colon or quote"
            );
            // A photo credit's label is no name (the photographer is).
            assert!(
                !matches!(t.as_str(), "Foto" | "Photo"),
                "{t:?} from a credit"
            );
        }
    }
}

#[test]
fn organisations_in_the_news_are_found_inflected() {
    let an = Analyzer::default();
    let text = "Nach Angaben des Deutschen Instituts für Wirtschaftsforschung und der \
                Bundesagentur für Arbeit wächst die Zahl der Stellen. Die Gewerkschaft Verdi \
                und die IG Metall verhandeln mit Thyssenkrupp, berichtet der Deutschlandfunk.";
    let got = entities(&an, text, Lang::De);
    for name in [
        "Deutschen Instituts für Wirtschaftsforschung",
        "Bundesagentur für Arbeit",
        "Verdi",
        "IG Metall",
        "Thyssenkrupp",
        "Deutschlandfunk",
    ] {
        assert!(
            got.contains(&(name.to_string(), "ORG".to_string())),
            "{name} not an organisation: {got:?}"
        );
    }
}

/// German news names a body's kind before its name, owns things in the genitive, and
/// leaves out a shared word with a hyphen: the name is the name alone, the possessor
/// alone, and the whole name (sentences of our own).
#[test]
fn a_german_name_begins_and_ends_where_the_name_does() {
    let an = Analyzer::default();
    let de = entities(
        &an,
        "Der Energiekonzern Uniper und die Terrormiliz Boko Haram wurden genannt.\n\n\
         Sonys Vollformatkamera ist teuer, sagte der Händler.\n\n\
         Das Deutsche Zentrum für Luft- und Raumfahrt plant einen Start.\n\n\
         Viele Arten sterben aus, berichtet Arte.",
        Lang::De,
    );
    for (name, label) in [
        ("Boko Haram", "ORG"),
        ("Sonys", "ORG"),
        ("Deutsche Zentrum für Luft- und Raumfahrt", "ORG"),
        ("Arte", "ORG"),
    ] {
        assert!(de.contains(&(name.into(), label.into())), "{name}: {de:?}");
    }
    for wrong in [
        "Energiekonzern",
        "Terrormiliz",
        "Energiekonzern Uniper",
        "Sonys Vollformatkamera",
        "Arten",
    ] {
        assert!(de.iter().all(|(t, _)| t != wrong), "{wrong}: {de:?}");
    }
}

/// A long text is tagged in two halves at once (from 50,000 words): every paragraph of a
/// text that repeats one paragraph gets the same names at the right offsets, in the half
/// tagged on the other thread as in the first.
#[test]
fn a_long_text_tagged_in_halves_names_every_paragraph_alike() {
    let an = Analyzer::default();
    let para = "Am Montag sagte Anna Berger in Hamburg, die Firma Kessler werde wachsen.";
    let n = 4_000;
    let text = vec![para; n].join("\n\n");
    let one = entities(&an, para, Lang::De);
    assert!(!one.is_empty());
    let all = an.suggest(&text, Lang::De, &Learned::default()).entities;
    assert_eq!(all.len(), n * one.len());
    let chars = para.chars().count() + 2;
    for (k, e) in all.iter().enumerate() {
        let (text, label) = &one[k % one.len()];
        assert_eq!((&e.text, &e.label), (text, label), "entity {k}");
        let first = &all[k % one.len()];
        assert_eq!(e.start, first.start + (k / one.len()) * chars, "entity {k}");
    }
}
