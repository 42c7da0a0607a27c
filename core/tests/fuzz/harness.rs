//! Runs one fuzz target with a budget from the environment and a seed that reproduces it.
//!
//! - `GATEWATCH_FUZZ_CASES`: cases per round (default: proptest's, i.e. `PROPTEST_CASES` or 256).
//! - `GATEWATCH_FUZZ_SECONDS`: keep running rounds with fresh seeds until this many seconds passed.
//! - `GATEWATCH_FUZZ_SEED`: the first round's seed (default: from the clock); a failure names the
//!   seed of its round, so `GATEWATCH_FUZZ_SEED=<it>` with the same cases replays it.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub type Outcome = Result<(), TestCaseError>;

struct Budget {
    cases: u32,
    seconds: Option<u64>,
    seed: u64,
}

impl Budget {
    fn from_env() -> Budget {
        let var = |name: &str| {
            std::env::var(name).ok().map(|v| {
                v.trim()
                    .parse::<u64>()
                    .unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number"))
            })
        };
        let clock = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Budget {
            cases: var("GATEWATCH_FUZZ_CASES").map_or(Config::default().cases, |c| {
                c.clamp(1, u64::from(u32::MAX)) as u32
            }),
            seconds: var("GATEWATCH_FUZZ_SECONDS"),
            seed: var("GATEWATCH_FUZZ_SEED").unwrap_or(clock),
        }
    }
}

/// Runs `test` on values of `strategy`; panics with the seed and the shrunk input on a failure
/// (a panic inside `test` counts as one: proptest catches it and shrinks the input).
pub fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Outcome) {
    let budget = Budget::from_env();
    let started = Instant::now();
    let deadline = budget.seconds.map(|s| started + Duration::from_secs(s));
    let (mut seed, mut cases, mut rounds) = (budget.seed, 0u64, 0u64);
    loop {
        let config = Config {
            cases: budget.cases,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(seed),
            ..Config::default()
        };
        if let Err(e) = TestRunner::new(config).run(&strategy, &test) {
            panic!(
                "fuzz target {name} failed after {cases} passing cases; replay with \
                 GATEWATCH_FUZZ_SEED={seed} GATEWATCH_FUZZ_CASES={}:\n{e}",
                budget.cases
            );
        }
        cases += u64::from(budget.cases);
        rounds += 1;
        if deadline.is_none_or(|d| Instant::now() >= d) {
            break;
        }
        seed = splitmix(seed);
    }
    eprintln!(
        "fuzz {name}: {cases} cases in {rounds} round(s), {:.1}s, first seed {}",
        started.elapsed().as_secs_f64(),
        budget.seed
    );
}

/// The next round's seed (SplitMix64 step): distinct rounds, reproducible from the first seed.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
