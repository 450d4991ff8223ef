//! One mode's bindings as a trie of keys, so sequences (`gg`) are ordinary bindings, and
//! the rule for a key that is both bound and the start of a longer sequence lives in one
//! place ([`Trie::feed`]).

use std::collections::HashMap;

use super::key::Key;
use crate::action::Action;

/// A node: the action its sequence runs (if bound) and the longer sequences through it.
#[derive(Debug, Clone, Default)]
pub struct Trie {
    action: Option<Action>,
    next: HashMap<Key, Trie>,
}

/// What one key press amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Run this action.
    Act(Action),
    /// No binding starts with this key.
    Unbound(Key),
}

impl Trie {
    /// Binds `keys` to `action` (replacing what was there).
    pub fn insert(&mut self, keys: &[Key], action: Action) {
        let mut node = self;
        for k in keys {
            node = node.next.entry(*k).or_default();
        }
        node.action = Some(action);
    }

    /// Removes the binding of `keys` (longer sequences through it stay).
    pub fn remove(&mut self, keys: &[Key]) {
        let Some((first, rest)) = keys.split_first() else {
            self.action = None;
            return;
        };
        if let Some(child) = self.next.get_mut(first) {
            child.remove(rest);
            if child.action.is_none() && child.next.is_empty() {
                self.next.remove(first);
            }
        }
    }

    fn node(&self, keys: &[Key]) -> Option<&Trie> {
        keys.iter().try_fold(self, |n, k| n.next.get(k))
    }

    /// The action bound to exactly `keys`.
    pub fn get(&self, keys: &[Key]) -> Option<Action> {
        self.node(keys).and_then(|n| n.action)
    }

    /// Whether `keys` is a sequence begun that waits for its next key before acting.
    pub fn waits(&self, keys: &[Key]) -> bool {
        self.node(keys)
            .is_some_and(|n| !n.next.is_empty() && !n.acts_at_once())
    }

    /// Every binding: (keys, action), in no particular order.
    pub fn bindings(&self) -> Vec<(Vec<Key>, Action)> {
        let mut out = Vec::new();
        self.collect(&mut Vec::new(), &mut out);
        out
    }

    fn collect(&self, path: &mut Vec<Key>, out: &mut Vec<(Vec<Key>, Action)>) {
        if let Some(a) = self.action
            && !path.is_empty()
        {
            out.push((path.clone(), a));
        }
        for (k, child) in &self.next {
            path.push(*k);
            child.collect(path, out);
            path.pop();
        }
    }

    /// Whether a bound node may act as soon as it is reached although longer sequences go
    /// through it: when they all do the same thing, waiting would only delay it.
    fn acts_at_once(&self) -> bool {
        let Some(a) = self.action else { return false };
        self.next.values().all(|c| c.all_are(a))
    }

    fn all_are(&self, a: Action) -> bool {
        self.action.is_none_or(|x| x == a) && self.next.values().all(|c| c.all_are(a))
    }

    /// Feeds one key after the keys still `pending` and says what to do. `pending` is
    /// updated: it holds the keys of a sequence begun but not finished. No clock is
    /// involved, so a script of keys always gives the same result:
    /// - a key that ends a sequence runs its action;
    /// - a key that starts (or continues) a longer sequence waits, unless it is bound and
    ///   every longer sequence through it does the same (then it acts at once: `g` and
    ///   `gg`);
    /// - a key that does not continue the pending sequence first runs what the pending
    ///   keys are bound to (if they waited), then counts on its own.
    pub fn feed(&self, pending: &mut Vec<Key>, key: Key) -> Vec<Step> {
        let mut seq = pending.clone();
        seq.push(key);
        match self.node(&seq) {
            Some(node) if !node.next.is_empty() => {
                let acted = node.acts_at_once();
                *pending = seq;
                match node.action {
                    Some(a) if acted => vec![Step::Act(a)],
                    _ => Vec::new(),
                }
            }
            Some(node) => {
                pending.clear();
                match node.action {
                    Some(a) => vec![Step::Act(a)],
                    None => vec![Step::Unbound(key)],
                }
            }
            None if pending.is_empty() => vec![Step::Unbound(key)],
            None => {
                let prev = std::mem::take(pending);
                let mut out = Vec::new();
                if let Some(n) = self.node(&prev)
                    && !n.acts_at_once()
                    && let Some(a) = n.action
                {
                    out.push(Step::Act(a));
                }
                out.extend(self.feed(pending, key));
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::key::parse_binding;
    use super::*;

    fn ks(s: &str) -> Vec<Key> {
        parse_binding(s).unwrap()
    }

    fn feed_all(t: &Trie, s: &str) -> (Vec<Step>, Vec<Key>) {
        let mut pending = Vec::new();
        let mut out = Vec::new();
        for k in ks(s) {
            out.extend(t.feed(&mut pending, k));
        }
        (out, pending)
    }

    #[test]
    fn a_prefix_that_means_the_same_acts_at_once() {
        let mut t = Trie::default();
        t.insert(&ks("g"), Action::Top);
        t.insert(&ks("gg"), Action::Top);
        t.insert(&ks("j"), Action::Down);
        let (steps, pending) = feed_all(&t, "g");
        assert_eq!(steps, [Step::Act(Action::Top)]);
        assert_eq!(pending, ks("g"));
        let (steps, pending) = feed_all(&t, "gg");
        assert_eq!(steps, [Step::Act(Action::Top), Step::Act(Action::Top)]);
        assert!(pending.is_empty());
        let (steps, _) = feed_all(&t, "gj");
        assert_eq!(steps, [Step::Act(Action::Top), Step::Act(Action::Down)]);
    }

    #[test]
    fn a_prefix_with_other_meanings_waits_for_the_next_key() {
        let mut t = Trie::default();
        t.insert(&ks("g"), Action::Top);
        t.insert(&ks("gd"), Action::Delete);
        t.insert(&ks("j"), Action::Down);
        let (steps, pending) = feed_all(&t, "g");
        assert!(steps.is_empty());
        assert_eq!(pending, ks("g"));
        assert_eq!(feed_all(&t, "gd").0, [Step::Act(Action::Delete)]);
        assert_eq!(
            feed_all(&t, "gj").0,
            [Step::Act(Action::Top), Step::Act(Action::Down)]
        );
        let z = ks("Z")[0];
        assert_eq!(
            feed_all(&t, "gZ").0,
            [Step::Act(Action::Top), Step::Unbound(z)]
        );
    }

    #[test]
    fn unbound_prefix_alone_then_other_key() {
        let mut t = Trie::default();
        t.insert(&ks("zz"), Action::Top);
        t.insert(&ks("j"), Action::Down);
        let (steps, pending) = feed_all(&t, "z");
        assert!(steps.is_empty());
        assert_eq!(pending, ks("z"));
        assert_eq!(feed_all(&t, "zj").0, [Step::Act(Action::Down)]);
        t.remove(&ks("zz"));
        assert_eq!(feed_all(&t, "z").0, [Step::Unbound(ks("z")[0])]);
    }
}
