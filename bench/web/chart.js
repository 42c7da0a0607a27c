// Chart redraw benchmark (scripts/bench): the same seeded data drawn by the console's drawing code
// (gatewatch::chart::render via bench/chart-bench) and by uPlot, into canvases of the same CSS
// size and devicePixelRatio. A redraw is timed from the call to the end of rasterisation (a
// one-pixel getImageData forces the canvas to flush): data is already in memory, nothing else
// runs. Both are warmed up first, then measured alternately so background load hits both alike.
import init, { ChartBench } from "/pkg/gatewatch_chart_bench.js";
import uPlot from "/uplot/uPlot.esm.js";

// The console's light palette (src/chart/theme.rs LIGHT_PALETTE), for uPlot too.
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"];

// mulberry32: a small seeded generator, so every run draws the very same picture.
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// `series` random walks of `len` points, 1 s apart: a metric per job, with noise and rare spikes.
function generate(series, len, seed) {
  const random = rng(seed);
  const start = 1_700_000_000;
  const xs = new Float64Array(len);
  for (let i = 0; i < len; i++) xs[i] = start + i;
  const flat = new Float64Array(series * len);
  const ys = [];
  for (let s = 0; s < series; s++) {
    const y = flat.subarray(s * len, (s + 1) * len);
    let v = 50 + 10 * s;
    for (let i = 0; i < len; i++) {
      v += (random() - 0.5) * 2;
      y[i] = v + (random() < 0.002 ? random() * 40 : 0);
    }
    ys.push(y);
  }
  return { start, step: 1, len, xs, ys, flat };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1], runs: s.length, all: xs };
};

// Share of canvas pixels that are not the background: proof that something was drawn.
function ink(ctx, canvas) {
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let painted = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] !== 0 && (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250)) painted++;
  }
  return painted / (canvas.width * canvas.height);
}

function timed(draw, ctx) {
  const t0 = performance.now();
  draw();
  ctx.getImageData(0, 0, 1, 1); // forces the drawing to be rasterised before the clock stops
  return performance.now() - t0;
}

let wasm = null;
let current = null; // the last size's charts, kept alive (memory is read after the largest)

async function setup() {
  if (!wasm) wasm = await init({ module_or_path: "/pkg/gatewatch_chart_bench_bg.wasm" });
  return wasm;
}

// Draws `series` × `len` with both, `warmup` + `runs` times each; returns timings in ms.
async function measure({ series, len, runs, warmup, width, height, seed }) {
  await setup();
  if (current) {
    current.ours.free();
    current.uplot.destroy();
    current = null;
  }
  const data = generate(series, len, seed);
  const dpr = window.devicePixelRatio || 1;

  const canvas = document.getElementById("ours");
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ours = new ChartBench(canvas, data.start, data.step, data.len, series, data.flat, dpr);
  const ourCtx = canvas.getContext("2d");

  const holder = document.getElementById("uplot");
  holder.replaceChildren();
  const opts = {
    width,
    height,
    pxAlign: 1,
    legend: { show: false },
    scales: { x: { time: true } },
    series: [{}, ...data.ys.map((_, i) => ({ stroke: PALETTE[i % PALETTE.length], width: 1 }))],
  };
  const uplot = new uPlot(opts, [data.xs, ...data.ys], holder);
  current = { ours, uplot };
  // uPlot lays itself out in a microtask after construction: let it settle before the first draw.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  const drawOurs = () => {
    const drawn = ours.redraw();
    if (drawn !== series) throw new Error(`gatewatch drew ${drawn} of ${series} series`);
  };
  // batch(): uPlot commits synchronously instead of in a microtask; redraw(true, true) rebuilds
  // the paths and the axes, as the console's render does on every call.
  const drawUplot = () => uplot.batch(() => uplot.redraw(true, true));

  for (let i = 0; i < warmup; i++) {
    timed(drawOurs, ourCtx);
    timed(drawUplot, uplot.ctx);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(timed(drawOurs, ourCtx));
      b.push(timed(drawUplot, uplot.ctx));
    } else {
      b.push(timed(drawUplot, uplot.ctx));
      a.push(timed(drawOurs, ourCtx));
    }
    await new Promise((r) => setTimeout(r, 0)); // let the page breathe between runs
  }
  return {
    series,
    points: len,
    width,
    height,
    dpr,
    gatewatch: stats(a),
    uplot: stats(b),
    ink: { gatewatch: ink(ourCtx, canvas), uplot: ink(uplot.ctx, uplot.ctx.canvas) },
    wasmMemoryBytes: wasm.memory.buffer.byteLength,
  };
}

// PNGs of both canvases as they are now (to look at what was measured).
function snapshot() {
  return {
    gatewatch: document.getElementById("ours").toDataURL("image/png"),
    uplot: current ? current.uplot.ctx.canvas.toDataURL("image/png") : null,
  };
}

window.chartBench = { measure, snapshot, uplotVersion: "see bench/package.json" };
window.chartBenchReady = true;
