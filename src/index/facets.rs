//! Facet counts (speakers, topics, sources) from tables loaded once when the index opens: for each
//! document the dictionary ordinals of its values, in flat arrays. Counting a result set is then an
//! array walk. tantivy's `FacetCollector`, and even reading the string columns per document, was
//! most of the query time on large result sets (~1 µs per matching document).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::FacetCount;

/// One field's values for every document of one segment.
#[derive(Debug, Default)]
pub struct SegmentFacets {
    /// `ords[starts[doc]..starts[doc + 1]]` are the value ordinals of `doc`.
    starts: Vec<u32>,
    ords: Vec<u32>,
    /// Value text by ordinal.
    names: Vec<String>,
}

impl SegmentFacets {
    /// Reads the string fast field `field` of a segment.
    pub fn load(reader: &SegmentReader, field: &str) -> tantivy::Result<Self> {
        let Some(column) = reader.fast_fields().str(field)? else {
            return Ok(SegmentFacets::default());
        };
        let mut names = Vec::with_capacity(column.num_terms());
        for ord in 0..column.num_terms() as u64 {
            let mut name = String::new();
            column.ord_to_str(ord, &mut name)?;
            names.push(name);
        }
        let max_doc = reader.max_doc();
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        for doc in 0..max_doc {
            starts.push(ords.len() as u32);
            ords.extend(column.term_ords(doc).map(|o| o as u32));
        }
        starts.push(ords.len() as u32);
        Ok(SegmentFacets {
            starts,
            ords,
            names,
        })
    }

    fn doc_ords(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&a), Some(&b)) => self.ords.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// One field's tables for every segment of an opened index.
pub type FieldFacets = HashMap<SegmentId, Arc<SegmentFacets>>;

/// Loads the tables of `field` for every segment the searcher sees.
pub fn load_field(searcher: &tantivy::Searcher, field: &str) -> tantivy::Result<FieldFacets> {
    searcher
        .segment_readers()
        .iter()
        .map(|r| Ok((r.segment_id(), Arc::new(SegmentFacets::load(r, field)?))))
        .collect()
}

/// Counts one field's values over the matching documents; keeps the `top` most frequent.
pub struct FlatFacetCollector<'a> {
    tables: &'a FieldFacets,
    top: usize,
}

impl<'a> FlatFacetCollector<'a> {
    pub fn new(tables: &'a FieldFacets, top: usize) -> Self {
        FlatFacetCollector { tables, top }
    }
}

/// One segment's counters.
pub struct FlatFacetSegmentCollector {
    table: Arc<SegmentFacets>,
    counts: Vec<u32>,
}

impl Collector for FlatFacetCollector<'_> {
    type Fruit = Vec<FacetCount>;
    type Child = FlatFacetSegmentCollector;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let table = self
            .tables
            .get(&reader.segment_id())
            .cloned()
            .unwrap_or_default();
        let counts = vec![0; table.names.len()];
        Ok(FlatFacetSegmentCollector { table, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<HashMap<String, u64>>,
    ) -> tantivy::Result<Vec<FacetCount>> {
        let mut merged: HashMap<String, u64> = HashMap::new();
        for segment in segments {
            for (value, count) in segment {
                *merged.entry(value).or_default() += count;
            }
        }
        let mut counts: Vec<FacetCount> = merged
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        counts.truncate(self.top);
        Ok(counts)
    }
}

impl SegmentCollector for FlatFacetSegmentCollector {
    /// Every value counted in the segment (exact after merging segments).
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for &ord in self.table.doc_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        self.counts
            .iter()
            .enumerate()
            .filter(|&(_, &count)| count > 0)
            .filter_map(|(ord, &count)| {
                Some((self.table.names.get(ord)?.clone(), u64::from(count)))
            })
            .collect()
    }
}
