//! bilateral-digest: a static site generator for a news digest on the
//! relations between two countries.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! `seeds/*.txt` → [`ingest`] (clean, extract) → [`classify`] (themes, places,
//! translations, figures) → `content/**/*.md` → [`content`] (load) → [`site`]
//! (model and indexes) → [`render`] (Tera), [`feeds`], [`search`] → [`output`]
//! (`public/`, swapped in only when complete).

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
