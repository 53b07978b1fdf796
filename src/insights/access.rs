//! Web server access logs read into [`AccessFigures`]: page views by month, what people
//! searched for (the search page's beacon, docs/search.md "What people look for") and which
//! pages they opened from it. Nothing else is kept: no address, user agent or exact time.
//!
//! One thread reads the files in blocks of whole lines, decompressing `.gz` ones; the
//! blocks are counted on rayon's threads, each into its own [`Tally`], merged at the end.

mod crawlers;
mod decode;
mod line;
mod tally;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

use flate2::read::MultiGzDecoder;
use jiff::tz::TimeZone;
use memchr::{memchr_iter, memrchr};
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::error::{Error, Result};
use crate::insights::AccessFigures;
use tally::{Counter, Tally};

/// Lines are handed to the counting threads in blocks of about this many bytes.
const BLOCK_BYTES: usize = 4 << 20;

/// Reads nginx or Apache access logs (common or combined format, each line on its own;
/// plain or gzip, told by the file's first bytes) of a site served under `base_path` (`/`
/// or `/kb/`), counting months in `zone`. Lines that don't parse are counted in the
/// report; a file that cannot be read is an error naming it.
pub fn read_access_logs(files: &[PathBuf], base_path: &str, zone: &TimeZone) -> Result<AccessFigures> {
    let counter = Counter::new(base_path, zone);
    let (sender, receiver) = sync_channel::<Block>(2 * rayon::current_num_threads());
    // Counted blocks go back to the reader to be filled again, so that memory stays at a
    // few blocks whatever the size of the logs.
    let (give_back, taken_back) = channel::<Vec<u8>>();
    let (read, tally) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_blocks(files, &sender, &taken_back));
        let tally = receiver
            .into_iter()
            .par_bridge()
            .fold(Tally::default, |mut tally, block| {
                tally.count_block(&counter, block.file, block.first_line, &block.data);
                // Fails only once the reader has finished, which wants no more blocks.
                let _ = give_back.send(block.data);
                tally
            })
            .reduce(Tally::default, Tally::merge);
        (reader.join(), tally)
    });
    match read {
        Ok(result) => result?,
        Err(panic) => std::panic::resume_unwind(panic),
    }
    Ok(tally.into_figures(files))
}

/// Whole lines of one file, after `first_line` lines of it.
struct Block {
    file: usize,
    first_line: u64,
    data: Vec<u8>,
}

fn read_blocks(files: &[PathBuf], blocks: &SyncSender<Block>, given_back: &Receiver<Vec<u8>>) -> Result<()> {
    for (file, path) in files.iter().enumerate() {
        let read_error = |source| Error::Read { path: path.clone(), source };
        let mut reader = open_log(path).map_err(read_error)?;
        let mut first_line = 0;
        let mut pending = Vec::new();
        loop {
            let mut data = given_back.try_recv().unwrap_or_default();
            data.clear();
            data.reserve_exact(BLOCK_BYTES + pending.len());
            data.append(&mut pending);
            let want = BLOCK_BYTES as u64;
            let read = (&mut reader).take(want).read_to_end(&mut data).map_err(read_error)?;
            let end_of_file = (read as u64) < want;
            // A block ends after its last newline; the rest starts the next one.
            let cut = match memrchr(b'\n', &data) {
                _ if end_of_file => data.len(),
                Some(newline) => newline + 1,
                // A line longer than a block: read on.
                None => {
                    pending = data;
                    continue;
                }
            };
            pending = data.split_off(cut);
            let lines = memchr_iter(b'\n', &data).count() as u64;
            if !data.is_empty() && blocks.send(Block { file, first_line, data }).is_err() {
                return Ok(());
            }
            first_line += lines;
            if end_of_file {
                break;
            }
        }
    }
    Ok(())
}

/// The file's bytes, decompressed when it starts as gzip does (`1f 8b`), whatever its name.
fn open_log(path: &Path) -> std::io::Result<Box<dyn Read + Send>> {
    let mut file = BufReader::with_capacity(256 << 10, File::open(path)?);
    if file.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(MultiGzDecoder::new(file)))
    } else {
        Ok(Box::new(file))
    }
}

/// The report's one line, for the end of `kennis insights` and a build's notes:
/// `read 2 access logs, 31 lines: 2 not understood (the first at `access.log:14`), 2 from
/// crawlers and monitors, 1 outside the site`.
impl std::fmt::Display for crate::insights::LogReport {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let logs =
            if self.files == 1 { "1 access log".to_owned() } else { format!("{} access logs", self.files) };
        let lines = if self.lines == 1 { "1 line".to_owned() } else { format!("{} lines", self.lines) };
        write!(formatter, "read {logs}, {lines}")?;
        let mut left_out = Vec::new();
        if self.unparsed > 0 {
            let first = self
                .first_unparsed
                .as_deref()
                .map(|at| format!(" (the first at `{at}`)"))
                .unwrap_or_default();
            left_out.push(format!("{} not understood{first}", self.unparsed));
        }
        if self.crawlers > 0 {
            left_out.push(format!("{} from crawlers and monitors", self.crawlers));
        }
        if self.outside_site > 0 {
            left_out.push(format!("{} outside the site", self.outside_site));
        }
        if !left_out.is_empty() {
            write!(formatter, ": {}", left_out.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::insights::LogReport;

    #[test]
    fn the_report_in_one_line() {
        let report = LogReport {
            files: 2,
            lines: 31,
            unparsed: 2,
            first_unparsed: Some("logs/access.log:14".to_owned()),
            crawlers: 2,
            outside_site: 1,
        };
        assert_eq!(
            report.to_string(),
            "read 2 access logs, 31 lines: 2 not understood (the first at `logs/access.log:14`), \
             2 from crawlers and monitors, 1 outside the site"
        );
        let clean = LogReport { files: 1, lines: 1, ..LogReport::default() };
        assert_eq!(clean.to_string(), "read 1 access log, 1 line");
    }
}
