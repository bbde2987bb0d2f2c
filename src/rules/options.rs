//! A rule's options: the rule defines their type, defaults, parsing and schema; configuration
//! only hands over the `key: value` pairs written under `rules: { FMxxx: { … } }`. So a new
//! option is an edit to one rule file, and `config` names no rule.

use std::any::Any;
use std::fmt::Debug;
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::registry::{REGISTRY, RuleId};
use crate::yaml::{Node, NodeKind, Scalar};

/// Why a value is not one an option takes; shown at the value's place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    /// A part of the value (one item of a list) when that is what is wrong; else the value.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

impl OptionError {
    pub fn new(message: impl Into<String>, label: impl Into<String>) -> Self {
        OptionError {
            span: None,
            message: message.into(),
            label: label.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }
}

/// What a rule with options implements.
pub trait Options: Clone + Default + Debug + Send + Sync + 'static {
    /// The keys it takes, besides `severity` (which every rule takes).
    const KEYS: &'static [&'static str];
    /// Sets one key from its configured value; `key` is one of [`Options::KEYS`].
    fn set(&mut self, key: &str, value: &Node) -> Result<(), OptionError>;
    /// Each key's value as `fmlint config` shows it, in [`Options::KEYS`] order.
    fn describe(&self) -> Vec<(&'static str, String)>;
    /// Each key's JSON Schema, in [`Options::KEYS`] order.
    fn schema() -> Vec<(&'static str, Value)>;
}

/// [`Options`] behind a pointer, so one store holds every rule's.
pub trait DynOptions: Debug + Send + Sync {
    fn set(&mut self, key: &str, value: &Node) -> Result<(), OptionError>;
    fn describe(&self) -> Vec<(&'static str, String)>;
    fn boxed_clone(&self) -> Box<dyn DynOptions>;
    fn as_any(&self) -> &dyn Any;
}

impl<T: Options> DynOptions for T {
    fn set(&mut self, key: &str, value: &Node) -> Result<(), OptionError> {
        Options::set(self, key, value)
    }
    fn describe(&self) -> Vec<(&'static str, String)> {
        Options::describe(self)
    }
    fn boxed_clone(&self) -> Box<dyn DynOptions> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// How to make and describe one rule's options, without knowing their type.
pub struct OptionsSpec {
    pub keys: &'static [&'static str],
    pub default: fn() -> Box<dyn DynOptions>,
    pub schema: fn() -> Vec<(&'static str, Value)>,
}

fn default_of<T: Options>() -> Box<dyn DynOptions> {
    Box::new(T::default())
}

impl OptionsSpec {
    pub const fn of<T: Options>() -> Self {
        OptionsSpec {
            keys: T::KEYS,
            default: default_of::<T>,
            schema: T::schema,
        }
    }
}

/// Every rule's options, indexed by rule; `None` for a rule that takes none.
#[derive(Debug, Clone)]
pub struct OptionStore(Vec<Option<Arc<dyn DynOptions>>>);

impl Default for OptionStore {
    fn default() -> Self {
        OptionStore(
            REGISTRY
                .iter()
                .map(|r| super::options_spec(r.id).map(|s| Arc::from((s.default)())))
                .collect(),
        )
    }
}

impl OptionStore {
    /// The options of the rule whose options are `T`.
    ///
    /// # Panics
    /// When `rule`'s options are not a `T`: a programming error caught by every rule's tests.
    pub fn get<T: Options>(&self, rule: RuleId) -> &T {
        self.0[rule as usize]
            .as_ref()
            .and_then(|o| o.as_any().downcast_ref())
            .unwrap_or_else(|| panic!("{} has no options of this type", rule.rule().code))
    }

    pub fn set(&mut self, rule: RuleId, key: &str, value: &Node) -> Result<(), OptionError> {
        let Some(slot) = self.0.get_mut(rule as usize).and_then(Option::as_mut) else {
            return Err(OptionError::new("this rule takes no options", "no options"));
        };
        let mut fresh = slot.boxed_clone();
        fresh.set(key, value)?;
        *slot = Arc::from(fresh);
        Ok(())
    }

    /// Replaces `rule`'s options as a whole (tests, `fmlint init`'s trials).
    pub fn replace<T: Options>(&mut self, rule: RuleId, options: T) {
        self.0[rule as usize] = Some(Arc::new(options));
    }

    pub fn describe(&self, rule: RuleId) -> Vec<(&'static str, String)> {
        self.0[rule as usize]
            .as_ref()
            .map(|o| o.describe())
            .unwrap_or_default()
    }
}

/// A rule's options as a JSON Schema object (with `severity`).
pub fn schema_of(rule: RuleId, severity: Value) -> Value {
    let mut props = Map::new();
    props.insert("severity".into(), severity);
    if let Some(spec) = super::options_spec(rule) {
        for (k, v) in (spec.schema)() {
            props.insert(k.into(), v);
        }
    }
    serde_json::json!({"type": "object", "additionalProperties": false, "properties": props})
}

// Readers the rules' `set` share: the messages match the rest of the configuration's.

pub fn text(value: &Node) -> String {
    value.display()
}

pub fn strings(key: &str, value: &Node) -> Result<Vec<String>, OptionError> {
    match &value.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .map(|i| match i.scalar() {
                Some(Scalar::Str(s)) => Ok(s.to_string()),
                _ => Err(OptionError::new(
                    format!(
                        "`{key}` must be a list of strings; this item is {}",
                        i.type_name()
                    ),
                    "expected a string",
                )
                .help("quote it")
                .at(i.span.clone())),
            })
            .collect(),
        _ => Err(OptionError::new(
            format!("`{key}` must be a list, found {}", value.type_name()),
            "expected a list like `[a, b]`",
        )),
    }
}

pub fn enum_schema(names: &[&str], description: Option<&str>) -> Value {
    let mut v = serde_json::json!({ "enum": names });
    if let Some(d) = description {
        v["description"] = d.into();
    }
    v
}
