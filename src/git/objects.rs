//! Objects for the history walk, with every object of a delta chain rebuilt once.
//!
//! Git stores most versions of a folder's tree as a delta against another version, in chains of
//! up to 50. gix's lookup rebuilds an object from the nearest cached object of its chain and
//! caches only the object asked for. When a chain runs the other way than the walk (packs written
//! by `git fast-import`, or deltas reused from one), every version of a big folder is rebuilt
//! from the far end of its chain: a full inflate and dozens of deltas each, which made a 10,000
//! page history take 2.5 s instead of 0.4 s. Git caches every object of a chain it rebuilds; so
//! does this, for an object more than a few steps from a cached or whole one: it decodes the
//! chain from its far end upwards through gix's pack reader, each object one delta away from the
//! one before, all put in the cache. Everything else (objects close to the cache, objects stored
//! whole, loose objects, alternates) comes from gix's lookup, which is as fast for those.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use gix::odb::pack::cache::DecodeEntry;
use gix::odb::pack::cache::lru::MemoryCappedHashmap;
use gix::odb::pack::data::entry::Header;
use gix::odb::pack::{Bundle, data};

use super::GitError;

/// The repository's packs, opened once and shared by the workers.
pub(super) type Packs = Arc<Vec<Bundle>>;

/// Opens every pack in the repository's object folder; none if it has none.
pub(super) fn open_packs(repository: &gix::Repository) -> Packs {
    let folder = repository.common_dir().join("objects").join("pack");
    let mut indexes: Vec<_> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "idx"))
        .collect();
    indexes.sort();
    let hash = repository.object_hash();
    // A pack that does not open (being written by a `git gc` right now) is read through gix.
    let mut bundles: Vec<Bundle> = indexes.iter().filter_map(|index| Bundle::at(index, hash).ok()).collect();
    // The cache knows objects by pack id and offset: ids by position cannot collide.
    for (number, bundle) in bundles.iter_mut().enumerate() {
        bundle.pack.id = u32::try_from(number).unwrap_or(u32::MAX);
    }
    Arc::new(bundles)
}

/// One worker's reader: the packs, a cache of rebuilt objects, and the lookup for the rest.
pub(super) struct Objects {
    packs: Packs,
    cache: MemoryCappedHashmap,
    /// What was put in the cache lately, as `(pack, offset)`, oldest first, with its size: a
    /// chain is decoded from its far end only up to an object that is probably still cached.
    recent: VecDeque<((u32, u64), usize)>,
    recent_set: HashSet<(u32, u64)>,
    recent_bytes: usize,
    inflate: gix::zlib::Inflate,
    chain: Vec<data::Entry>,
    scratch: Vec<u8>,
}

/// How the decoder finds a delta base named by object id (in the same pack).
type ResolveBase<'a> =
    dyn Fn(&gix::oid, &mut Vec<u8>) -> gix::Result<Option<data::decode::entry::ResolvedBase>> + 'a;

/// The longest way down a chain left to gix's lookup: it rebuilds a short way in one buffer,
/// where decoding and caching each step here cost 15-20 % more (measured).
const SHORT_CHAIN: usize = 4;

/// The bytes the cache may hold; `recent` counts up to three quarters of it.
const CACHE_BYTES: usize = 32 << 20;

impl Objects {
    pub(super) fn new(packs: Packs) -> Objects {
        Objects {
            packs,
            cache: MemoryCappedHashmap::new(CACHE_BYTES),
            recent: VecDeque::new(),
            recent_set: HashSet::new(),
            recent_bytes: 0,
            inflate: gix::zlib::Inflate::default(),
            chain: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Puts the object `id` into `out` (resized to fit) and returns its kind, if a pack has it and
    /// it is worth decoding here: the object is cached here, or its way down to a cached or whole
    /// object is long. Otherwise (most objects, in packs whose chains run the way of the walk)
    /// gix's lookup does it as fast, and None says to use that.
    pub(super) fn read_packed(
        &mut self,
        id: &gix::oid,
        out: &mut Vec<u8>,
    ) -> Option<Result<gix::object::Kind, GitError>> {
        let packs = self.packs.clone();
        for (number, bundle) in packs.iter().enumerate() {
            if let Some(index) = bundle.index.lookup(id) {
                let offset = bundle.index.pack_offset_at_index(index);
                return self.decode(&packs[number], offset, out).transpose();
            }
        }
        None
    }

    fn decode(
        &mut self,
        bundle: &Bundle,
        offset: u64,
        out: &mut Vec<u8>,
    ) -> Result<Option<gix::object::Kind>, GitError> {
        let pack = &bundle.pack;
        let target = pack.entry(offset).map_err(read_error)?;
        if !target.header.is_delta() {
            return Ok(None);
        }
        // Down the chain to an object that is cached or stored whole.
        self.chain.clear();
        let mut cursor = target.clone();
        while self.chain.len() < 128 {
            let base = match cursor.header {
                Header::OfsDelta { base_distance } => cursor.checked_base_pack_offset(base_distance),
                Header::RefDelta { base_id } => {
                    bundle.index.lookup(base_id).map(|index| bundle.index.pack_offset_at_index(index))
                }
                _ => None,
            };
            let Some(base) = base else { break };
            let base = pack.entry(base).map_err(read_error)?;
            if self.recent_set.contains(&(pack.id, base.data_offset)) {
                break;
            }
            self.chain.push(base.clone());
            cursor = base;
        }
        let resolve = |id: &gix::oid, _: &mut Vec<u8>| {
            Ok(bundle
                .index
                .lookup(id)
                .map(|index| pack.entry(bundle.index.pack_offset_at_index(index)))
                .transpose()?
                .map(data::decode::entry::ResolvedBase::InPack))
        };
        if self.chain.len() <= SHORT_CHAIN && !self.recent_set.contains(&(pack.id, target.data_offset)) {
            return Ok(None);
        }
        // Up again, each object one delta from the one below it, which is now cached.
        let chain = std::mem::take(&mut self.chain);
        let mut scratch = std::mem::take(&mut self.scratch);
        for base in chain.iter().rev() {
            self.decode_one(pack, base, &mut scratch, &resolve, true)?;
        }
        (self.chain, self.scratch) = (chain, scratch);
        self.decode_one(pack, &target, out, &resolve, false).map(Some)
    }

    /// Decodes one entry into `out`; what was rebuilt from deltas stays in the cache, and so
    /// does an object stored whole if `base` (the next object up its chain is wanted next).
    fn decode_one(
        &mut self,
        pack: &data::File,
        entry: &data::Entry,
        out: &mut Vec<u8>,
        resolve: &ResolveBase<'_>,
        base: bool,
    ) -> Result<gix::object::Kind, GitError> {
        // `out` ends up holding exactly the object. (Not `outcome.object_size`: when the cache
        // holds the entry itself, gix reports the size of the delta there.)
        let outcome = pack
            .decode_entry(entry.clone(), out, &mut self.inflate, resolve, &mut self.cache)
            .map_err(read_error)?;
        // Putting every object stored whole in the cache costs more than it saves (measured):
        // only the far end of a chain being decoded upwards goes in.
        if entry.header.is_delta() {
            self.remember(pack.id, entry, out.len());
        } else if base {
            self.cache.put(pack.id, entry.data_offset, out, outcome.kind, outcome.compressed_size);
            self.remember(pack.id, entry, out.len());
        }
        Ok(outcome.kind)
    }

    fn remember(&mut self, pack: u32, entry: &data::Entry, size: usize) {
        let key = (pack, entry.data_offset);
        if self.recent_set.insert(key) {
            self.recent.push_back((key, size));
            self.recent_bytes = self.recent_bytes.saturating_add(size);
        }
        while self.recent_bytes > CACHE_BYTES / 4 * 3 {
            let Some((old, old_size)) = self.recent.pop_front() else { break };
            self.recent_set.remove(&old);
            self.recent_bytes -= old_size;
        }
    }
}

fn read_error(error: impl std::fmt::Display) -> GitError {
    GitError::Read(error.to_string())
}
