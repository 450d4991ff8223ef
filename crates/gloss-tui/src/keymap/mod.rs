//! Key bindings for every mode: keys and their notation ([`key`]), the shipped defaults
//! ([`defaults`]), one trie per mode ([`trie`]), config overrides, and the reverse map
//! (action → keys) that help and every on-screen hint read.

pub mod defaults;
pub mod key;
pub mod trie;

use std::collections::HashMap;

use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

use super::action::Action;
pub use defaults::{DEFAULTS_TOML, default_config};
use gloss_core::config::{ConfigError, ConfigSource, KeymapConfig};
pub use key::{Key, KeyError, display_of, notation_of, parse_binding, parse_key, parse_keys};
pub use trie::{Step, Trie};

/// The modes that have their own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum KeyMode {
    /// Reading and annotating.
    Normal,
    /// The article list focused: its own keys first, then normal mode's.
    List,
    /// Selecting text.
    Visual,
    /// The help overlay.
    Help,
    /// The review of merge conflicts.
    Review,
    /// A one-line prompt (search, a claim's speaker).
    Prompt,
    /// A picker (tags, entity types).
    Picker,
    /// The note editor.
    Editor,
}

impl KeyMode {
    /// Every mode with bindings.
    pub fn all() -> impl Iterator<Item = KeyMode> {
        KeyMode::iter()
    }

    /// The name in the config (`[keymap.normal]`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The mode named so in the config.
    pub fn from_name(name: &str) -> Option<KeyMode> {
        KeyMode::all().find(|m| m.name() == name)
    }

    /// What the mode is, for help's headings.
    pub fn describe(self) -> &'static str {
        match self {
            KeyMode::Normal => "reading and annotating",
            KeyMode::List => "the article list: these keys first, then normal mode's",
            KeyMode::Visual => "selecting text",
            KeyMode::Help => "this help",
            KeyMode::Review => "the review of merge conflicts: both versions side by side",
            KeyMode::Prompt => "the search and speaker prompts",
            KeyMode::Picker => "the tag and type pickers; other keys type into the filter",
            KeyMode::Editor => "the note editor; other keys type",
        }
    }

    /// Whether the mode takes text: printable keys type themselves, and bindings are
    /// single keys (a pending sequence would swallow typed letters).
    pub fn takes_text(self) -> bool {
        matches!(self, KeyMode::Prompt | KeyMode::Picker | KeyMode::Editor)
    }
}

/// An action with its keys in notation, as help lists it.
pub type Binding = (Action, Vec<String>);

/// Ranks below this are the user's bindings (see [`Keymap::hint_keys`]).
const USER_RANKS: usize = 1 << 20;

/// The value that removes a default binding.
pub const UNBIND: &str = "none";

/// Bindings of every mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    maps: HashMap<KeyMode, Trie>,
    /// The list's keys over normal mode's: what a key does when the list is focused.
    list_over_normal: Trie,
    /// Which key hints name first: the user's own bindings (lowest), then the defaults in
    /// the order the shipped file lists them.
    rank: HashMap<(KeyMode, Vec<Key>), usize>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::defaults()
    }
}

impl Keymap {
    /// The shipped defaults (`assets/keymap.toml`).
    pub fn defaults() -> Keymap {
        let mut km = Keymap {
            maps: HashMap::new(),
            list_over_normal: Trie::default(),
            rank: HashMap::new(),
        };
        let cfg = default_config();
        km.apply(&cfg);
        let order = defaults::default_order();
        for (mode, keys) in &cfg {
            let Some(m) = KeyMode::from_name(mode) else {
                continue;
            };
            for key in keys.keys() {
                if let (Ok(seq), Some(at)) =
                    (parse_binding(key), order.get(&(mode.clone(), key.clone())))
                {
                    km.rank.insert((m, seq), USER_RANKS + at);
                }
            }
        }
        km
    }

    /// The defaults with the config's overrides applied (the config was validated when it
    /// was loaded; anything invalid here is ignored).
    pub fn from_config(cfg: &KeymapConfig) -> Keymap {
        let mut km = Keymap::defaults();
        km.apply(cfg);
        for (i, (mode, keys)) in cfg
            .iter()
            .flat_map(|(m, ks)| ks.keys().map(move |k| (m, k)))
            .enumerate()
        {
            if let (Some(m), Ok(seq)) = (KeyMode::from_name(mode), parse_binding(keys)) {
                km.rank.insert((m, seq), i);
            }
        }
        km
    }

    fn apply(&mut self, cfg: &KeymapConfig) {
        for (mode, keys) in cfg {
            let Some(mode) = KeyMode::from_name(mode) else {
                continue;
            };
            let map = self.maps.entry(mode).or_default();
            for (key, action) in keys {
                let Ok(keys) = parse_binding(key) else {
                    continue;
                };
                if action.get_ref() == UNBIND {
                    map.remove(&keys);
                } else if let Some(a) = Action::from_name(action.get_ref()) {
                    map.insert(&keys, a);
                }
            }
        }
        let mut merged = self.maps.get(&KeyMode::Normal).cloned().unwrap_or_default();
        if let Some(list) = self.maps.get(&KeyMode::List) {
            for (keys, a) in list.bindings() {
                merged.insert(&keys, a);
            }
        }
        self.list_over_normal = merged;
    }

    /// The trie keys are looked up in for `mode` (the list's over normal mode's for the
    /// list).
    fn trie(&self, mode: KeyMode) -> Option<&Trie> {
        match mode {
            KeyMode::List => Some(&self.list_over_normal),
            m => self.maps.get(&m),
        }
    }

    /// The action bound to the single key `key` in `mode`.
    pub fn action(&self, mode: KeyMode, key: Key) -> Option<Action> {
        self.action_seq(mode, &[key])
    }

    /// The action bound to exactly the sequence `keys` in `mode`.
    pub fn action_seq(&self, mode: KeyMode, keys: &[Key]) -> Option<Action> {
        self.trie(mode).and_then(|m| m.get(keys))
    }

    /// One key after the `pending` ones in `mode` (see [`Trie::feed`]).
    pub fn feed(&self, mode: KeyMode, pending: &mut Vec<Key>, key: Key) -> Vec<Step> {
        match self.trie(mode) {
            Some(t) => t.feed(pending, key),
            None => {
                pending.clear();
                vec![Step::Unbound(key)]
            }
        }
    }

    /// Whether `keys` in `mode` is a begun sequence waiting for its next key.
    pub fn waits(&self, mode: KeyMode, keys: &[Key]) -> bool {
        !keys.is_empty() && self.trie(mode).is_some_and(|m| m.waits(keys))
    }

    fn sequences_for(&self, mode: KeyMode, action: Action) -> Vec<Vec<Key>> {
        self.trie(mode)
            .map(|m| {
                m.bindings()
                    .into_iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| k)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The keys bound to `action` in `mode`, in notation, in a stable order: single chars
    /// first, then named keys, shorter first.
    pub fn keys_for(&self, mode: KeyMode, action: Action) -> Vec<String> {
        let mut keys: Vec<String> = self
            .sequences_for(mode, action)
            .iter()
            .map(|k| notation_of(k))
            .collect();
        keys.sort_by(|a, b| {
            (a.starts_with('<'), a.len(), a).cmp(&(b.starts_with('<'), b.len(), b))
        });
        keys
    }

    /// The keys bound to `action` in `mode` as hints show them (`Esc`, `C-s`): the user's
    /// own first, then the defaults in the shipped file's order.
    pub fn hint_keys(&self, mode: KeyMode, action: Action) -> Vec<String> {
        let mut seqs = self.sequences_for(mode, action);
        seqs.sort_by_key(|s| {
            // The list's keys over normal mode's: a normal key keeps its place.
            let rank = self
                .rank
                .get(&(mode, s.clone()))
                .or_else(|| {
                    (mode == KeyMode::List)
                        .then(|| self.rank.get(&(KeyMode::Normal, s.clone())))
                        .flatten()
                })
                .copied()
                .unwrap_or(usize::MAX);
            let n = notation_of(s);
            (rank, n.starts_with('<'), n.len(), n)
        });
        seqs.iter().map(|s| display_of(s)).collect()
    }

    /// Every action bound in `mode`'s own table with its keys, in help order (the list's
    /// own keys, not normal mode's under them).
    pub fn bindings(&self, mode: KeyMode) -> Vec<Binding> {
        if mode == KeyMode::List {
            let own = self.maps.get(&mode).map(Trie::bindings).unwrap_or_default();
            return Action::all()
                .filter_map(|a| {
                    let mut keys: Vec<String> = own
                        .iter()
                        .filter(|(_, b)| *b == a)
                        .map(|(k, _)| notation_of(k))
                        .collect();
                    keys.sort_by(|a, b| {
                        (a.starts_with('<'), a.len(), a).cmp(&(b.starts_with('<'), b.len(), b))
                    });
                    (!keys.is_empty()).then_some((a, keys))
                })
                .collect();
        }
        Action::all()
            .filter_map(|a| {
                let keys = self.keys_for(mode, a);
                (!keys.is_empty()).then_some((a, keys))
            })
            .collect()
    }

    /// What help lists when opened from `of`: that mode's bindings first, then every other
    /// mode's, so the keys of prompts, pickers and the editor (where `?` types) can be read.
    pub fn help_sections(&self, of: KeyMode) -> Vec<(KeyMode, Vec<Binding>)> {
        std::iter::once(of)
            .chain(KeyMode::all().filter(|m| *m != of))
            .map(|m| (m, self.bindings(m)))
            .filter(|(_, b)| !b.is_empty())
            .collect()
    }

    /// The number of lines help shows for `of`: the bindings, and a blank line and a
    /// heading before each section after the first.
    pub fn help_len(&self, of: KeyMode) -> usize {
        self.help_sections(of)
            .iter()
            .enumerate()
            .map(|(i, (_, b))| b.len() + if i == 0 { 0 } else { 2 })
            .sum()
    }

    /// The first key bound to `action`, for hints (`?`).
    pub fn hint(&self, mode: KeyMode, action: Action) -> Option<String> {
        self.keys_for(mode, action).into_iter().next()
    }
}

/// Checks the `[keymap]` section of a config: known modes, parseable keys (single keys in
/// the modes that take text), known actions.
pub fn validate_config(keymap: &KeymapConfig, src: &ConfigSource) -> Result<(), ConfigError> {
    for (mode_name, keys) in keymap {
        let Some(mode) = KeyMode::from_name(mode_name) else {
            // Mode names carry no span; the header line names it, or else its first binding.
            let at = src
                .text
                .find(&format!("keymap.{mode_name}"))
                .map(|i| i..i + 1)
                .or_else(|| keys.values().next().map(|v| v.span()))
                .unwrap_or(0..0);
            let known: Vec<&str> = KeyMode::all().map(KeyMode::name).collect();
            return Err(src.error_at(
                at,
                format!(
                    "unknown keymap mode {mode_name:?} (use one of {})",
                    known.join(", ")
                ),
            ));
        };
        for (key, action) in keys {
            let seq = match parse_binding(key) {
                Ok(seq) => seq,
                Err(e) => {
                    return Err(src.error_at(action.span(), format!("keymap.{mode_name}: {e}")));
                }
            };
            if seq.len() > 1 && mode.takes_text() {
                return Err(src.error_at(
                    action.span(),
                    format!(
                        "keymap.{mode_name}: {key:?} is a sequence; this mode takes text, so bind single keys"
                    ),
                ));
            }
            let name = action.get_ref();
            if name != UNBIND && Action::from_name(name).is_none() {
                return Err(src.error_at(
                    action.span(),
                    format!(
                        "keymap.{mode_name}: unknown action {name:?} for key {key:?} (press ? in gloss for the action names, or \"none\" to unbind)"
                    ),
                ));
            }
        }
    }
    check_way_out(keymap, src)
}

/// The actions each mode must keep a key for, so no config can lock the user in: quit and
/// help in normal mode, a way out of every other mode (in the note editor, keeping the
/// text counts as one).
fn way_out(mode: KeyMode) -> &'static [&'static [Action]] {
    match mode {
        KeyMode::Normal | KeyMode::List => &[&[Action::Quit], &[Action::Help]],
        KeyMode::Visual | KeyMode::Help | KeyMode::Prompt | KeyMode::Picker | KeyMode::Review => {
            &[&[Action::Cancel]]
        }
        KeyMode::Editor => &[&[Action::Cancel, Action::Submit]],
    }
}

/// Refuses a keymap that leaves a mode without a key for quit, help or leaving it, naming
/// the binding that took the last one away.
fn check_way_out(keymap: &KeymapConfig, src: &ConfigSource) -> Result<(), ConfigError> {
    let km = Keymap::from_config(keymap);
    let defaults = Keymap::defaults();
    for mode in KeyMode::all() {
        for any_of in way_out(mode) {
            if any_of.iter().any(|&a| !km.keys_for(mode, a).is_empty()) {
                continue;
            }
            let names: Vec<&str> = any_of.iter().map(|a| a.name()).collect();
            let was: Vec<String> = any_of
                .iter()
                .flat_map(|&a| defaults.keys_for(mode, a))
                .collect();
            let mode_name = mode.name();
            // The user's binding of a key that was one of these, else the mode's header.
            let table = keymap.get(mode_name);
            let at = table
                .and_then(|t| {
                    t.iter()
                        .find(|(k, _)| {
                            parse_binding(k).is_ok_and(|seq| was.contains(&notation_of(&seq)))
                        })
                        .map(|(_, v)| v.span())
                })
                .or_else(|| {
                    src.text
                        .find(&format!("keymap.{mode_name}"))
                        .map(|i| i..i + 1)
                })
                .unwrap_or(0..0);
            let example = was.first().map_or("<Esc>".to_string(), Clone::clone);
            return Err(src.error_at(
                at,
                format!(
                    "keymap.{mode_name}: no key is left for {} (the defaults {} are unbound or rebound); bind one, e.g. {example:?} = {:?}",
                    names.join(" or "),
                    if was.is_empty() { "-".to_string() } else { was.join(" ") },
                    names[0],
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::config::Config;
    use std::path::Path;

    fn k(s: &str) -> Key {
        parse_key(s).unwrap()
    }

    #[test]
    fn defaults_cover_the_design_table() {
        let km = Keymap::defaults();
        for (key, action) in [
            ("j", Action::Down),
            ("<C-d>", Action::HalfPageDown),
            ("<Space>", Action::PageDown),
            ("b", Action::PageUp),
            ("g", Action::Top),
            ("}", Action::NextParagraph),
            ("<S-Tab>", Action::FocusPrev),
            ("<Enter>", Action::Open),
            ("/", Action::Search),
            ("]", Action::NextAnnotation),
            ("a", Action::Accept),
            ("X", Action::RejectAll),
            ("t", Action::Tag),
            ("e", Action::Note),
            ("v", Action::Visual),
            ("u", Action::Undo),
            ("<C-r>", Action::Redo),
            ("?", Action::Help),
            ("q", Action::Quit),
        ] {
            assert_eq!(km.action(KeyMode::Normal, k(key)), Some(action), "{key}");
        }
        assert_eq!(km.action(KeyMode::Visual, k("e")), Some(Action::MarkEntity));
        assert_eq!(km.action(KeyMode::Visual, k("c")), Some(Action::MarkClaim));
        assert_eq!(km.action(KeyMode::Visual, k("q")), Some(Action::Quit));
    }

    #[test]
    fn config_overrides_and_unbinds() {
        let cfg = Config::parse(
            Path::new("c.toml"),
            "[keymap.normal]\n\"<C-n>\" = \"next_annotation\"\nq = \"none\"\n",
        )
        .unwrap();
        let km = Keymap::from_config(&cfg.keymap);
        assert_eq!(
            km.action(KeyMode::Normal, k("<C-n>")),
            Some(Action::NextAnnotation)
        );
        assert_eq!(km.action(KeyMode::Normal, k("q")), None);
        assert!(
            km.keys_for(KeyMode::Normal, Action::NextAnnotation)
                .contains(&"<C-n>".to_string())
        );
    }

    #[test]
    fn bad_config_names_file_and_line() {
        let bad_action =
            crate::config_check::parse(Path::new("c.toml"), "\n[keymap.normal]\nj = \"fly\"\n")
                .unwrap_err()
                .to_string();
        assert!(bad_action.starts_with("c.toml:3:"), "{bad_action}");
        assert!(bad_action.contains("fly"), "{bad_action}");
        let bad_key = crate::config_check::parse(
            Path::new("c.toml"),
            "[keymap.normal]\n\n\"<Nope>\" = \"down\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(bad_key.starts_with("c.toml:3:"), "{bad_key}");
        assert!(bad_key.contains("Nope"), "{bad_key}");
        let bad_mode = crate::config_check::parse(
            Path::new("c.toml"),
            "language = \"de\"\n[keymap.sideways]\nj = \"down\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(bad_mode.starts_with("c.toml:2:"), "{bad_mode}");
        assert!(bad_mode.contains("sideways"), "{bad_mode}");
    }

    #[test]
    fn help_lists_every_binding() {
        let km = Keymap::defaults();
        let b = km.bindings(KeyMode::Normal);
        let total: usize = b.iter().map(|(_, ks)| ks.len()).sum();
        assert_eq!(total, default_config()["normal"].len());
    }

    #[test]
    fn notation_round_trips() {
        for keys in default_config().values() {
            for s in keys.keys() {
                let seq = parse_binding(s).unwrap();
                assert_eq!(parse_binding(&notation_of(&seq)).unwrap(), seq, "{s}");
            }
        }
    }

    #[test]
    fn defaults_file_is_valid_and_is_the_effective_keymap() {
        let cfg =
            crate::config_check::parse(Path::new(defaults::DEFAULTS_PATH), DEFAULTS_TOML).unwrap();
        assert!(
            cfg.keymap.len() == KeyMode::all().count(),
            "a table per mode"
        );
        let km = Keymap::defaults();
        for mode in KeyMode::all() {
            let table = &cfg.keymap[mode.name()];
            let mut shipped: Vec<(String, &str)> = table
                .iter()
                .map(|(k, a)| {
                    (
                        notation_of(&parse_binding(k).unwrap()),
                        a.get_ref().as_str(),
                    )
                })
                .collect();
            shipped.sort();
            let mut effective: Vec<(String, &str)> = km.maps[&mode]
                .bindings()
                .into_iter()
                .map(|(k, a)| (notation_of(&k), a.name()))
                .collect();
            effective.sort();
            assert_eq!(shipped, effective, "{}", mode.name());
        }
    }

    #[test]
    fn every_mode_has_a_way_out_and_help_lists_it() {
        let km = Keymap::defaults();
        for mode in KeyMode::all() {
            let b = km.bindings(mode);
            assert!(!b.is_empty(), "{}", mode.name());
            assert!(
                b.iter()
                    .any(|(a, _)| matches!(a, Action::Cancel | Action::Quit)),
                "{}",
                mode.name()
            );
        }
        assert_eq!(
            km.hint_keys(KeyMode::Editor, Action::Submit),
            ["Esc", "C-s"]
        );
        assert_eq!(
            km.hint_keys(KeyMode::Prompt, Action::Cancel),
            ["Esc", "C-c"]
        );
    }

    #[test]
    fn hints_prefer_the_user_then_the_shipped_order() {
        let km = Keymap::defaults();
        for (mode, keys) in &default_config() {
            let m = KeyMode::from_name(mode).unwrap();
            for key in keys.keys() {
                let seq = parse_binding(key).unwrap();
                assert!(km.rank.contains_key(&(m, seq)), "{mode} {key} has no place");
            }
        }
        assert_eq!(km.hint_keys(KeyMode::Visual, Action::WordNext)[0], "w");
        assert_eq!(km.hint_keys(KeyMode::Help, Action::Cancel)[0], "Esc");
        let cfg =
            Config::parse(Path::new("c.toml"), "[keymap.visual]\nm = \"word_next\"\n").unwrap();
        let km = Keymap::from_config(&cfg.keymap);
        assert_eq!(km.hint_keys(KeyMode::Visual, Action::WordNext)[0], "m");
    }

    #[test]
    fn the_list_keys_lie_over_normal_mode_and_help_lists_only_its_own() {
        let km = Keymap::defaults();
        assert_eq!(km.action(KeyMode::List, k("/")), Some(Action::ListFilter));
        assert_eq!(km.action(KeyMode::Normal, k("/")), Some(Action::Search));
        assert_eq!(km.action(KeyMode::List, k("O")), Some(Action::ListSort));
        assert_eq!(km.action(KeyMode::Normal, k("O")), Some(Action::SortPanel));
        // Normal mode's keys work in the list, sequences too.
        assert_eq!(km.action(KeyMode::List, k("j")), Some(Action::Down));
        assert_eq!(
            km.action_seq(KeyMode::List, &parse_keys("gg").unwrap()),
            Some(Action::Top)
        );
        assert_eq!(km.hint(KeyMode::List, Action::Quit).as_deref(), Some("q"));
        let own: Vec<Action> = km
            .bindings(KeyMode::List)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert_eq!(
            own,
            [
                Action::ListFilter,
                Action::ListWhich,
                Action::ListLang,
                Action::ListSort,
                Action::Cancel
            ]
        );
        // A config rebinds a list key without touching normal mode's.
        let cfg = crate::config_check::parse(
            Path::new("c.toml"),
            "[keymap.list]\ns = \"list_sort\"\nO = \"none\"\n",
        )
        .unwrap();
        let km = Keymap::from_config(&cfg.keymap);
        assert_eq!(km.action(KeyMode::List, k("s")), Some(Action::ListSort));
        assert_eq!(km.action(KeyMode::Normal, k("s")), Some(Action::Speaker));
        assert_eq!(
            km.action(KeyMode::List, k("O")),
            Some(Action::SortPanel),
            "unbound in the list: normal mode's key shows through"
        );
    }

    #[test]
    fn gg_is_top_and_g_still_is() {
        let km = Keymap::defaults();
        assert_eq!(
            km.action_seq(KeyMode::Normal, &parse_keys("gg").unwrap()),
            Some(Action::Top)
        );
        assert_eq!(km.action(KeyMode::Normal, k("g")), Some(Action::Top));
        assert!(
            km.keys_for(KeyMode::Normal, Action::Top)
                .contains(&"gg".to_string())
        );
    }

    #[test]
    fn config_rebinds_keys_of_the_text_modes() {
        let cfg = crate::config_check::parse(
            Path::new("c.toml"),
            "[keymap.editor]\n\"<C-j>\" = \"new_line\"\n\"<Esc>\" = \"cancel\"\n[keymap.picker]\n\"<C-j>\" = \"down\"\n[keymap.prompt]\n\"<C-g>\" = \"cancel\"\n",
        )
        .unwrap();
        let km = Keymap::from_config(&cfg.keymap);
        assert_eq!(
            km.action(KeyMode::Editor, k("<C-j>")),
            Some(Action::NewLine)
        );
        assert_eq!(km.action(KeyMode::Editor, k("<Esc>")), Some(Action::Cancel));
        assert_eq!(km.action(KeyMode::Picker, k("<C-j>")), Some(Action::Down));
        assert_eq!(km.action(KeyMode::Prompt, k("<C-g>")), Some(Action::Cancel));
        assert_eq!(km.hint_keys(KeyMode::Editor, Action::Submit), ["C-s"]);
    }

    #[test]
    fn bad_bindings_in_the_new_modes_name_their_line() {
        let err = |text: &str| {
            crate::config_check::parse(Path::new("c.toml"), text)
                .unwrap_err()
                .to_string()
        };
        let e = err("[keymap.picker]\nj = \"down\"\n\"<C-x>\" = \"fly\"\n");
        assert!(e.starts_with("c.toml:3:"), "{e}");
        assert!(e.contains("keymap.picker") && e.contains("fly"), "{e}");
        let e = err("[keymap.editor]\n\n\"<Nope>\" = \"submit\"\n");
        assert!(e.starts_with("c.toml:3:"), "{e}");
        let e = err("[keymap.prompt]\n\n\njk = \"cancel\"\n");
        assert!(e.starts_with("c.toml:4:"), "{e}");
        assert!(e.contains("sequence"), "{e}");
        let e = err("[keymap.normal]\n\"g<Nope>\" = \"top\"\n");
        assert!(e.starts_with("c.toml:2:"), "{e}");
    }

    #[test]
    fn a_config_that_leaves_no_way_out_is_an_error_naming_file_line_and_action() {
        let err = |text: &str| {
            crate::config_check::parse(Path::new("c.toml"), text)
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        let e = err("[keymap.normal]\nq = \"none\"\n\"<C-c>\" = \"none\"\n");
        // The line of one of the two bindings that took the last keys away.
        assert!(
            e.starts_with("c.toml:2:") || e.starts_with("c.toml:3:"),
            "{e}"
        );
        assert!(e.contains("keymap.normal") && e.contains("quit"), "{e}");
        // Rebinding the last key counts as taking it away.
        let e = err("[keymap.normal]\nq = \"none\"\n\"<C-c>\" = \"accept\"\n\"?\" = \"none\"\n");
        assert!(e.contains("quit"), "{e}");
        let e = err("[keymap.normal]\n\"?\" = \"none\"\n");
        assert!(e.starts_with("c.toml:2:") && e.contains("help"), "{e}");
        let e =
            err("[keymap.visual]\n\"<Esc>\" = \"none\"\nv = \"word_next\"\n\"<C-c>\" = \"none\"\n");
        assert!(e.contains("keymap.visual") && e.contains("cancel"), "{e}");
        let e = err(
            "[keymap.help]\n\"<Esc>\" = \"none\"\n\"?\" = \"none\"\nq = \"none\"\n\"<Enter>\" = \"none\"\n",
        );
        assert!(e.contains("keymap.help") && e.contains("cancel"), "{e}");
        let e = err(
            "[keymap.editor]\n\"<Esc>\" = \"none\"\n\"<C-s>\" = \"none\"\n\"<C-c>\" = \"none\"\n",
        );
        assert!(
            e.contains("keymap.editor") && e.contains("cancel or submit"),
            "{e}"
        );
        // Moving quit to another key is fine, and so is keeping one of two.
        crate::config_check::parse(
            Path::new("c.toml"),
            "[keymap.normal]\nq = \"none\"\n\"<C-c>\" = \"none\"\nQ = \"quit\"\n",
        )
        .unwrap();
        crate::config_check::parse(Path::new("c.toml"), "[keymap.normal]\nq = \"none\"\n").unwrap();
        crate::config_check::parse(
            Path::new("c.toml"),
            "[keymap.editor]\n\"<C-c>\" = \"none\"\n",
        )
        .unwrap();
    }
}
