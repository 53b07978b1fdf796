//! Page dates: parsing what writers type (`2025-03-14`, RFC 3339, Jekyll's form) and showing it.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};

use crate::config::Language;

/// A moment with the calendar day the writer meant, so that a page dated
/// `2025-05-02T00:30:00+02:00` shows 2 May, not the UTC day before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageDate {
    pub instant: Timestamp,
    pub day: Date,
    offset_seconds: i32,
    has_time: bool,
}

impl PageDate {
    /// `YYYY-MM-DD`, RFC 3339 (`2025-05-02T09:30:00+02:00`), a date-time without offset
    /// (taken as UTC), or Jekyll's `2025-05-02 09:30:00 +0200`.
    pub fn parse(text: &str) -> Option<PageDate> {
        let text = text.trim();
        if let Ok(pieces) = Pieces::parse(text) {
            let offset = pieces.to_numeric_offset().unwrap_or(Offset::UTC);
            return PageDate::from_parts(pieces.date(), pieces.time(), offset);
        }
        let zoned = jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S %z", text).ok()?;
        let offset = zoned.offset()?;
        PageDate::from_parts(zoned.to_date().ok()?, Some(zoned.to_time().ok()?), offset)
    }

    fn from_parts(day: Date, time: Option<Time>, offset: Offset) -> Option<PageDate> {
        let instant =
            day.to_datetime(time.unwrap_or(Time::midnight())).to_zoned(TimeZone::fixed(offset)).ok()?;
        Some(PageDate {
            instant: instant.timestamp(),
            day,
            offset_seconds: offset.seconds(),
            has_time: time.is_some(),
        })
    }

    /// A moment from the file system or git, shown in UTC.
    pub fn from_timestamp(instant: Timestamp) -> PageDate {
        PageDate { instant, day: instant.to_zoned(TimeZone::UTC).date(), offset_seconds: 0, has_time: true }
    }

    /// From a Jekyll file name's `YYYY-MM-DD-` prefix.
    pub fn from_day(day: Date) -> Option<PageDate> {
        PageDate::from_parts(day, None, Offset::UTC)
    }

    /// For `<time datetime>`: the day alone when only a day was written, else RFC 3339.
    pub fn machine(&self) -> String {
        if self.has_time { self.rfc3339() } else { self.day.to_string() }
    }

    /// RFC 3339 with the writer's offset, for feeds and the sitemap.
    pub fn rfc3339(&self) -> String {
        let offset = Offset::from_seconds(self.offset_seconds).unwrap_or(Offset::UTC);
        let zoned = self.instant.to_zoned(TimeZone::fixed(offset));
        zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// `14 March 2025` or `14 maart 2025`.
    pub fn human(&self, language: Language) -> String {
        let month = month_name(self.day.month(), language);
        format!("{} {month} {}", self.day.day(), self.day.year())
    }
}

fn month_name(month: i8, language: Language) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let index = usize::try_from(month - 1).unwrap_or(0).min(11);
    match language {
        Language::English => EN[index],
        Language::Dutch => NL[index],
    }
}

/// The date and the rest of a Jekyll file stem: `2025-03-14-hello` gives (14 March 2025, `hello`).
pub fn split_dated_stem(stem: &str) -> Option<(Date, &str)> {
    let (prefix, rest) = (stem.get(..10)?, stem.get(10..)?);
    let rest = rest.strip_prefix('-')?;
    if rest.is_empty()
        || !prefix
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
    {
        return None;
    }
    Some((prefix.parse().ok()?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_forms_parse() {
        let day = PageDate::parse("2025-03-14").unwrap();
        assert_eq!(day.machine(), "2025-03-14");
        let moment = PageDate::parse("2025-05-02T00:30:00+02:00").unwrap();
        assert_eq!(moment.day.to_string(), "2025-05-02");
        assert_eq!(moment.machine(), "2025-05-02T00:30:00+02:00");
        let jekyll = PageDate::parse("2025-05-02 09:30:00 +0200").unwrap();
        assert_eq!(jekyll.rfc3339(), "2025-05-02T09:30:00+02:00");
        assert!(PageDate::parse("14 March").is_none());
        assert!(PageDate::parse("2025-13-01").is_none());
    }

    #[test]
    fn dates_read_in_both_languages() {
        let day = PageDate::parse("2025-03-14").unwrap();
        assert_eq!(day.human(Language::English), "14 March 2025");
        assert_eq!(day.human(Language::Dutch), "14 maart 2025");
    }

    #[test]
    fn jekyll_stems_split() {
        let (day, rest) = split_dated_stem("2025-03-14-hello-world").unwrap();
        assert_eq!((day.to_string().as_str(), rest), ("2025-03-14", "hello-world"));
        assert!(split_dated_stem("2025-03-14").is_none());
        assert!(split_dated_stem("hello-2025-03-14-x").is_none());
        assert!(split_dated_stem("2025-99-14-x").is_none());
    }
}
