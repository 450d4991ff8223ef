//! Compiles the bundled gazetteer (assets/lexicon/curated.tsv and gazetteer.tsv) into a
//! table of surface forms, with the same code the crate uses for other lists, so that an
//! analyzer starts without generating and hashing every inflected form.

#![allow(dead_code)]

#[path = "src/analysis/gazetteer_compile.rs"]
mod gazetteer_compile;
#[path = "src/analysis/inflection.rs"]
mod inflection;
#[path = "src/analysis/tokens.rs"]
mod tokens;

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let lexicon = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/lexicon");
    let read = |name: &str| {
        let path = lexicon.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    };
    for src in ["gazetteer_compile.rs", "inflection.rs", "tokens.rs"] {
        println!("cargo::rerun-if-changed=src/analysis/{src}");
    }
    let (curated, generated) = (read("curated.tsv"), read("gazetteer.tsv"));
    let entries = gazetteer_compile::parse(&curated, &generated);
    let c = gazetteer_compile::compile(&entries);
    let mut out = String::new();
    out.push_str("/// The distinct names, in the order the lists give them.\n");
    out.push_str("static NAMES: &[Name] = &[\n");
    for &i in &c.names {
        let e = &entries[i];
        let _ = writeln!(
            out,
            "Name {{ label: {:?}, canonical: {:?}, curated: {} }},",
            e.label, e.name, e.curated
        );
    }
    out.push_str("];\n/// Every surface form: (form, name or NO_NAME, most words after it).\n");
    out.push_str("static FORMS: &[(&str, usize, usize)] = &[\n");
    for (form, name, most) in &c.forms {
        let name = if *name == gazetteer_compile::NO_NAME {
            "NO_NAME".to_string()
        } else {
            name.to_string()
        };
        let _ = writeln!(out, "({form:?}, {name}, {most}),");
    }
    let _ = writeln!(
        out,
        "];\n/// First bytes of forms that start lower case.\nstatic LOWER_STARTS: [bool; 256] = {:?};",
        c.lower_starts
    );
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("gazetteer_table.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}
