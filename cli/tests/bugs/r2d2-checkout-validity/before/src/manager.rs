//! How the pool makes and checks its database connections.

use postgres::{Client, Error, NoTls};

pub struct PostgresManager {
    params: String,
}

impl PostgresManager {
    pub fn new(params: &str) -> Self {
        PostgresManager {
            params: params.to_owned(),
        }
    }

    pub fn connect(&self) -> Result<Client, Error> {
        Client::connect(&self.params, NoTls)
    }

    /// A round trip to the server: the connection is usable if it answers.
    pub fn is_valid(&self, conn: &mut Client) -> bool {
        conn.simple_query("").is_ok()
    }
}
