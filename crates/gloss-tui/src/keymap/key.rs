//! Keys and their vim notation (`j`, `<C-d>`, `<S-Tab>`, `<lt>`): parsing, printing, and
//! the normalisation of what terminals report.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

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

/// Parses a binding's key side: one key, or a sequence of keys (`gg`, `g<Tab>`). A lone
/// `<` is the key `<`.
pub fn parse_binding(s: &str) -> Result<Vec<Key>, KeyError> {
    if s.chars().count() == 1 {
        return parse_key(s).map(|k| vec![k]);
    }
    let keys = parse_keys(s)?;
    if keys.is_empty() {
        return Err(KeyError {
            key: s.to_string(),
            why: "empty".into(),
        });
    }
    Ok(keys)
}

/// A sequence in notation (`gg`, `<C-d>`).
pub fn notation_of(keys: &[Key]) -> String {
    keys.iter().map(|k| k.notation()).collect()
}

/// A sequence as hints show it: `Esc`, `C-s`, `gg` (no angle brackets).
pub fn display_of(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| {
            let n = k.notation();
            match n.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
                Some(inner) if inner != "lt" => inner.to_string(),
                Some(_) => "<".to_string(),
                None => n,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn terminal_events_normalise() {
        let shifted = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), k("A"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&backtab), k("<S-Tab>"));
        assert_eq!(Key::from_event(&k("<C-r>").to_event()), k("<C-r>"));
    }

    #[test]
    fn bindings_are_keys_or_sequences() {
        assert_eq!(parse_binding("<").unwrap(), vec![k("<lt>")]);
        assert_eq!(parse_binding("gg").unwrap(), vec![k("g"), k("g")]);
        assert_eq!(parse_binding("<C-d>").unwrap(), vec![k("<C-d>")]);
        assert!(parse_binding("").is_err());
        assert!(parse_binding("<Nope>").is_err());
        assert_eq!(display_of(&parse_binding("<C-s>").unwrap()), "C-s");
        assert_eq!(notation_of(&parse_binding("g<Tab>").unwrap()), "g<Tab>");
    }
}
