//! Cursor movement over the body by words and sentences, in char offsets.
