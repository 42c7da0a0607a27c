//! Chart colours: the page's `--fg`, `--bg` and `--border` CSS variables (switched by
//! `html[data-theme]`) and a series palette that stays readable on that background.

use plotters::style::RGBColor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// "#1f77b4", for legend swatches and the tooltip.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    pub fn plotters(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// Relative luminance, 0 (black) to 1 (white), to tell dark backgrounds from light ones.
    pub fn luminance(self) -> f64 {
        (0.2126 * f64::from(self.0) + 0.7152 * f64::from(self.1) + 0.0722 * f64::from(self.2))
            / 255.0
    }
}

/// Tableau 10 without its grey (too close to the grid lines): distinct on white.
pub const LIGHT_PALETTE: [Rgb; 9] = [
    Rgb(31, 119, 180),
    Rgb(255, 127, 14),
    Rgb(44, 160, 44),
    Rgb(214, 39, 40),
    Rgb(148, 103, 189),
    Rgb(140, 86, 75),
    Rgb(227, 119, 194),
    Rgb(188, 189, 34),
    Rgb(23, 190, 207),
];

/// Brighter hues of the same order for dark backgrounds.
pub const DARK_PALETTE: [Rgb; 9] = [
    Rgb(88, 166, 255),
    Rgb(255, 166, 87),
    Rgb(86, 211, 100),
    Rgb(255, 123, 114),
    Rgb(188, 140, 255),
    Rgb(224, 166, 140),
    Rgb(255, 146, 211),
    Rgb(227, 220, 75),
    Rgb(57, 210, 224),
];

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Axis labels and the "No data" text.
    pub fg: Rgb,
    /// Grid lines and the plot frame.
    pub grid: Rgb,
    pub background: Rgb,
    /// Series `i` is drawn in `palette[i % palette.len()]`.
    pub palette: Vec<Rgb>,
    /// Marks of runs (the timeline, the heartbeat strips): on time, missed or late, failed.
    pub ok: Rgb,
    pub warn: Rgb,
    pub bad: Rgb,
}

impl Theme {
    /// The light theme of style/main.css, also the fallback when its variables are missing.
    pub fn light() -> Theme {
        Theme {
            fg: Rgb(0x1b, 0x1f, 0x24),
            grid: Rgb(0xd0, 0xd7, 0xde),
            background: Rgb(0xff, 0xff, 0xff),
            palette: LIGHT_PALETTE.to_vec(),
            ok: Rgb(0x1a, 0x7f, 0x37),
            warn: Rgb(0x9a, 0x67, 0x00),
            bad: Rgb(0xcf, 0x22, 0x2e),
        }
    }

    pub fn dark() -> Theme {
        Theme {
            fg: Rgb(0xe6, 0xed, 0xf3),
            grid: Rgb(0x30, 0x36, 0x3d),
            background: Rgb(0x0d, 0x11, 0x17),
            palette: DARK_PALETTE.to_vec(),
            ok: Rgb(0x3f, 0xb9, 0x50),
            warn: Rgb(0xd2, 0x99, 0x22),
            bad: Rgb(0xf8, 0x51, 0x49),
        }
    }

    /// Colours from the CSS variables; missing or unparsable ones come from the theme their
    /// background suggests.
    pub fn from_css(fg: &str, grid: &str, background: &str) -> Theme {
        let base = match parse_css_color(background) {
            Some(bg) if bg.luminance() < 0.5 => Theme::dark(),
            _ => Theme::light(),
        };
        Theme {
            fg: parse_css_color(fg).unwrap_or(base.fg),
            grid: parse_css_color(grid).unwrap_or(base.grid),
            background: parse_css_color(background).unwrap_or(base.background),
            ..base
        }
    }

    /// Reads `--fg`, `--border`, `--bg` and the status colours `--ok`, `--warn`, `--bad` as
    /// computed on <html> right now.
    pub fn from_document() -> Theme {
        let read = || -> Option<Theme> {
            let window = web_sys::window()?;
            let root = window.document()?.document_element()?;
            let style = window.get_computed_style(&root).ok()??;
            let var = |name: &str| style.get_property_value(name).unwrap_or_default();
            let theme = Theme::from_css(&var("--fg"), &var("--border"), &var("--bg"));
            let status =
                |name: &str, fallback: Rgb| parse_css_color(&var(name)).unwrap_or(fallback);
            Some(Theme {
                ok: status("--ok", theme.ok),
                warn: status("--warn", theme.warn),
                bad: status("--bad", theme.bad),
                ..theme
            })
        };
        read().unwrap_or_else(Theme::light)
    }

    pub fn series_color(&self, index: usize) -> Rgb {
        if self.palette.is_empty() {
            return self.fg;
        }
        self.palette[index % self.palette.len()]
    }
}

/// "#abc", "#aabbcc", "#aabbccdd" (alpha ignored), "rgb(1, 2, 3)", "rgba(1 2 3 / 50%)".
pub fn parse_css_color(text: &str) -> Option<Rgb> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return match hex.len() {
            3 | 4 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 | 8 => Some(Rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        };
    }
    let inner = text
        .strip_prefix("rgba(")
        .or_else(|| text.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let mut parts = inner
        .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<f64>()
                .ok()
                .map(|v| v.round().clamp(0.0, 255.0) as u8)
        });
    Some(Rgb(parts.next()??, parts.next()??, parts.next()??))
}
