//! The console's chart drawing (`gatewatch::chart::render::render`, what `TimeChart` calls on
//! every redraw) exported to JavaScript for bench/web/chart.html. The data is handed over once;
//! `redraw` then times nothing but the drawing of a full frame from data already in memory.

#[cfg(target_arch = "wasm32")]
mod bench {
    use gatewatch::chart::render::{render, Frame};
    use gatewatch::chart::theme::Theme;
    use gatewatch_core::charts::chart_data::{ChartSeries, Grid};
    use wasm_bindgen::prelude::*;
    use web_sys::HtmlCanvasElement;

    /// One chart: a canvas, a time grid and its series, as `TimeChart` holds them.
    #[wasm_bindgen]
    pub struct ChartBench {
        canvas: HtmlCanvasElement,
        grid: Grid,
        series: Vec<ChartSeries>,
        visible: Vec<bool>,
        theme: Theme,
        dpr: f64,
    }

    #[wasm_bindgen]
    impl ChartBench {
        /// `values`: `n_series` runs of `len` values, series after series (NaN: no sample).
        /// The caller sized the canvas' backing store to its CSS size times `dpr`.
        #[wasm_bindgen(constructor)]
        pub fn new(
            canvas: HtmlCanvasElement,
            start: f64,
            step: f64,
            len: usize,
            n_series: usize,
            values: &[f64],
            dpr: f64,
        ) -> Result<ChartBench, JsError> {
            if values.len() != len * n_series {
                return Err(JsError::new("values must hold n_series × len numbers"));
            }
            let series: Vec<ChartSeries> = values
                .chunks(len.max(1))
                .take(n_series)
                .enumerate()
                .map(|(i, run)| ChartSeries {
                    name: format!("{{job=\"bench/{i}\"}}"),
                    labels: [("job".to_string(), format!("bench/{i}"))].into(),
                    values: run.iter().map(|v| v.is_finite().then_some(*v)).collect(),
                })
                .collect();
            Ok(ChartBench {
                canvas,
                grid: Grid { start, step, len },
                visible: vec![true; series.len()],
                series,
                theme: Theme::light(),
                dpr,
            })
        }

        /// Draws the full frame (background, axes, every series); returns the series drawn.
        pub fn redraw(&self) -> Result<usize, JsError> {
            let frame = Frame {
                grid: &self.grid,
                series: &self.series,
                visible: &self.visible,
                theme: &self.theme,
                utc_offset_min: 0,
                dpr: self.dpr,
                empty_message: "No data",
            };
            render(&self.canvas, &frame)
                .map(|area| area.drawn)
                .map_err(|e| JsError::new(&e.0))
        }
    }
}
