#[unmixed::allow(MIXED_MODELS)]
fn helper() {}

fn main() {
    helper();
}
