//! Language detection, restricted to the languages gloss has rules for.

use super::Lang;

/// How much text detection looks at: enough for a stable answer, cheap on long articles.
const SAMPLE_CHARS: usize = 800;

/// German or English, whichever the text is closer to (English when unsure or empty).
pub fn detect<'a>(parts: impl IntoIterator<Item = &'a str>) -> Lang {
    let mut sample = String::new();
    for part in parts {
        if sample.chars().count() >= SAMPLE_CHARS {
            break;
        }
        sample.push_str(part);
        sample.push('\n');
    }
    let sample: String = sample.chars().take(SAMPLE_CHARS).collect();
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Deu, whatlang::Lang::Eng]);
    match detector.detect_lang(&sample) {
        Some(whatlang::Lang::Deu) => Lang::De,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_and_english() {
        assert_eq!(
            detect(["Die Bundesregierung hat am Mittwoch beschlossen, dass die Steuern steigen."]),
            Lang::De
        );
        assert_eq!(
            detect(["The government decided on Wednesday that taxes will rise next year."]),
            Lang::En
        );
        assert_eq!(detect([""]), Lang::En);
    }
}
