//! TEMPORARY stand-ins for the text input and picker of the `tuiw` branch, with the same
//! signatures; deleted when that branch's widgets are merged.

/// Stand-in text input.
pub mod text_input {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Frame;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Clear, Paragraph};

    /// Outcome of a key.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum InputOutcome {
        /// Keep editing.
        Continue,
        /// Done.
        Submit,
        /// Abandoned.
        Cancel,
    }

    /// A text input.
    #[derive(Debug, Clone)]
    pub struct TextInput {
        text: String,
        multiline: bool,
    }

    impl TextInput {
        /// New input.
        pub fn new(text: &str, multiline: bool) -> TextInput {
            TextInput {
                text: text.to_string(),
                multiline,
            }
        }
        /// The text.
        pub fn text(&self) -> String {
            self.text.clone()
        }
        /// Handles a key.
        pub fn handle_key(&mut self, key: KeyEvent) -> InputOutcome {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            match key.code {
                KeyCode::Char('s') if ctrl => InputOutcome::Submit,
                KeyCode::Char('c') if ctrl => InputOutcome::Cancel,
                KeyCode::Esc => InputOutcome::Submit,
                KeyCode::Enter if !self.multiline => InputOutcome::Submit,
                KeyCode::Enter => {
                    self.text.push('\n');
                    InputOutcome::Continue
                }
                KeyCode::Backspace => {
                    self.text.pop();
                    InputOutcome::Continue
                }
                KeyCode::Char(c) if !ctrl => {
                    self.text.push(c);
                    InputOutcome::Continue
                }
                _ => InputOutcome::Continue,
            }
        }
        /// Draws it.
        pub fn render(&self, frame: &mut Frame, area: Rect, title: &str) {
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(crate::sanitize::for_display(&self.text))
                    .block(Block::bordered().title(title.to_string())),
                area,
            );
        }
    }
}

/// Stand-in picker.
pub mod picker {
    use crossterm::event::{KeyCode, KeyEvent};
    use ratatui::Frame;
    use ratatui::layout::Rect;
    use ratatui::style::Color;
    use ratatui::widgets::{Block, Clear, Paragraph};

    /// An entry.
    #[derive(Debug, Clone)]
    pub struct PickerItem {
        /// Label.
        pub label: String,
        /// Swatch.
        pub color: Option<Color>,
        /// Already on.
        pub checked: bool,
    }

    /// Outcome of a key.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum PickerOutcome {
        /// Keep picking.
        Continue,
        /// Picked.
        Chosen(String),
        /// Abandoned.
        Cancel,
    }

    /// A picker.
    #[derive(Debug, Clone)]
    pub struct Picker {
        title: String,
        items: Vec<PickerItem>,
        query: String,
        selected: usize,
        allow_new: bool,
    }

    impl Picker {
        /// New picker.
        pub fn new(title: &str, items: Vec<PickerItem>, allow_new: bool) -> Picker {
            Picker {
                title: title.to_string(),
                items,
                query: String::new(),
                selected: 0,
                allow_new,
            }
        }
        fn visible(&self) -> Vec<&PickerItem> {
            let q = self.query.to_lowercase();
            self.items
                .iter()
                .filter(|i| i.label.to_lowercase().contains(&q))
                .collect()
        }
        /// Handles a key.
        pub fn handle_key(&mut self, key: KeyEvent) -> PickerOutcome {
            match key.code {
                KeyCode::Esc => PickerOutcome::Cancel,
                KeyCode::Down | KeyCode::Tab => {
                    self.selected += 1;
                    PickerOutcome::Continue
                }
                KeyCode::Up => {
                    self.selected = self.selected.saturating_sub(1);
                    PickerOutcome::Continue
                }
                KeyCode::Enter => {
                    let v = self.visible();
                    match v.get(self.selected.min(v.len().saturating_sub(1))) {
                        Some(i) => PickerOutcome::Chosen(i.label.clone()),
                        None if self.allow_new && !self.query.is_empty() => {
                            PickerOutcome::Chosen(self.query.clone())
                        }
                        None => PickerOutcome::Continue,
                    }
                }
                KeyCode::Backspace => {
                    self.query.pop();
                    PickerOutcome::Continue
                }
                KeyCode::Char(c) => {
                    self.query.push(c);
                    self.selected = 0;
                    PickerOutcome::Continue
                }
                _ => PickerOutcome::Continue,
            }
        }
        /// Draws it.
        pub fn render(&self, frame: &mut Frame, area: Rect) {
            frame.render_widget(Clear, area);
            let v = self.visible();
            let text: Vec<String> = v
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    let mark = if n == self.selected { ">" } else { " " };
                    let check = if i.checked { "x" } else { " " };
                    format!("{mark}[{check}] {}", i.label)
                })
                .collect();
            frame.render_widget(
                Paragraph::new(text.join("\n")).block(Block::bordered().title(self.title.clone())),
                area,
            );
        }
    }
}
