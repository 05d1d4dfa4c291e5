//! The article's entity table: every speaker mention — full name, surname, role, pronoun,
//! `این مقام مسئول`, or nothing at all — resolved to one entity, over the whole article (a lead may
//! name a role before the body names the person).

use super::mention::{Mention, MentionKind};

/// One speaker of an article.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Entity {
    pub name: Option<String>,
    pub name_keys: Vec<String>,
    pub role: Option<String>,
    pub role_keys: Vec<String>,
    /// Introduced by a role alone; may be merged into the next newly named person.
    pub role_only: bool,
    /// A news medium: a source, not a speaker.
    pub media: bool,
}

impl Entity {
    fn joined(&self) -> String {
        self.name_keys.concat()
    }

    fn set_role(&mut self, m: &Mention) {
        if m.role_keys.len() > self.role_keys.len() {
            self.role = m.role.clone();
            self.role_keys = m.role_keys.clone();
        }
    }
}

/// Resolves mentions in article order.
#[derive(Debug, Default)]
pub(crate) struct EntityTable {
    pub entities: Vec<Entity>,
    last: Option<usize>,
    /// The latest role-only speaker still waiting for a name; kept apart from `last` because a
    /// background mention of the person (`NAME در نشست … اظهار کرد`) is seen before the statement.
    pending_role: Option<usize>,
}

/// How sure the resolution is, by the way the speaker was referred to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Evidence {
    Named,
    Role,
    Pronoun,
    Continued,
}

impl EntityTable {
    /// Registers every named mention first, so role mentions anywhere can find their person.
    pub fn register_names<'a>(&mut self, mentions: impl Iterator<Item = &'a Mention>) {
        for m in mentions {
            if matches!(m.kind, MentionKind::Name | MentionKind::Org) && m.strong {
                let i = self.find_name(m).unwrap_or_else(|| self.add_named(m));
                self.absorb_name(i, m);
            }
        }
    }

    fn add_named(&mut self, m: &Mention) -> usize {
        self.entities.push(Entity {
            name: m.name.clone(),
            name_keys: m.name_keys.clone(),
            media: m.media,
            ..Entity::default()
        });
        self.entities.len() - 1
    }

    fn absorb_name(&mut self, i: usize, m: &Mention) {
        let e = &mut self.entities[i];
        if m.name_keys.len() > e.name_keys.len() {
            e.name = m.name.clone();
            e.name_keys = m.name_keys.clone();
        }
        e.set_role(m);
    }

    /// The entity a name refers to: the same name, a part of it (a surname), or a joint variant.
    fn find_name(&self, m: &Mention) -> Option<usize> {
        let joined: String = m.name_keys.concat();
        if joined.is_empty() {
            return None;
        }
        let matches = |e: &Entity| {
            if e.name_keys.is_empty() {
                return false;
            }
            let ej = e.joined();
            ej == joined
                || m.name_keys.iter().all(|k| e.name_keys.contains(k))
                || e.name_keys.iter().all(|k| m.name_keys.contains(k))
                || (m.name_keys.len() == 1
                    && joined.chars().count() >= 3
                    && e.name_keys.iter().skip(1).any(|k| k.starts_with(&joined)))
        };
        let found: Vec<usize> = (0..self.entities.len())
            .filter(|&i| matches(&self.entities[i]))
            .collect();
        match found.as_slice() {
            [] => None,
            [one] => Some(*one),
            // Several people share the word (two Hosseinis): the most recent speaker, else the first.
            many => self.last.filter(|l| many.contains(l)).or(Some(many[0])),
        }
    }

    /// The entity whose role best matches a role mention: compatible head words (`دبیر`/`دبیرکل`)
    /// and half the mention's words shared, or the whole mention contained in the role.
    fn find_role(&self, m: &Mention) -> Option<usize> {
        let head = m.role_keys.first()?;
        let joined = m.role_keys.concat();
        let mut best: Option<(f32, usize)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            let Some(e_head) = e.role_keys.first() else {
                continue;
            };
            if !(e_head.starts_with(head.as_str()) || head.starts_with(e_head.as_str())) {
                continue;
            }
            let shared = m
                .role_keys
                .iter()
                .filter(|k| e.role_keys.contains(k))
                .count();
            let mut score = shared as f32 / m.role_keys.len() as f32;
            if e.role_keys.concat().contains(&joined) {
                score = 1.0;
            }
            let recent_bonus = if Some(i) == self.last { 0.01 } else { 0.0 };
            if score >= 0.5 && best.is_none_or(|(b, _)| score + recent_bonus > b) {
                best = Some((score + recent_bonus, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// A person named outside any statement (`سید محمدرضا هاشمی … گرامی داشت.`): known for
    /// surnames, and the antecedent of a following pronoun.
    pub fn background(&mut self, m: &Mention) {
        let i = match self.find_name(m) {
            Some(i) => i,
            None => {
                let i = self.add_named(m);
                self.absorb_name(i, m);
                i
            }
        };
        self.last = Some(i);
    }

    /// The entity a statement's speaker phrase (or its absence) refers to.
    pub fn resolve(&mut self, mention: Option<&Mention>) -> Option<(usize, Evidence)> {
        let resolved = match mention {
            None => self.last.map(|i| (i, Evidence::Continued)),
            Some(m) => match m.kind {
                MentionKind::Pronoun | MentionKind::Demonstrative => match self.last {
                    Some(i) => Some((i, Evidence::Pronoun)),
                    None if m.kind == MentionKind::Demonstrative => {
                        Some((self.add_unnamed(m, false), Evidence::Role))
                    }
                    None => None,
                },
                MentionKind::Name | MentionKind::Org => {
                    let i = match self.find_name(m) {
                        Some(i) => i,
                        None => {
                            let i = self.add_named(m);
                            self.absorb_name(i, m);
                            i
                        }
                    };
                    let i = self.merge_pending_role(i);
                    Some((i, Evidence::Named))
                }
                MentionKind::Role => Some((self.resolve_role(m), Evidence::Role)),
                MentionKind::Group => {
                    let same = self
                        .entities
                        .iter()
                        .position(|e| e.name.is_none() && e.role_keys == m.role_keys);
                    Some((
                        same.unwrap_or_else(|| self.add_unnamed(m, false)),
                        Evidence::Role,
                    ))
                }
            },
        };
        if let Some((i, _)) = resolved {
            self.last = Some(i);
        }
        resolved
    }

    fn resolve_role(&mut self, m: &Mention) -> usize {
        if let Some(i) = self.find_role(m) {
            return i;
        }
        // A role not seen before most often belongs to the person just quoted, if that person has
        // no role yet (`ناصر اصلانی اظهار داشت … فرمانده انتظامی غرب استان تهران تصریح کرد`).
        if let Some(i) = self.last {
            let e = &mut self.entities[i];
            if e.name.is_some() && e.role_keys.is_empty() {
                e.set_role(m);
                return i;
            }
        }
        let i = self.add_unnamed(m, true);
        self.pending_role = Some(i);
        i
    }

    fn add_unnamed(&mut self, m: &Mention, role_only: bool) -> usize {
        self.entities.push(Entity {
            role: m.role.clone(),
            role_keys: m.role_keys.clone(),
            role_only,
            ..Entity::default()
        });
        self.entities.len() - 1
    }

    /// `ROLE گفت … NAME افزود`: a person named right after an unmatched role, with no role of
    /// their own, is the holder of that role.
    fn merge_pending_role(&mut self, named: usize) -> usize {
        let Some(last) = self.pending_role.take() else {
            return named;
        };
        if last == named
            || !self.entities[last].role_only
            || !self.entities[named].role_keys.is_empty()
        {
            return named;
        }
        let role = std::mem::take(&mut self.entities[last]);
        let e = &mut self.entities[named];
        e.role = role.role;
        e.role_keys = role.role_keys;
        // The role entity's earlier statements now name the person too.
        let merged = e.clone();
        self.entities[last] = merged;
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(kind: MentionKind, name: &str, role: &str) -> Mention {
        let ks = |s: &str| {
            s.split_whitespace()
                .map(super::super::text::fold)
                .collect::<Vec<_>>()
        };
        Mention {
            kind,
            start: 0,
            end: 0,
            name: (!name.is_empty()).then(|| name.to_string()),
            name_keys: ks(name),
            role: (!role.is_empty()).then(|| role.to_string()),
            role_keys: ks(role),
            strong: true,
            media: false,
        }
    }

    #[test]
    fn surname_pronoun_and_role_resolve_to_one_person() {
        let full = m(MentionKind::Name, "فرامرز عظیمی", "شهردار کلانشهر قم");
        let mut t = EntityTable::default();
        t.register_names([&full].into_iter());
        let role = m(MentionKind::Role, "", "شهردار قم");
        assert_eq!(t.resolve(Some(&role)).map(|r| r.0), Some(0));
        assert_eq!(
            t.resolve(Some(&m(MentionKind::Name, "عظیمی", "")))
                .map(|r| r.0),
            Some(0)
        );
        assert_eq!(
            t.resolve(Some(&m(MentionKind::Pronoun, "", "")))
                .map(|r| r.0),
            Some(0)
        );
        assert_eq!(t.resolve(None).map(|r| r.0), Some(0));
        assert_eq!(t.entities.len(), 1);
    }

    #[test]
    fn unseen_role_attaches_to_last_roleless_person() {
        let mut t = EntityTable::default();
        let name = m(MentionKind::Name, "ناصر اصلانی", "");
        t.register_names([&name].into_iter());
        t.resolve(Some(&name));
        let (i, _) = t
            .resolve(Some(&m(MentionKind::Role, "", "فرمانده انتظامی")))
            .unwrap();
        assert_eq!(i, 0);
        assert_eq!(t.entities[0].role.as_deref(), Some("فرمانده انتظامی"));
    }

    #[test]
    fn surname_prefix_of_joined_name() {
        let mut t = EntityTable::default();
        let full = m(MentionKind::Name, "ربیع فلاح‌جلودار", "");
        t.register_names([&full].into_iter());
        assert_eq!(
            t.resolve(Some(&m(MentionKind::Name, "فلاح", "")))
                .map(|r| r.0),
            Some(0)
        );
    }
}
