#[unmixed::shared_state]
mod settings {
    use std::collections::HashMap;
    use std::sync::Mutex;

    pub struct Settings {
        values: Mutex<HashMap<String, String>>,
    }

    impl Settings {
        fn with_values<R>(&self, f: impl FnOnce(&mut HashMap<String, String>) -> R) -> R {
            let mut values = self.values.lock().unwrap();
            f(&mut values)
        }

        pub fn set(&self, key: String, value: String) -> std::io::Result<()> {
            self.with_values(|values| {
                values.insert(key, value);
                std::fs::write("settings.txt", format!("{values:?}"))
            })
        }
    }
}

fn main() {}
