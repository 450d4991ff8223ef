//! The entity view's chart: mentions over time as ratatui's `Sparkline`, above the list
//! of articles, with the first and last week or month shown and the busiest one named.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Sparkline};

use crate::app::App;
use crate::widgets::picker::Picker;

/// Rows the chart takes: its border and three rows of bars.
const CHART_H: u16 = 5;

/// Draws the entity view: the chart on top of `area` and the picker under it, or the
/// picker alone with the chart as text in its title when `area` is too small.
pub fn draw_with_picker(frame: &mut Frame, app: &App, picker: &Picker, area: Rect) {
    let Some(chart) = &app.corpus_chart else {
        picker.render(frame, area);
        return;
    };
    if area.height < CHART_H + 6 || area.width < 24 {
        picker.render_titled(frame, area, &format!(" · {}", chart.text));
        return;
    }
    let top = Rect {
        height: CHART_H,
        ..area
    };
    let rest = Rect {
        y: area.y + CHART_H,
        height: area.height - CHART_H,
        ..area
    };
    // The most recent weeks or months when there are more than columns.
    let cols = usize::from(top.width.saturating_sub(2));
    let from = chart.counts.len().saturating_sub(cols);
    let counts = &chart.counts[from..];
    let labels = &chart.labels[from..];
    let unit = if chart.weekly { "week" } else { "month" };
    let peak = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i)))
        .map(|(i, c)| (labels.get(i).cloned().unwrap_or_default(), *c));
    let title = match peak {
        Some((at, n)) => format!(" mentions by {unit} · most: {n} ({at}) "),
        None => format!(" mentions by {unit} "),
    };
    let range = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) if a != b => format!(" {a} … {b} "),
        (Some(a), _) => format!(" {a} "),
        _ => String::new(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.accent))
        .title(title)
        .title_bottom(Line::from(range).right_aligned());
    frame.render_widget(Clear, top);
    frame.render_widget(
        Sparkline::default()
            .block(block)
            .data(counts.iter().copied())
            .style(Style::default().fg(app.theme.accent)),
        top,
    );
    picker.render(frame, rest);
}
