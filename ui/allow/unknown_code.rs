#[unmixed::allow(LOCK_ACROS_AWAIT, reason = "typo in the code")]
fn helper() {}

fn main() {
    helper();
}
