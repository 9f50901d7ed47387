//! bilateral-digest: a static site generator for a news digest on the
//! relations between two countries.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! [`cli`] → [`build`] (the driver and its plan) → `seeds/*.txt` →
//! [`ingest`] (clean, extract, record) → [`classify`] (themes, places,
//! figures, story links) → `content/**/*.md` → [`content`] (load) → [`site`]
//! (model and indexes) → [`render`] (pages, feeds, sitemap, search, charts)
//! → [`output`] (`public/`, swapped in only when complete). [`types`],
//! [`error`] and [`config`] are shared by all. ARCHITECTURE.md has the map.

pub mod build;
pub mod classify;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod ingest;
pub mod output;
pub mod render;
pub mod site;
pub mod types;

pub use error::{Error, Result};
