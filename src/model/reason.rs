//! A rule's reason and test labels as data: a text key and the named values the text is
//! built from. The sentences themselves live beside the rules (`rules/<rule>.<lang>.toml`)
//! and are rendered by [`crate::rules::texts`] only when an output shows them, in the language
//! it asks for; the engine keeps nothing but the key and the values.

use rhai::{Dynamic, ImmutableString, Map};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The named values a rule passed with a text key (`#{embargoes: e, cases: c}`), kept as
/// the rule made them: no conversion or formatting while the rule runs. Shared, so that
/// a result kept for other countries with the same input is copied without them.
#[derive(Debug, Clone, Default)]
pub struct Values(pub(crate) std::sync::Arc<Map>);

impl Values {
    /// Whether the rule passed no values.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names of the values, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(|k| k.as_str())
    }

    /// One value as JSON, if the rule passed it.
    pub fn get(&self, name: &str) -> Option<serde_json::Value> {
        self.0.get(name).map(dynamic_to_json)
    }

    /// The values as a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.0
                .iter()
                .map(|(k, v)| (k.to_string(), dynamic_to_json(v)))
                .collect(),
        )
    }

    /// The values for a template.
    pub(crate) fn to_template(&self) -> minijinja::Value {
        minijinja::Value::from(
            self.0
                .iter()
                .map(|(k, v)| (k.to_string(), dynamic_to_template(v)))
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
    }

    /// Hashes exactly what [`Values::same`] compares (for a cache of rendered texts).
    pub(crate) fn hash_into(&self, state: &mut impl std::hash::Hasher) {
        state.write_usize(self.0.len());
        for (k, v) in self.0.iter() {
            state.write(k.as_bytes());
            hash_dynamic(v, state);
        }
    }

    /// Whether a text built from these values and one built from `other` must read the
    /// same: equal names, and values of the same type that are equal to the bit.
    pub(crate) fn same(&self, other: &Values) -> bool {
        // A result shared by the memo shares its values maps: one pointer decides.
        std::sync::Arc::ptr_eq(&self.0, &other.0)
            || self.0.len() == other.0.len()
                && self
                    .0
                    .iter()
                    .zip(other.0.iter())
                    .all(|((ka, va), (kb, vb))| ka == kb && same_dynamic(va, vb))
    }

    /// A values map built from JSON-like pairs (for the engine's own reasons and tests).
    pub fn from_pairs<I, K, V>(pairs: I) -> Values
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<rhai::Identifier>,
        V: Into<Dynamic>,
    {
        Values(std::sync::Arc::new(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        ))
    }
}

/// Values compare by what they hold: 3 and 3.0 differ, as their texts would.
impl PartialEq for Values {
    fn eq(&self, other: &Values) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0.iter())
                .all(|((ka, va), (kb, vb))| ka == kb && dynamic_to_json(va) == dynamic_to_json(vb))
    }
}

impl Serialize for Values {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter() {
            map.serialize_entry(k.as_str(), &AsJson(v))?;
        }
        map.end()
    }
}

/// Why a criterion has its rating: the key of a text in the rule's text files (or in
/// `rules/common.*.toml` for the engine's own reasons) and the values it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The text key, as the rule wrote it.
    pub key: ImmutableString,
    /// The values the rule passed with it.
    pub values: Values,
}

impl Reason {
    /// A reason with `key` and `values`.
    pub fn new(key: impl Into<ImmutableString>, values: Values) -> Reason {
        Reason {
            key: key.into(),
            values,
        }
    }
}

/// The key of the engine's reason for a rule stopped by a missing value; its value
/// `ids` lists the indicators without a value. The text is in `rules/common.*.toml`.
pub const VALUES_MISSING: &str = "values_missing";

/// Keys of `rules/common.*.toml` the engine itself uses.
pub const ENGINE_KEYS: [&str; 1] = [VALUES_MISSING];

pub(crate) fn dynamic_to_json(d: &Dynamic) -> serde_json::Value {
    if let Ok(i) = d.as_int() {
        i.into()
    } else if let Ok(x) = d.as_float() {
        serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, Into::into)
    } else if let Ok(b) = d.as_bool() {
        b.into()
    } else if d.is_unit() {
        serde_json::Value::Null
    } else if d.is_array() {
        serde_json::Value::Array(
            d.read_lock::<rhai::Array>()
                .map(|a| a.iter().map(dynamic_to_json).collect())
                .unwrap_or_default(),
        )
    } else if d.is_map() {
        serde_json::Value::Object(
            d.read_lock::<Map>()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.to_string(), dynamic_to_json(v)))
                        .collect()
                })
                .unwrap_or_default(),
        )
    } else {
        d.to_string().into()
    }
}

/// A rule's value written as [`dynamic_to_json`] would give it, without building that
/// tree first (the batch writes some 200,000 values).
struct AsJson<'a>(&'a Dynamic);

impl Serialize for AsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let d = self.0;
        if let Ok(i) = d.as_int() {
            serializer.serialize_i64(i)
        } else if let Ok(x) = d.as_float() {
            match x.is_finite() {
                true => serializer.serialize_f64(x),
                false => serializer.serialize_unit(),
            }
        } else if let Ok(b) = d.as_bool() {
            serializer.serialize_bool(b)
        } else if d.is_unit() {
            serializer.serialize_unit()
        } else if let Ok(s) = d.as_immutable_string_ref() {
            serializer.serialize_str(&s)
        } else if d.is_array() {
            let array = d.read_lock::<rhai::Array>();
            let items = array.as_deref().map_or(&[][..], |a| a.as_slice());
            let mut seq = serializer.serialize_seq(Some(items.len()))?;
            for item in items {
                seq.serialize_element(&AsJson(item))?;
            }
            seq.end()
        } else if d.is_map() {
            let map = d.read_lock::<Map>();
            let mut out = serializer.serialize_map(map.as_deref().map(|m| m.len()))?;
            for (k, v) in map.iter().flat_map(|m| m.iter()) {
                out.serialize_entry(k.as_str(), &AsJson(v))?;
            }
            out.end()
        } else {
            serializer.serialize_str(&d.to_string())
        }
    }
}

fn hash_dynamic(d: &Dynamic, state: &mut impl std::hash::Hasher) {
    if let Ok(i) = d.as_int() {
        state.write_u8(0);
        state.write_i64(i);
    } else if let Ok(x) = d.as_float() {
        state.write_u8(1);
        state.write_u64(x.to_bits());
    } else if let Ok(b) = d.as_bool() {
        state.write_u8(2);
        state.write_u8(b as u8);
    } else if d.is_unit() {
        state.write_u8(3);
    } else if d.is_array() {
        state.write_u8(4);
        if let Some(a) = d.read_lock::<rhai::Array>() {
            state.write_usize(a.len());
            a.iter().for_each(|item| hash_dynamic(item, state));
        }
    } else if d.is_map() {
        state.write_u8(5);
        if let Some(m) = d.read_lock::<Map>() {
            state.write_usize(m.len());
            for (k, v) in m.iter() {
                state.write(k.as_bytes());
                hash_dynamic(v, state);
            }
        }
    } else {
        state.write_u8(6);
        state.write(d.type_name().as_bytes());
        state.write(d.to_string().as_bytes());
    }
}

fn same_dynamic(a: &Dynamic, b: &Dynamic) -> bool {
    if let (Ok(x), Ok(y)) = (a.as_int(), b.as_int()) {
        x == y
    } else if let (Ok(x), Ok(y)) = (a.as_float(), b.as_float()) {
        x.to_bits() == y.to_bits()
    } else if let (Ok(x), Ok(y)) = (a.as_bool(), b.as_bool()) {
        x == y
    } else if a.is_unit() || b.is_unit() {
        a.is_unit() && b.is_unit()
    } else if a.is_array() && b.is_array() {
        match (a.read_lock::<rhai::Array>(), b.read_lock::<rhai::Array>()) {
            (Some(x), Some(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_dynamic(p, q))
            }
            _ => false,
        }
    } else if a.is_map() && b.is_map() {
        match (a.read_lock::<Map>(), b.read_lock::<Map>()) {
            (Some(x), Some(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y.iter())
                        .all(|((ka, va), (kb, vb))| ka == kb && same_dynamic(va, vb))
            }
            _ => false,
        }
    } else {
        a.type_name() == b.type_name() && a.to_string() == b.to_string()
    }
}

fn dynamic_to_template(d: &Dynamic) -> minijinja::Value {
    use minijinja::Value as V;
    if let Ok(i) = d.as_int() {
        V::from(i)
    } else if let Ok(x) = d.as_float() {
        V::from(x)
    } else if let Ok(b) = d.as_bool() {
        V::from(b)
    } else if d.is_unit() {
        V::from(())
    } else if d.is_array() {
        d.read_lock::<rhai::Array>()
            .map(|a| V::from_iter(a.iter().map(dynamic_to_template)))
            .unwrap_or_default()
    } else if d.is_map() {
        d.read_lock::<Map>()
            .map(|m| {
                V::from(
                    m.iter()
                        .map(|(k, v)| (k.to_string(), dynamic_to_template(v)))
                        .collect::<std::collections::BTreeMap<_, _>>(),
                )
            })
            .unwrap_or_default()
    } else {
        V::from(d.to_string())
    }
}

/// What turns keys and values into sentences. The rules layer only knows this trait;
/// the texts beside the rules implement it (`rules::texts::RuleTexts`), so a result
/// renders in the language an output asks for, with the texts of the rule set that made it.
pub trait Wording: Send + Sync + std::fmt::Debug {
    /// The reason's sentence in `lang`.
    fn reason(&self, reason: &Reason, lang: crate::model::rating::Lang) -> String;
    /// A test's label in `lang`.
    fn test(&self, key: &str, values: &Values, lang: crate::model::rating::Lang) -> String;
    /// A trace step's label in `lang`: a test's label; None for the other steps.
    fn step_label(
        &self,
        step: &crate::model::trace::Step,
        lang: crate::model::rating::Lang,
    ) -> Option<String> {
        match step {
            crate::model::trace::Step::Test { key, values, .. } => {
                Some(self.test(key, values, lang))
            }
            _ => None,
        }
    }
}

/// Wording for results made without text files (tests of the engine alone): the key
/// itself, with its values.
#[derive(Debug)]
pub struct KeysOnly;

impl Wording for KeysOnly {
    fn reason(&self, reason: &Reason, _: crate::model::rating::Lang) -> String {
        keyed(&reason.key, &reason.values)
    }
    fn test(&self, key: &str, values: &Values, _: crate::model::rating::Lang) -> String {
        keyed(key, values)
    }
}

fn keyed(key: &str, values: &Values) -> String {
    if values.is_empty() {
        key.to_string()
    } else {
        format!("{key} {}", values.to_json())
    }
}

/// Serialises a key (rhai's shared string) as a plain string.
pub(crate) fn serialize_key<S: Serializer>(
    key: &ImmutableString,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(key.as_str())
}

/// `{key, values}`; outputs add the text in their language beside them.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("key", self.key.as_str())?;
        map.serialize_entry("values", &self.values)?;
        map.end()
    }
}
