//! Small reusable widgets for popups: a text input and a filterable picker.

pub mod picker;
pub mod text_input;

pub use picker::{Picker, PickerItem, PickerOutcome};
pub use text_input::{InputOutcome, TextInput};

use ratatui::layout::Rect;

/// A rect of `percent_x` × `percent_y` of `area`, centred in it (at least 1×1 when `area`
/// is not empty; never larger than `area`).
pub fn centered_rect(percent_x: u16, percent_y: u16, area: Rect) -> Rect {
    let scale = |len: u16, pct: u16| -> u16 {
        let scaled = u32::from(len) * u32::from(pct.min(100)) / 100;
        u16::try_from(scaled).unwrap_or(len).clamp(len.min(1), len)
    };
    let width = scale(area.width, percent_x);
    let height = scale(area.height, percent_y);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centered_rect_is_centred_and_clamped() {
        let area = Rect::new(10, 5, 100, 40);
        assert_eq!(centered_rect(50, 50, area), Rect::new(35, 15, 50, 20));
        assert_eq!(centered_rect(200, 200, area), area);
        assert_eq!(centered_rect(0, 0, area), Rect::new(59, 24, 1, 1));
        let tiny = Rect::new(3, 3, 1, 1);
        assert_eq!(centered_rect(60, 60, tiny), tiny);
        let empty = Rect::new(0, 0, 0, 0);
        assert_eq!(centered_rect(50, 50, empty), empty);
    }
}
