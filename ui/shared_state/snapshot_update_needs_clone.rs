pub struct Prices {
    pub per_item: Vec<u32>,
}

#[unmixed::shared_state]
pub struct Shop {
    #[snapshot]
    prices: Prices,
}

fn main() {
    let shop = Shop { prices: Prices { per_item: vec![] } }.share();
    shop.set_prices(Prices { per_item: vec![1] });
    shop.update_prices(|p| p.per_item.push(2));
}
