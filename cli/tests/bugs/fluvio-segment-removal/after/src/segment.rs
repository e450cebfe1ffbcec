//! One on-disk segment: a record file and its offset index.

use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub struct Segment {
    records: PathBuf,
    index: PathBuf,
}

impl Segment {
    pub fn at(records: PathBuf, index: PathBuf) -> Self {
        Segment { records, index }
    }

    /// Deletes both files of the segment.
    pub(crate) async fn delete_files(self) -> io::Result<()> {
        tokio::fs::remove_file(&self.records).await?;
        tokio::fs::remove_file(&self.index).await
    }
}
