//! Unit tests of `crate::schedule::set`.

use super::*;

#[test]
fn a_period_and_a_cron_are_typed_as_people_write_them() {
    assert_eq!(
        SetSchedule::every("5m", "30s"),
        Ok(SetSchedule::Every {
            period_secs: 300.0,
            grace_secs: 30.0
        })
    );
    assert!(SetSchedule::every("0s", "").is_err());
    assert!(SetSchedule::every("soon", "").unwrap_err().contains("soon"));
    assert!(SetSchedule::every("5m", "-1s").is_err());
    let cron = SetSchedule::cron(" 0 */5 * * * * ", "1m").unwrap();
    assert_eq!(cron.grace(), 60.0);
    assert!(SetSchedule::cron("61 * * * *", "").is_err());
}

#[test]
fn a_set_schedule_wins_over_the_inferred_one() {
    let runs: Vec<f64> = (0..10).map(|i| 1_000_000.0 + i as f64 * 60.0).collect();
    let (schedule, grace, source) = effective(None, &runs).expect("inferred");
    assert!(matches!(source, Source::Inferred { .. }));
    assert!((schedule.period() - 60.0).abs() < 0.1);
    assert_eq!(grace, 30.0);
    let set = SetSchedule::every("2m", "10s").unwrap();
    let (schedule, grace, source) = effective(Some(&set), &runs).expect("set");
    assert_eq!(source, Source::Set);
    assert_eq!(schedule.period(), 120.0);
    assert_eq!(grace, 10.0);
    assert_eq!(
        effective(None, &runs[..2]),
        None,
        "new: no schedule made up"
    );
}

#[test]
fn saved_entries_round_trip_and_broken_ones_are_told_apart() {
    let set = SetSchedule::cron("0 0 8 * * 1-5", "5m").unwrap();
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(
        json,
        r#"{"kind":"cron","pattern":"0 0 8 * * 1-5","grace_secs":300.0}"#
    );
    let back: SetSchedule = serde_json::from_str(&json).unwrap();
    assert_eq!(back, set);
    assert!(back.is_valid());
    let broken: SetSchedule =
        serde_json::from_str(r#"{"kind":"cron","pattern":"nope","grace_secs":1}"#).unwrap();
    assert!(!broken.is_valid());
    let negative: SetSchedule =
        serde_json::from_str(r#"{"kind":"every","period_secs":-5,"grace_secs":1}"#).unwrap();
    assert!(!negative.is_valid());
}

#[test]
fn the_form_reads_back_what_it_shows() {
    assert_eq!(SetSchedule::from_form("inferred", "junk", "junk"), Ok(None));
    assert_eq!(
        SetSchedule::from_form("every", "1m30s", "10s"),
        Ok(Some(SetSchedule::Every {
            period_secs: 90.0,
            grace_secs: 10.0
        }))
    );
    assert!(SetSchedule::from_form("every", "", "")
        .unwrap_err()
        .contains("period"));
    assert!(SetSchedule::from_form("cron", "* * *", "")
        .unwrap_err()
        .contains("cron"));
    for set in [
        SetSchedule::every("90s", "").unwrap(),
        SetSchedule::every("2s", "500ms").unwrap(),
        SetSchedule::cron("0 30 6 * * 1-5", "5m").unwrap(),
    ] {
        let (kind, value, grace) = set.form_fields();
        assert_eq!(SetSchedule::from_form(kind, &value, &grace), Ok(Some(set)));
    }
}
