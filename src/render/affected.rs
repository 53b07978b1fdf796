//! Which output files a change affects. Every job can say what it shows: the pages and
//! the facts its view builder read, and a digest of every value its template gets. Two
//! versions of a site are compared job by job, by the path each writes: a job is
//! rendered again when it is new or what it shows differs, and its file removed when no
//! job writes it any more. Nothing compares pairs of pages: each version's jobs are
//! digested once, in parallel, which costs about a render without the templates.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::model::{AuthorId, CommunityId, PageId, Site};
use crate::paths::{ContentPath, OutputPath};
use crate::render::outputs::{Prepared, RenderInput, all_reads, outputs_unless, plan};
use crate::render::sink::OutputSink;

/// How much of a page a job shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Its title, URL, kind and date, as in "linked from" and "related".
    Link,
    /// Its card in a list: title, date, authors' and tags' names, summary, counts.
    Card,
    /// All of it, its body included, as on its own page or in a feed.
    Page,
}

/// A site-wide fact a job shows besides pages.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// A person's record from `authors/` (or the id, for someone unregistered).
    Author(AuthorId),
    /// A tag's name and URL, by key.
    Tag(String),
    /// A community's title and URL.
    Community(CommunityId),
    /// How many pages of each kind, people and communities the site has.
    Counts,
}

/// What one job shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    /// The pages it read, by source (ids differ between versions), sorted.
    pub pages: Vec<(ContentPath, Facet)>,
    /// The site-wide facts it read, sorted.
    pub facts: Vec<Fact>,
    /// A digest of everything the job writes from: equal digests, equal files.
    pub digest: u64,
}

/// Records what a view builder reads while one job's views are built.
#[derive(Default)]
pub(crate) struct ReadLog {
    read: Mutex<Recorded>,
}

#[derive(Default)]
struct Recorded {
    pages: Vec<(PageId, Facet)>,
    facts: Vec<Fact>,
}

impl ReadLog {
    pub(crate) fn page(&self, id: PageId, facet: Facet) {
        if let Ok(mut read) = self.read.lock() {
            read.pages.push((id, facet));
        }
    }

    pub(crate) fn fact(&self, fact: Fact) {
        if let Ok(mut read) = self.read.lock() {
            read.facts.push(fact);
        }
    }

    pub(crate) fn into_reads(self, site: &Site, digest: u64) -> Reads {
        let Recorded { pages, mut facts } = self.read.into_inner().unwrap_or_default();
        let mut pages: Vec<(ContentPath, Facet)> =
            pages.into_iter().map(|(id, facet)| (site.page(id).source.clone(), facet)).collect();
        pages.sort_unstable();
        pages.dedup();
        facts.sort_unstable();
        facts.dedup();
        Reads { pages, facts, digest }
    }
}

/// A running digest of values; the same values give the same digest in every run.
pub(crate) struct Digest(DefaultHasher);

impl Digest {
    pub(crate) fn new() -> Digest {
        Digest(DefaultHasher::new())
    }

    pub(crate) fn add<T: Hash + ?Sized>(&mut self, value: &T) {
        value.hash(&mut self.0);
    }

    /// Adds a value as its JSON, as templates see it.
    pub(crate) fn add_json<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing into a hasher cannot fail; a value that cannot be serialised could not be rendered either.
        let _ = serde_json::to_writer(HashWriter(&mut self.0), value);
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) fn digest_bytes(bytes: &[u8]) -> u64 {
    let mut digest = Digest::new();
    digest.add(bytes);
    digest.finish()
}

/// Every file one version of a site outputs, with what it shows.
#[derive(Debug, Default)]
pub struct OutputIndex {
    outputs: HashMap<OutputPath, Reads>,
}

impl OutputIndex {
    /// Lists every job of the site and what it shows; renders nothing.
    pub fn new(input: &RenderInput) -> Result<OutputIndex> {
        Ok(OutputIndex { outputs: all_reads(input)?.into_iter().collect() })
    }

    /// What the file at `path` shows, if the site outputs it.
    pub fn reads(&self, path: &OutputPath) -> Option<&Reads> {
        self.outputs.get(path)
    }

    /// The files that show `page`, sorted.
    pub fn showing(&self, page: &ContentPath) -> Vec<OutputPath> {
        let mut paths: Vec<OutputPath> = self
            .outputs
            .iter()
            .filter(|(_, reads)| reads.pages.iter().any(|(p, _)| p == page))
            .map(|(path, _)| path.clone())
            .collect();
        paths.sort_unstable();
        paths
    }

    /// Lists what every output of the site as `input` has it shows, compares that with
    /// this index (what readers were shown) and renders into `sink` the outputs that differ,
    /// and those of `also` that the site still outputs (copied files whose bytes changed,
    /// which no index sees), but not those of `skip` (rendered already: the pages browsers
    /// show). One pass for both: the views, the lists and the search index are built once.
    /// Returns the new index and what changed, or `None` when `stop` said yes before
    /// anything was rendered (a newer change is waiting: nothing was written to `sink`).
    pub fn render_changes(
        &self,
        input: &RenderInput,
        also: &[OutputPath],
        skip: &[OutputPath],
        sink: &dyn OutputSink,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<(OutputIndex, Affected)>> {
        let started = std::time::Instant::now();
        let step = |name: &str| {
            log::debug!("changes: {name} after {:.1} ms", started.elapsed().as_secs_f64() * 1000.0)
        };
        let prepared = Prepared::new(input, true);
        step("views and lists prepared");
        if stop() {
            return Ok(None);
        }
        let renderer = prepared.renderer();
        let Some(outputs) = outputs_unless(&renderer, input, stop) else {
            step("stopped for a newer change");
            return Ok(None);
        };
        step("outputs listed");
        let jobs = plan(&outputs)?;
        step("jobs planned");
        // Digesting every job is most of the work: each job asks whether to go on.
        let digested: Option<HashMap<OutputPath, Reads>> = jobs
            .par_iter()
            .map(|(path, output, job)| (!stop()).then(|| (path.clone(), outputs[*output].reads(*job))))
            .collect();
        let Some(outputs_now) = digested else {
            step("stopped for a newer change");
            return Ok(None);
        };
        let now = OutputIndex { outputs: outputs_now };
        step("what each job shows digested");
        let mut affected = self.changes_to(&now);
        affected.render.extend(also.iter().filter(|path| now.outputs.contains_key(*path)).cloned());
        affected.render.sort_unstable();
        affected.render.dedup();
        let wanted: HashSet<&OutputPath> =
            affected.render.iter().filter(|path| !skip.contains(path)).collect();
        jobs.par_iter()
            .filter(|(path, _, _)| wanted.contains(path))
            .try_for_each(|(path, output, job)| outputs[*output].render(*job, path, sink))?;
        step("what changed rendered");
        Ok(Some((now, affected)))
    }

    /// What to render and remove to turn this version's output into `after`'s.
    pub fn changes_to(&self, after: &OutputIndex) -> Affected {
        let mut render: Vec<OutputPath> = after
            .outputs
            .iter()
            .filter(|(path, reads)| {
                self.outputs.get(*path).is_none_or(|before| before.digest != reads.digest)
            })
            .map(|(path, _)| path.clone())
            .collect();
        let mut remove: Vec<OutputPath> =
            self.outputs.keys().filter(|path| !after.outputs.contains_key(*path)).cloned().collect();
        render.sort_unstable();
        remove.sort_unstable();
        Affected { render, remove }
    }
}

/// The files a change touches: those to render (new or showing something else) and
/// those no longer produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Affected {
    /// Sorted.
    pub render: Vec<OutputPath>,
    /// Sorted.
    pub remove: Vec<OutputPath>,
}

/// Which outputs differ between two versions of a site. `kennis serve` keeps the index of
/// the version it shows and builds only the new one's ([`OutputIndex::changes_to`]).
pub fn affected_outputs(before: &RenderInput, after: &RenderInput) -> Result<Affected> {
    Ok(OutputIndex::new(before)?.changes_to(&OutputIndex::new(after)?))
}

#[cfg(test)]
#[path = "affected_tests.rs"]
mod tests;
