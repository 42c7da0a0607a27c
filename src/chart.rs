//! The only drawing code: plotters on an HTML canvas, plus the browser glue a chart needs
//! (theme colours from CSS variables, size and theme watchers). The maths is in `core`.

pub mod axes;
pub mod observe;
pub mod render;
pub mod strip;
pub mod theme;
pub mod timeline;
