//! The template engine: handlebars in strict mode over templates compiled into the binary, and
//! the one `render` helper every page uses.

use axum::response::Html;
use handlebars::{Handlebars, handlebars_helper};
use serde::Serialize;

use crate::error::Result;
use crate::money::{Money, group_thousands};

/// Every template, by the name pages render it under.
const TEMPLATES: &[(&str, &str)] = &[
    ("layout", include_str!("../../templates/layout.hbs")),
    ("home", include_str!("../../templates/home.hbs")),
    ("errors/error", include_str!("../../templates/errors/error.hbs")),
];

handlebars_helper!(yuan: |fen: i64| Money(fen).display());
handlebars_helper!(thousands: |n: u64| group_thousands(n));

/// The registered templates (cheap to share behind an `Arc`).
pub struct Templates {
    hb: Handlebars<'static>,
}

impl Templates {
    /// Compiles every template; a template error stops start-up rather than a page later.
    pub fn new() -> anyhow::Result<Self> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_helper("yuan", Box::new(yuan));
        hb.register_helper("thousands", Box::new(thousands));
        for (name, source) in TEMPLATES {
            hb.register_template_string(name, *source).map_err(|e| anyhow::anyhow!("template {name}: {e}"))?;
        }
        Ok(Self { hb })
    }

    /// Renders `name` with `data` to a string.
    pub fn render_string<T: Serialize>(&self, name: &str, data: &T) -> Result<String> {
        Ok(self.hb.render(name, data)?)
    }

    /// Renders `name` with `data` as an HTML response.
    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<Html<String>> {
        self.render_string(name, data).map(Html)
    }
}
