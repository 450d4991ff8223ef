//! Colours and styles, from the config with sensible defaults.

use std::collections::HashMap;

use ratatui::style::{Color, Modifier, Style};

use crate::config_check::parse_color;
use gloss_core::annotation::{Kind, Status};
use gloss_core::config::Config;

/// Every colour the interface uses.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Focused pane border and title.
    pub accent: Color,
    /// Claim highlight.
    pub claim: Color,
    /// Background of the selected annotation.
    pub selection: Color,
    /// Status bar background.
    pub status_bar: Color,
    /// Search match background.
    pub search: Color,
    /// Entity type → colour.
    pub types: HashMap<String, Color>,
    /// Tag → colour.
    pub tags: HashMap<String, Color>,
}

fn pick(c: &Option<toml::Spanned<String>>, default: Color) -> Color {
    c.as_ref()
        .and_then(|s| parse_color(s.get_ref()))
        .unwrap_or(default)
}

impl Theme {
    /// The theme of a config.
    pub fn from_config(cfg: &Config) -> Theme {
        let mut types: HashMap<String, Color> = [
            ("PER", Color::LightCyan),
            ("LOC", Color::LightGreen),
            ("ORG", Color::LightMagenta),
            ("MISC", Color::LightYellow),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        for t in &cfg.entity_types {
            let c = pick(&t.color, Color::LightBlue);
            types.insert(t.name.get_ref().clone(), c);
        }
        let tags = cfg
            .tags
            .iter()
            .map(|t| (t.name.clone(), pick(&t.color, Color::Gray)))
            .collect();
        Theme {
            accent: pick(&cfg.colors.accent, Color::Cyan),
            claim: pick(&cfg.colors.claim, Color::LightYellow),
            selection: pick(&cfg.colors.selection, Color::Rgb(0x3a, 0x3a, 0x5a)),
            status_bar: pick(&cfg.colors.status_bar, Color::DarkGray),
            search: pick(&cfg.colors.search, Color::Yellow),
            types,
            tags,
        }
    }

    /// The colour of an entity type (unknown types get a neutral one).
    pub fn type_color(&self, label: &str) -> Color {
        self.types.get(label).copied().unwrap_or(Color::LightBlue)
    }

    /// The colour of a tag.
    pub fn tag_color(&self, tag: &str) -> Color {
        self.tags.get(tag).copied().unwrap_or(Color::Gray)
    }

    /// How an annotation is highlighted in the reader: entities in their type's colour
    /// (suggested: coloured italic text; accepted: bold on a background of that colour;
    /// rejected: dim and struck through), claims underlined (suggested: a coloured
    /// underline; accepted: also coloured text; rejected: dim).
    pub fn highlight(&self, kind: Kind, label: &str, status: Status) -> Style {
        match kind {
            Kind::Entity => {
                let color = self.type_color(label);
                match status {
                    Status::Suggested => Style::default().fg(color).add_modifier(Modifier::ITALIC),
                    Status::Accepted => Style::default()
                        .fg(Color::Black)
                        .bg(color)
                        .add_modifier(Modifier::BOLD),
                    Status::Rejected => Style::default()
                        .fg(Color::DarkGray)
                        .add_modifier(Modifier::CROSSED_OUT),
                }
            }
            Kind::Claim => {
                let underline = Style::default()
                    .underline_color(self.claim)
                    .add_modifier(Modifier::UNDERLINED);
                match status {
                    Status::Suggested => underline,
                    Status::Accepted => underline.fg(self.claim),
                    Status::Rejected => Style::default().add_modifier(Modifier::DIM),
                }
            }
        }
    }

    /// Border style of a pane.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::default().fg(self.accent)
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    /// Title style of a pane.
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            Style::default()
                .fg(self.accent)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(Color::Gray)
        }
    }
}
