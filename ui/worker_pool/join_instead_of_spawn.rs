async fn crunch(data: Vec<u8>) -> u64 {
    data.iter().map(|&b| u64::from(b)).sum()
}

#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub async fn checksum_halves(left: Vec<u8>, right: Vec<u8>) -> u64 {
    let (a, b) = tokio::join!(crunch(left), crunch(right));
    a + b
}

fn main() {
    // The pool compiles with the warning above; this line is the one error
    // that makes this a compile-fail case, so that the warning is shown.
    let _: ChecksumHalvesPool = ();
}
