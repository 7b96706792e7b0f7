//! Decisions on findings: a reviewer accepts a finding with a reason, a name and an
//! optional expiry date, and the design file keeps it.

use super::ids::{LinkId, SystemId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A finding a reviewer accepted. Its subject is a link, a system, or (neither given)
/// the design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule of the finding, e.g. `ESB-001`.
    pub rule: String,
    /// The system the finding is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<SystemId>,
    /// The link the finding is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkId>,
    /// Why it is accepted.
    pub reason: String,
    /// Who accepted it.
    pub by: String,
    /// The last day it holds, `YYYY-MM-DD`; for good when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// What the subject looked like when it was accepted (the inputs the analysis
    /// reads, written by Patchbay): when they change, the finding comes back. Left
    /// out, the waiver holds whatever changes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seen: String,
}

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, a real day of a real month.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Self {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (1..=12)
            .contains(&date.month)
            .then_some(())
            .filter(|()| (1..=days_in_month(date.year, date.month)).contains(&date.day))
            .map(|()| date)
    }

    /// The day a count of days since 1970-01-01 falls on (the civil calendar).
    pub fn from_days(days: i64) -> Self {
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Today, by the system clock (UTC), or the day `PATCHBAY_TODAY` names
    /// (`YYYY-MM-DD`), so a report can be reproduced as of a given day.
    pub fn today() -> Self {
        if let Some(day) = std::env::var("PATCHBAY_TODAY")
            .ok()
            .and_then(|v| Self::parse(&v))
        {
            return day;
        }
        let secs = web_time::SystemTime::now()
            .duration_since(web_time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_count_from_1970() {
        assert_eq!(
            Date::parse("2027-02-28"),
            Some(Date {
                year: 2027,
                month: 2,
                day: 28
            })
        );
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-1-01",
            "27-01-01",
            "tomorrow",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2028-02-29").is_some());
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_787).to_string(), "2026-11-30");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        assert!(Date::parse("2026-12-01") > Date::parse("2026-11-30"));
    }
}
