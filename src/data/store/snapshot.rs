//! A binary copy of the indexed values, `indicators/.snapshot`, so that loading the
//! shipped data reads one file instead of parsing some 440,000 CSV rows, checking each
//! against the catalog and the registry, and indexing them again.
//!
//! The snapshot is a cache, never a source: it is written after the CSV files were read
//! and every check passed, and it is used only while every input it was built from is
//! unchanged: each `values.csv` and `source.toml`, `countries.csv`, the catalog and
//! `data.toml`. A file whose size and times (and inode) are those recorded is taken as
//! unchanged, as git does, unless it changed too shortly before the snapshot was written
//! (see [`racy`]); any other is hashed and compared with the SHA-256 of the bytes that
//! were read, so a copied folder still uses it. Anything else (another input, a
//! truncated or foreign file, another version of this program) reads the CSV files, as
//! without a snapshot, and writes a new one. It is not committed (`.gitignore`).

use super::{Series, Store, Stored};
use crate::data::dataset::SourceMeta;
use crate::model::catalog::Catalog;
use crate::model::value::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file's name under `indicators/` (hidden: the folder checks skip it).
pub(super) const FILE: &str = ".snapshot";

/// Bump when the layout below or a check made while loading the CSV files changes:
/// a snapshot of another format is not read.
const FORMAT: u32 = 3;
const MAGIC: &[u8; 8] = b"stpksnap";

/// What a loaded snapshot gives the store.
pub(super) struct Loaded {
    pub sources: Vec<SourceMeta>,
    /// Each country, its values not yet read.
    pub countries: BTreeMap<String, super::Country>,
    /// See `Store::published`.
    pub published: (Option<i32>, Option<i32>),
    pub lazy: Lazy,
}

/// One input file as found on disk: where, whether it is there, and when it changed.
#[derive(Debug, Clone, PartialEq)]
struct Input {
    /// Relative to `indicators/`.
    path: String,
    stamp: Stamp,
}

/// Size, modification and change time and inode: a file with the same is taken as
/// unchanged without reading it. `None`: the file is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp(Option<[u64; 4]>);

impl Stamp {
    fn of(path: &Path) -> Stamp {
        let Ok(meta) = std::fs::metadata(path) else {
            return Stamp(None);
        };
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64)
        };
        #[cfg(unix)]
        let (ctime, ino) = {
            use std::os::unix::fs::MetadataExt;
            (
                (meta.ctime() as u64).wrapping_mul(1_000_000_000) + meta.ctime_nsec() as u64,
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime, ino) = (0, 0);
        Stamp(Some([meta.len(), nanos(meta.modified()), ctime, ino]))
    }

    /// The later of the modification and change time (ns), 0 if absent.
    fn modified(&self) -> u64 {
        self.0.map_or(0, |[_, mtime, ctime, _]| mtime.max(ctime))
    }
}

/// How close to the snapshot's own time a file's change may be before its stamp is not
/// trusted: a file changed again within the same tick of the file system's clock keeps
/// its times (the "racy git" problem), so such a file is hashed instead.
const RACY_NANOS: u64 = 2_000_000_000;

/// Whether a file stamped `stamp` changed too shortly before the snapshot was written
/// (at `written`, ns) for its stamp to tell a later change apart.
fn racy(stamp: Stamp, written: u64) -> bool {
    stamp.0.is_some() && stamp.modified().saturating_add(RACY_NANOS) >= written
}

/// The inputs a snapshot depends on, as they are now.
pub(super) struct Inputs {
    /// SHA-256 of the catalog (as JSON) and of `data.toml`'s text.
    settings: [u8; 32],
    files: Vec<Input>,
}

impl Inputs {
    /// `dirs` are the source folders found under `indicators`.
    pub fn of(indicators: &Path, dirs: &[PathBuf], data_toml: &str, catalog: &Catalog) -> Inputs {
        let mut settings = Sha256::new();
        settings.update(FORMAT.to_le_bytes());
        settings.update(env!("CARGO_PKG_VERSION"));
        let indicators_json: Vec<_> = catalog.iter().collect();
        settings.update(serde_json::to_vec(&indicators_json).unwrap_or_default());
        settings.update([0]);
        settings.update(data_toml);
        let countries = std::iter::once("countries.csv".to_string());
        let files = countries
            .chain(dirs.iter().flat_map(|dir| source_files(dir)))
            .map(|path| Input {
                stamp: Stamp::of(&indicators.join(&path)),
                path,
            })
            .collect();
        Inputs {
            settings: settings.finalize().into(),
            files,
        }
    }

    /// Whether every file still has the stamp it had when these inputs were taken.
    pub fn unchanged(&self, indicators: &Path) -> bool {
        self.files
            .iter()
            .all(|f| Stamp::of(&indicators.join(&f.path)) == f.stamp)
    }
}

/// A source folder's two files, as paths under `indicators/`: `source.toml` and
/// `values.csv` (in the order `Dataset::read_hashed` gives their hashes).
pub(super) fn source_files(dir: &Path) -> [String; 2] {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_default();
    [format!("{name}/source.toml"), format!("{name}/values.csv")]
}

fn sha256_of(path: &Path) -> Option<[u8; 32]> {
    std::fs::read(path)
        .ok()
        .map(|bytes| Sha256::digest(bytes).into())
}

/// Reads the snapshot under `indicators` if it was built from exactly `inputs`. Where
/// only stamps differ (a copy, a clone) and the hashes agree, it is written again with
/// the new stamps (if `rewrite`) so that the next load need not hash.
pub(super) fn read(
    store: &Store,
    inputs: &Inputs,
    catalog: &Catalog,
    rewrite: bool,
) -> Option<Loaded> {
    let path = store.dir.join(FILE);
    let bytes = std::fs::read(&path).ok()?;
    let mut r = Reader {
        bytes: &bytes,
        at: 0,
    };
    if r.take(8)? != MAGIC || r.u32()? != FORMAT || r.take(32)? != inputs.settings {
        return None;
    }
    let mut restamp = false;
    let count = r.u32()? as usize;
    if count != inputs.files.len() {
        return None;
    }
    let written = Stamp::of(&path).modified();
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut hashes = Vec::with_capacity(count);
    for now in &inputs.files {
        let (path, stamp, hash) = (r.str()?, read_stamp(&mut r)?, r.take(32)?);
        if path != now.path {
            return None;
        }
        if stamp != now.stamp || racy(stamp, written) {
            let current = match now.stamp.0 {
                None => [0; 32],
                Some(_) => sha256_of(&store.dir.join(path))?,
            };
            if current != hash {
                return None;
            }
            // New stamps are written down; so is a racy one once the margin has passed,
            // so that the next load need not hash the file again.
            restamp |= stamp != now.stamp || !racy(stamp, clock);
        }
        hashes.push(<[u8; 32]>::try_from(hash).ok()?);
    }
    // The values are decoded country by country when asked for: a block damaged inside
    // would be found only then, so the whole body is checked now (a millisecond).
    let checksum = r.u32()?;
    let body_start = r.at;
    if crc32fast::hash(&bytes[body_start..]) != checksum {
        return None;
    }
    let mut loaded = body(&mut r, store, catalog)?;
    if restamp && rewrite {
        let _ = write_bytes(store, inputs, &hashes, &bytes[body_start..]);
    }
    loaded.lazy.bytes = bytes;
    Some(loaded)
}

fn read_stamp(r: &mut Reader) -> Option<Stamp> {
    Some(Stamp(match r.u8()? {
        0 => None,
        _ => Some([r.u64()?, r.u64()?, r.u64()?, r.u64()?]),
    }))
}

/// What is needed to read a country's values from the snapshot when first asked for.
pub(super) struct Lazy {
    bytes: Vec<u8>,
    strings: Vec<Arc<str>>,
    /// The indicators the values name, by number: the catalog's shared id and the age
    /// limit of its family.
    indicators: Vec<(Arc<str>, (bool, i32))>,
    /// How many sources there are: a value names one by its position.
    sources: usize,
}

fn body(r: &mut Reader, store: &Store, catalog: &Catalog) -> Option<Loaded> {
    let sources: Vec<SourceMeta> = serde_json::from_slice(r.block()?).ok()?;
    let strings: Vec<Arc<str>> = (0..r.u32()?)
        .map(|_| r.str().map(Arc::from))
        .collect::<Option<_>>()?;
    let indicators = (0..r.u32()?)
        .map(|_| {
            let indicator = catalog.get(strings.get(r.u32()? as usize)?)?;
            let limit = store.max_age.get(super::family(&indicator.id))?;
            Some((indicator.key.clone(), (limit.timeless, limit.years)))
        })
        .collect::<Option<_>>()?;
    let optional = |r: &mut Reader| -> Option<Option<i32>> {
        Some(match r.u8()? {
            0 => None,
            _ => Some(r.i32()?),
        })
    };
    let published = (optional(r)?, optional(r)?);
    let mut countries = BTreeMap::new();
    for _ in 0..r.u32()? {
        let iso3 = strings.get(r.u32()? as usize)?;
        let covered = r.u8()? != 0;
        let start = r.at;
        let len = r.u32()? as usize;
        r.take(len)?;
        let country = super::Country {
            covered,
            series: std::sync::OnceLock::new(),
            raw: start..r.at,
        };
        countries.insert(iso3.to_string(), country);
    }
    if r.at != r.bytes.len() {
        return None;
    }
    let lazy = Lazy {
        bytes: Vec::new(),
        strings,
        indicators,
        sources: sources.len(),
    };
    let loaded = Loaded {
        sources,
        countries,
        published,
        lazy,
    };
    Some(loaded)
}

impl Lazy {
    /// The country whose values are at `raw` in the snapshot. The layout and the
    /// checksum were checked when the snapshot was opened, so this cannot fail unless
    /// the snapshot's writer and reader disagree.
    pub fn country(&self, raw: &std::ops::Range<usize>) -> BTreeMap<String, Series> {
        let mut r = Reader {
            bytes: &self.bytes[raw.clone()],
            at: 4,
        };
        self.decode(&mut r)
            .filter(|_| r.at == r.bytes.len())
            .expect("indicators/.snapshot is damaged: delete it, and the next run reads the CSV files again")
    }

    fn decode(&self, r: &mut Reader) -> Option<BTreeMap<String, Series>> {
        let string = |i: u32| self.strings.get(i as usize);
        // The country's code (its block is found by it; the values need it no more).
        string(r.u32()?)?;
        (0..r.u32()?)
            .map(|_| {
                let (key, limit) = self.indicators.get(r.u32()? as usize)?;
                let several_sources = r.u8()? != 0;
                let n = r.u32()? as usize;
                let mut stored = Vec::with_capacity(n);
                for _ in 0..n {
                    let source = r.u32()? as usize;
                    if source >= self.sources {
                        return None;
                    }
                    let (year, published, release) = (r.i32()?, r.i32()?, r.i32()?);
                    let edition = string(r.u32()?)?.clone();
                    let value = match r.u8()? {
                        0 => Value::Number(f64::from_bits(r.u64()?)),
                        1 => Value::Integer(r.u64()? as i64),
                        2 => Value::Bool(r.u8()? != 0),
                        3 => Value::Category(String::from(&**string(r.u32()?)?)),
                        4 => Value::List(
                            (0..r.u32()?)
                                .map(|_| Some(String::from(&**string(r.u32()?)?)))
                                .collect::<Option<_>>()?,
                        ),
                        _ => return None,
                    };
                    stored.push(Stored {
                        source,
                        record: super::Held {
                            year,
                            published,
                            edition,
                            value,
                        },
                        fact: std::sync::OnceLock::new(),
                        release,
                    });
                }
                // Written in order already: preparing only makes the compact copy.
                let mut series = Series {
                    key: key.clone(),
                    limit: *limit,
                    several_sources,
                    stored,
                    at: Vec::new(),
                };
                series.prepare();
                Some((key.to_string(), series))
            })
            .collect()
    }
}

/// Writes the snapshot of `store`, built from `inputs`, unless an input changed since
/// they were taken (the store may then hold an older state of it). `parsed`: the hash
/// of each file as it was read (a file changed in between is then not taken for the one
/// read). Failing to write is not an error: the next load reads the CSV files again.
pub(super) fn write(store: &Store, inputs: &Inputs, parsed: &BTreeMap<String, [u8; 32]>) {
    if !inputs.unchanged(&store.dir) {
        return;
    }
    let hashes: Option<Vec<[u8; 32]>> = inputs
        .files
        .iter()
        .map(|f| match (f.stamp.0, parsed.get(&f.path)) {
            (None, _) => Some([0; 32]),
            (Some(_), Some(hash)) => Some(*hash),
            (Some(_), None) => sha256_of(&store.dir.join(&f.path)),
        })
        .collect();
    let Some(hashes) = hashes else { return };
    let Some(body) = encode_body(store) else {
        return;
    };
    let _ = write_bytes(store, inputs, &hashes, &body);
}

fn write_bytes(store: &Store, inputs: &Inputs, hashes: &[[u8; 32]], body: &[u8]) -> Option<()> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.u32(FORMAT);
    w.bytes.extend_from_slice(&inputs.settings);
    w.u32(inputs.files.len() as u32);
    for (input, hash) in inputs.files.iter().zip(hashes) {
        w.str(&input.path);
        match input.stamp.0 {
            None => w.u8(0),
            Some(stamp) => {
                w.u8(1);
                stamp.iter().for_each(|&n| w.u64(n));
            }
        }
        w.bytes.extend_from_slice(hash);
    }
    w.u32(crc32fast::hash(body));
    w.bytes.extend_from_slice(body);
    crate::data::atomic::write_file(&store.dir.join(FILE), &w.bytes).ok()
}

fn encode_body<'a>(store: &'a Store) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    let meta = serde_json::to_vec(&store.sources).ok()?;
    w.u32(meta.len() as u32);
    w.bytes.extend_from_slice(&meta);
    // Every string and indicator once; the values refer to them by number.
    let mut table: Vec<&'a str> = Vec::new();
    let mut index: HashMap<&'a str, u32> = HashMap::new();
    let mut number = |s: &'a str| -> u32 {
        *index.entry(s).or_insert_with(|| {
            table.push(s);
            table.len() as u32 - 1
        })
    };
    let mut indicators: Vec<u32> = Vec::new();
    let mut indicator_index: HashMap<&'a str, u32> = HashMap::new();
    let mut countries = Writer::default();
    countries.u32(store.values.len() as u32);
    for (iso3, country) in &store.values {
        let series = country.series.get()?;
        countries.u32(number(iso3));
        countries.u8(country.covered as u8);
        let mut values = Writer::default();
        values.u32(number(iso3));
        values.u32(series.len() as u32);
        for (id, series) in series {
            let id_number = number(id);
            values.u32(*indicator_index.entry(id).or_insert_with(|| {
                indicators.push(id_number);
                indicators.len() as u32 - 1
            }));
            values.u8(series.several_sources as u8);
            values.u32(series.stored.len() as u32);
            for v in &series.stored {
                let r = &v.record;
                values.u32(v.source as u32);
                values.i32(r.year);
                values.i32(r.published);
                values.i32(v.release);
                values.u32(number(&r.edition));
                match &r.value {
                    Value::Number(x) => {
                        values.u8(0);
                        values.u64(x.to_bits());
                    }
                    Value::Integer(i) => {
                        values.u8(1);
                        values.u64(*i as u64);
                    }
                    Value::Bool(b) => {
                        values.u8(2);
                        values.u8(*b as u8);
                    }
                    Value::Category(s) => {
                        values.u8(3);
                        values.u32(number(s));
                    }
                    Value::List(items) => {
                        values.u8(4);
                        values.u32(items.len() as u32);
                        for item in items {
                            values.u32(number(item));
                        }
                    }
                }
            }
        }
        countries.u32(values.bytes.len() as u32);
        countries.bytes.extend_from_slice(&values.bytes);
    }
    w.u32(table.len() as u32);
    for s in &table {
        w.str(s);
    }
    w.u32(indicators.len() as u32);
    for n in indicators {
        w.u32(n);
    }
    for year in [store.published.0, store.published.1] {
        match year {
            None => w.u8(0),
            Some(year) => {
                w.u8(1);
                w.i32(year);
            }
        }
    }
    w.bytes.extend_from_slice(&countries.bytes);
    Some(w.bytes)
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, n: u8) {
        self.bytes.push(n);
    }
    fn u32(&mut self, n: u32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }
    fn i32(&mut self, n: i32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }
    fn u64(&mut self, n: u64) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
    }
}

/// Reads what [`Writer`] wrote; `None` for anything short or malformed.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Option<i32> {
        self.array().map(i32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    fn block(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.block()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{racy, Stamp};

    const S: u64 = 1_000_000_000;

    #[test]
    fn a_stamp_close_to_the_snapshot_s_time_is_not_trusted() {
        // (mtime, ctime, snapshot written, racy?)
        let cases = [
            (100 * S, 100 * S, 200 * S, false),
            (100 * S, 199 * S, 200 * S, true),
            (198 * S, 100 * S, 200 * S, true),
            (197 * S, 197 * S, 200 * S, false),
            (201 * S, 201 * S, 200 * S, true),
        ];
        for (mtime, ctime, written, expected) in cases {
            let stamp = Stamp(Some([10, mtime, ctime, 1]));
            assert_eq!(racy(stamp, written), expected, "{mtime} {ctime} {written}");
        }
        assert!(!racy(Stamp(None), 200 * S), "an absent file has no time");
    }
}
