//! The memory database. Its own lock only serialises use of the one
//! connection; every method awaits the database.

use tokio::sync::Mutex;
use tokio_postgres::{Client, Error};

pub struct MemoryDb {
    conn: Mutex<Client>,
}

#[derive(Debug)]
pub struct Space {
    pub id: i64,
    pub name: String,
}

impl MemoryDb {
    pub fn new(client: Client) -> Self {
        MemoryDb {
            conn: Mutex::new(client),
        }
    }

    pub async fn create_space(
        &self,
        name: &str,
        description: Option<&str>,
    ) -> Result<Space, Error> {
        let conn = self.conn.lock().await;
        let row = conn
            .query_one("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM spaces", &[])
            .await?;
        let next_order: i64 = row.get(0);
        let row = conn
            .query_one(
                "INSERT INTO spaces (name, description, sort_order) VALUES ($1, $2, $3) RETURNING id",
                &[&name, &description, &next_order],
            )
            .await?;
        Ok(Space {
            id: row.get(0),
            name: name.to_owned(),
        })
    }

    pub async fn delete_space(&self, name: &str) -> Result<u64, Error> {
        let conn = self.conn.lock().await;
        conn.execute("DELETE FROM spaces WHERE name = $1", &[&name])
            .await
    }
}
