//! Key bindings: vim-notation key parsing, the default table, config overrides, and the
//! reverse map (action → keys) the help overlay shows.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::action::Action;
use gloss_core::config::{ConfigError, ConfigSource, KeymapConfig};

/// A key as bindings see it: the code and the modifiers that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl / Alt (Shift is folded into the char or into BackTab).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key from a terminal event, normalised so `A` and `<S-a>` or `<S-Tab>` and BackTab
    /// compare equal however the terminal reports them.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = ev.code;
        match code {
            KeyCode::Char(c) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() {
                    code = KeyCode::Char(c.to_ascii_uppercase());
                }
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        Key { code, mods }
    }

    /// The key as a terminal would deliver it.
    pub fn to_event(self) -> KeyEvent {
        let mut mods = self.mods;
        if let KeyCode::Char(c) = self.code
            && c.is_uppercase()
        {
            mods |= KeyModifiers::SHIFT;
        }
        if self.code == KeyCode::BackTab {
            mods |= KeyModifiers::SHIFT;
        }
        KeyEvent {
            code: self.code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    /// The key in vim notation (`j`, `<C-d>`, `<S-Tab>`, `<lt>`).
    pub fn notation(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut prefix = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            prefix.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            prefix.push_str("A-");
        }
        let plain_char = matches!(self.code, KeyCode::Char(c) if c != ' ' && c != '<');
        if prefix.is_empty() && plain_char {
            name
        } else {
            format!("<{prefix}{name}>")
        }
    }
}

/// A key notation that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad key {key:?}: {why}")]
pub struct KeyError {
    /// The offending notation.
    pub key: String,
    /// What is wrong.
    pub why: String,
}

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "tab" => KeyCode::Tab,
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        "bar" => KeyCode::Char('|'),
        "bslash" => KeyCode::Char('\\'),
        "minus" => KeyCode::Char('-'),
        "bs" | "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        _ => {
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => {
                    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
                    if (1..=24).contains(&n) {
                        KeyCode::F(n)
                    } else {
                        return None;
                    }
                }
            }
        }
    })
}

/// Parses the inside of `<…>`: modifiers (`C-`, `S-`, `A-`/`M-`) then a key name.
fn parse_bracketed(inner: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = inner;
    loop {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(m), Some('-')) if rest.len() > 2 => {
                match m.to_ascii_lowercase() {
                    'c' => mods |= KeyModifiers::CONTROL,
                    's' => mods |= KeyModifiers::SHIFT,
                    'a' | 'm' => mods |= KeyModifiers::ALT,
                    _ => return Err(format!("unknown modifier {m:?} (use C-, S- or A-)")),
                }
                rest = &rest[2..];
            }
            _ => break,
        }
    }
    let code = named_key(rest).ok_or_else(|| format!("unknown key name {rest:?}"))?;
    let ev = KeyEvent::new(code, mods);
    Ok(Key::from_event(&ev))
}

/// Parses one key in vim notation (`j`, `<C-d>`, `<S-Tab>`, `<lt>`).
pub fn parse_key(s: &str) -> Result<Key, KeyError> {
    let err = |why: String| KeyError {
        key: s.to_string(),
        why,
    };
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Key::from_event(&KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        ))),
        (Some('<'), Some(_)) if s.ends_with('>') && s.len() > 2 => {
            parse_bracketed(&s[1..s.len() - 1]).map_err(err)
        }
        (None, _) => Err(err("empty".into())),
        _ => Err(err(
            "one key per binding: a char or <Name> like <C-d>, <Tab>, <lt>".into(),
        )),
    }
}

/// Parses a sequence of keys as typed (`jj<Tab>a<C-r>`). A literal `<` is `<lt>`.
pub fn parse_keys(s: &str) -> Result<Vec<Key>, KeyError> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(close) = rest.find('>') else {
                return Err(KeyError {
                    key: rest.to_string(),
                    why: "unclosed '<' (write <lt> for a literal <)".into(),
                });
            };
            // `<>>`-style edge: a '>' right after '<' is the key name itself.
            let close = if close == 1 {
                rest[2..].find('>').map(|i| i + 2).unwrap_or(close)
            } else {
                close
            };
            let token = &rest[..=close];
            out.push(parse_key(token).map_err(|e| KeyError {
                key: token.to_string(),
                why: format!("{} (write <lt> for a literal <)", e.why),
            })?);
            rest = &rest[close + 1..];
        } else {
            out.push(Key::from_event(&KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

/// The modes that have their own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// Reading and annotating.
    Normal,
    /// Selecting text.
    Visual,
    /// The help overlay.
    Help,
}

impl KeyMode {
    /// Every mode with bindings.
    pub const ALL: [KeyMode; 3] = [KeyMode::Normal, KeyMode::Visual, KeyMode::Help];

    /// The name in the config (`[keymap.normal]`).
    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Normal => "normal",
            KeyMode::Visual => "visual",
            KeyMode::Help => "help",
        }
    }

    /// The mode named so in the config.
    pub fn from_name(name: &str) -> Option<KeyMode> {
        KeyMode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The value that removes a default binding.
pub const UNBIND: &str = "none";

const NORMAL: &[(&str, Action)] = &[
    ("j", Action::Down),
    ("<Down>", Action::Down),
    ("k", Action::Up),
    ("<Up>", Action::Up),
    ("<C-d>", Action::HalfPageDown),
    ("<C-u>", Action::HalfPageUp),
    ("<Space>", Action::PageDown),
    ("<PageDown>", Action::PageDown),
    ("<C-f>", Action::PageDown),
    ("b", Action::PageUp),
    ("<PageUp>", Action::PageUp),
    ("<C-b>", Action::PageUp),
    ("g", Action::Top),
    ("<Home>", Action::Top),
    ("G", Action::Bottom),
    ("<End>", Action::Bottom),
    ("}", Action::NextParagraph),
    ("{", Action::PrevParagraph),
    ("<Tab>", Action::FocusNext),
    ("<S-Tab>", Action::FocusPrev),
    ("<Enter>", Action::Open),
    ("/", Action::Search),
    ("n", Action::SearchNext),
    ("N", Action::SearchPrev),
    ("]", Action::NextAnnotation),
    ("[", Action::PrevAnnotation),
    ("a", Action::Accept),
    ("x", Action::Reject),
    ("A", Action::AcceptAll),
    ("X", Action::RejectAll),
    ("!", Action::NeverSuggest),
    ("t", Action::Tag),
    ("e", Action::Note),
    ("T", Action::ChangeType),
    ("s", Action::Speaker),
    ("d", Action::Delete),
    ("f", Action::Filter),
    ("E", Action::Export),
    ("w", Action::WordNext),
    ("l", Action::WordNext),
    ("<Right>", Action::WordNext),
    ("h", Action::WordPrev),
    ("B", Action::WordPrev),
    ("<Left>", Action::WordPrev),
    (")", Action::SentenceNext),
    ("(", Action::SentencePrev),
    ("v", Action::Visual),
    ("u", Action::Undo),
    ("<C-r>", Action::Redo),
    ("?", Action::Help),
    ("<Esc>", Action::Cancel),
    ("q", Action::Quit),
    ("<C-c>", Action::Quit),
];

const VISUAL: &[(&str, Action)] = &[
    ("w", Action::WordNext),
    ("l", Action::WordNext),
    ("<Right>", Action::WordNext),
    ("b", Action::WordPrev),
    ("h", Action::WordPrev),
    ("<Left>", Action::WordPrev),
    (")", Action::SentenceNext),
    ("(", Action::SentencePrev),
    ("j", Action::Down),
    ("<Down>", Action::Down),
    ("k", Action::Up),
    ("<Up>", Action::Up),
    ("e", Action::MarkEntity),
    ("c", Action::MarkClaim),
    ("?", Action::Help),
    ("<Esc>", Action::Cancel),
    ("v", Action::Cancel),
    ("<C-c>", Action::Cancel),
    // `q` quits from every mode that does not take text, as in less and newsboat; a
    // selection is nothing to lose.
    ("q", Action::Quit),
];

const HELP: &[(&str, Action)] = &[
    ("j", Action::Down),
    ("<Down>", Action::Down),
    ("k", Action::Up),
    ("<Up>", Action::Up),
    ("<C-d>", Action::HalfPageDown),
    ("<Space>", Action::PageDown),
    ("<PageDown>", Action::PageDown),
    ("<C-u>", Action::HalfPageUp),
    ("b", Action::PageUp),
    ("<PageUp>", Action::PageUp),
    ("g", Action::Top),
    ("G", Action::Bottom),
    ("<Esc>", Action::Cancel),
    ("?", Action::Cancel),
    ("q", Action::Cancel),
    ("<Enter>", Action::Cancel),
];

/// Bindings of every mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    maps: HashMap<KeyMode, HashMap<Key, Action>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::defaults()
    }
}

impl Keymap {
    /// The design's default table.
    pub fn defaults() -> Keymap {
        let mut maps = HashMap::new();
        for (mode, table) in [
            (KeyMode::Normal, NORMAL),
            (KeyMode::Visual, VISUAL),
            (KeyMode::Help, HELP),
        ] {
            let map: HashMap<Key, Action> = table
                .iter()
                .filter_map(|(k, a)| parse_key(k).ok().map(|k| (k, *a)))
                .collect();
            maps.insert(mode, map);
        }
        Keymap { maps }
    }

    /// The defaults with the config's overrides applied (the config was validated when it
    /// was loaded; anything invalid here is ignored).
    pub fn from_config(cfg: &KeymapConfig) -> Keymap {
        let mut km = Keymap::defaults();
        for (mode, keys) in cfg {
            let Some(mode) = KeyMode::from_name(mode) else {
                continue;
            };
            let map = km.maps.entry(mode).or_default();
            for (key, action) in keys {
                let Ok(key) = parse_key(key) else { continue };
                if action.get_ref() == UNBIND {
                    map.remove(&key);
                } else if let Some(a) = Action::from_name(action.get_ref()) {
                    map.insert(key, a);
                }
            }
        }
        km
    }

    /// The action bound to `key` in `mode`.
    pub fn action(&self, mode: KeyMode, key: Key) -> Option<Action> {
        self.maps.get(&mode).and_then(|m| m.get(&key)).copied()
    }

    /// The keys bound to `action` in `mode`, in notation, defaults-order first.
    pub fn keys_for(&self, mode: KeyMode, action: Action) -> Vec<String> {
        let mut keys: Vec<String> = self
            .maps
            .get(&mode)
            .map(|m| {
                m.iter()
                    .filter(|(_, a)| **a == action)
                    .map(|(k, _)| k.notation())
                    .collect()
            })
            .unwrap_or_default();
        // Single chars first, then named keys; stable so help reads the same every time.
        keys.sort_by(|a, b| {
            (a.starts_with('<'), a.len(), a).cmp(&(b.starts_with('<'), b.len(), b))
        });
        keys
    }

    /// Every bound action of `mode` with its keys, in help order.
    pub fn bindings(&self, mode: KeyMode) -> Vec<(Action, Vec<String>)> {
        Action::ALL
            .iter()
            .filter_map(|a| {
                let keys = self.keys_for(mode, *a);
                (!keys.is_empty()).then_some((*a, keys))
            })
            .collect()
    }

    /// The first key bound to `action`, for hints (`?`).
    pub fn hint(&self, mode: KeyMode, action: Action) -> Option<String> {
        self.keys_for(mode, action).into_iter().next()
    }
}

/// Checks the `[keymap]` section of a config: known modes, parseable keys, known actions.
pub fn validate_config(keymap: &KeymapConfig, src: &ConfigSource) -> Result<(), ConfigError> {
    for (mode, keys) in keymap {
        if KeyMode::from_name(mode).is_none() {
            // Mode names carry no span; the header line names it, or else its first binding.
            let at = src
                .text
                .find(&format!("keymap.{mode}"))
                .map(|i| i..i + 1)
                .or_else(|| keys.values().next().map(|v| v.span()))
                .unwrap_or(0..0);
            return Err(src.error_at(
                at,
                format!("unknown keymap mode {mode:?} (use normal, visual or help)"),
            ));
        }
        for (key, action) in keys {
            if let Err(e) = parse_key(key) {
                return Err(src.error_at(action.span(), format!("keymap.{mode}: {e}")));
            }
            let name = action.get_ref();
            if name != UNBIND && Action::from_name(name).is_none() {
                return Err(src.error_at(
                    action.span(),
                    format!(
                        "keymap.{mode}: unknown action {name:?} for key {key:?} (press ? in gloss for the action names, or \"none\" to unbind)"
                    ),
                ));
            }
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
    fn parses_vim_notation() {
        assert_eq!(k("j").code, KeyCode::Char('j'));
        assert_eq!(
            k("<C-d>"),
            Key {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(k("<S-Tab>").code, KeyCode::BackTab);
        assert_eq!(k("<lt>").code, KeyCode::Char('<'));
        assert_eq!(k("<Space>").code, KeyCode::Char(' '));
        assert_eq!(k("<pagedown>").code, KeyCode::PageDown);
        assert_eq!(k("<S-a>"), k("A"));
        assert!(parse_key("<Foo>").is_err());
        assert!(parse_key("jj").is_err());
        assert!(parse_key("").is_err());
    }

    #[test]
    fn parses_sequences() {
        let ks = parse_keys("jj<Tab>a<C-r><lt>x").unwrap();
        let names: Vec<String> = ks.iter().map(|k| k.notation()).collect();
        assert_eq!(names, ["j", "j", "<Tab>", "a", "<C-r>", "<lt>", "x"]);
        assert!(parse_keys("<Tab").is_err());
        assert!(parse_keys("<Nope>").is_err());
        assert_eq!(parse_keys("").unwrap(), vec![]);
    }

    #[test]
    fn notation_round_trips() {
        for (s, _) in NORMAL.iter().chain(VISUAL).chain(HELP) {
            assert_eq!(k(&k(s).notation()), k(s), "{s}");
        }
    }

    #[test]
    fn terminal_events_normalise() {
        let shifted = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), k("A"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&backtab), k("<S-Tab>"));
        assert_eq!(Key::from_event(&k("<C-r>").to_event()), k("<C-r>"));
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
        assert_eq!(total, NORMAL.len());
    }
}
