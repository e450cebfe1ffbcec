// Database and HTTP clients, sync and async, as stubs (see `std.rs` for
// the format): what makes a call network or database I/O.
mod reqwest {
    #[io(net)] pub async fn get<U>(url: U) -> Result<Response> {}
    pub type Result<T> = std::result::Result<T, Error>;
    pub struct Error;
    pub struct Client;
    impl Client {
        pub fn new() -> Client {}
        pub fn builder() -> ClientBuilder {}
        pub fn get<U>(&self, url: U) -> RequestBuilder {}
        pub fn post<U>(&self, url: U) -> RequestBuilder {}
        pub fn put<U>(&self, url: U) -> RequestBuilder {}
        pub fn patch<U>(&self, url: U) -> RequestBuilder {}
        pub fn delete<U>(&self, url: U) -> RequestBuilder {}
        pub fn head<U>(&self, url: U) -> RequestBuilder {}
        pub fn request<M, U>(&self, method: M, url: U) -> RequestBuilder {}
        #[io(net)] pub async fn execute(&self, request: Request) -> Result<Response> {}
    }
    pub struct ClientBuilder;
    impl ClientBuilder {
        pub fn build(self) -> Result<Client> {}
    }
    pub struct Request;
    pub struct RequestBuilder;
    impl RequestBuilder {
        pub fn header<K, V>(self, key: K, value: V) -> RequestBuilder {}
        pub fn headers<H>(self, headers: H) -> RequestBuilder {}
        pub fn json<T>(self, json: &T) -> RequestBuilder {}
        pub fn body<B>(self, body: B) -> RequestBuilder {}
        pub fn form<T>(self, form: &T) -> RequestBuilder {}
        pub fn query<T>(self, query: &T) -> RequestBuilder {}
        pub fn bearer_auth<T>(self, token: T) -> RequestBuilder {}
        pub fn basic_auth<U, P>(self, user: U, password: Option<P>) -> RequestBuilder {}
        pub fn timeout(self, timeout: std::time::Duration) -> RequestBuilder {}
        #[io(net)] pub async fn send(self) -> Result<Response> {}
    }
    pub struct Response;
    impl Response {
        #[io(net)] pub async fn text(self) -> Result<String> {}
        #[io(net)] pub async fn json<T>(self) -> Result<T> {}
        #[io(net)] pub async fn bytes(self) -> Result<Vec<u8>> {}
        #[io(net)] pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>> {}
        pub fn status(&self) -> StatusCode {}
        pub fn error_for_status(self) -> Result<Response> {}
    }
    pub struct StatusCode;
    pub mod blocking {
        #[io(net)] pub fn get<U>(url: U) -> crate::Result<Response> {}
        pub struct Client;
        impl Client {
            pub fn new() -> Client {}
            pub fn get<U>(&self, url: U) -> RequestBuilder {}
            pub fn post<U>(&self, url: U) -> RequestBuilder {}
            pub fn put<U>(&self, url: U) -> RequestBuilder {}
            pub fn delete<U>(&self, url: U) -> RequestBuilder {}
            #[io(net)] pub fn execute(&self, request: crate::Request) -> crate::Result<Response> {}
        }
        pub struct RequestBuilder;
        impl RequestBuilder {
            pub fn header<K, V>(self, key: K, value: V) -> RequestBuilder {}
            pub fn json<T>(self, json: &T) -> RequestBuilder {}
            pub fn body<B>(self, body: B) -> RequestBuilder {}
            pub fn query<T>(self, query: &T) -> RequestBuilder {}
            pub fn timeout(self, timeout: std::time::Duration) -> RequestBuilder {}
            #[io(net)] pub fn send(self) -> crate::Result<Response> {}
        }
        pub struct Response;
        impl Response {
            #[io(net)] pub fn text(self) -> crate::Result<String> {}
            #[io(net)] pub fn json<T>(self) -> crate::Result<T> {}
            #[io(net)] pub fn bytes(self) -> crate::Result<Vec<u8>> {}
            pub fn status(&self) -> crate::StatusCode {}
        }
    }
}

mod ureq {
    pub fn get(url: &str) -> Request {}
    pub fn post(url: &str) -> Request {}
    pub fn put(url: &str) -> Request {}
    pub fn delete(url: &str) -> Request {}
    pub fn agent() -> Agent {}
    pub struct Agent;
    impl Agent {
        pub fn get(&self, url: &str) -> Request {}
        pub fn post(&self, url: &str) -> Request {}
    }
    pub struct Request;
    impl Request {
        pub fn set(self, header: &str, value: &str) -> Request {}
        pub fn header(self, header: &str, value: &str) -> Request {}
        pub fn query(self, param: &str, value: &str) -> Request {}
        pub fn timeout(self, timeout: std::time::Duration) -> Request {}
        #[io(net)] pub fn call(self) -> Result<Response, Error> {}
        #[io(net)] pub fn send_string(self, data: &str) -> Result<Response, Error> {}
        #[io(net)] pub fn send_json<T>(self, data: T) -> Result<Response, Error> {}
        #[io(net)] pub fn send_bytes(self, data: &[u8]) -> Result<Response, Error> {}
        #[io(net)] pub fn send<B>(self, data: B) -> Result<Response, Error> {}
    }
    pub struct Response;
    impl Response {
        #[io(net)] pub fn into_string(self) -> std::io::Result<String> {}
        #[io(net)] pub fn into_json<T>(self) -> std::io::Result<T> {}
        pub fn status(&self) -> u16 {}
    }
    pub struct Error;
}

mod postgres {
    pub struct Client;
    impl Client {
        #[io(db)] pub fn connect<T>(params: &str, tls: T) -> Result<Client, Error> {}
        #[io(db)] pub fn query<T, P>(&mut self, query: &T, params: P) -> Result<Vec<Row>, Error> {}
        #[io(db)] pub fn query_one<T, P>(&mut self, query: &T, params: P) -> Result<Row, Error> {}
        #[io(db)] pub fn query_opt<T, P>(&mut self, query: &T, params: P) -> Result<Option<Row>, Error> {}
        #[io(db)] pub fn execute<T, P>(&mut self, query: &T, params: P) -> Result<u64, Error> {}
        #[io(db)] pub fn batch_execute(&mut self, query: &str) -> Result<(), Error> {}
        #[io(db)] pub fn prepare(&mut self, query: &str) -> Result<Statement, Error> {}
        #[io(db)] pub fn transaction(&mut self) -> Result<Transaction, Error> {}
    }
    pub struct Transaction;
    impl Transaction {
        #[io(db)] pub fn query<T, P>(&mut self, query: &T, params: P) -> Result<Vec<Row>, Error> {}
        #[io(db)] pub fn execute<T, P>(&mut self, query: &T, params: P) -> Result<u64, Error> {}
        #[io(db)] pub fn commit(self) -> Result<(), Error> {}
        #[io(db)] pub fn rollback(self) -> Result<(), Error> {}
    }
    pub struct Row;
    pub struct Statement;
    pub struct Error;
}

mod tokio_postgres {
    #[io(db)] pub async fn connect<T>(params: &str, tls: T) -> Result<(Client, Connection), Error> {}
    pub struct Connection;
    pub struct Client;
    impl Client {
        #[io(db)] pub async fn query<T, P>(&self, query: &T, params: P) -> Result<Vec<Row>, Error> {}
        #[io(db)] pub async fn query_one<T, P>(&self, query: &T, params: P) -> Result<Row, Error> {}
        #[io(db)] pub async fn query_opt<T, P>(&self, query: &T, params: P) -> Result<Option<Row>, Error> {}
        #[io(db)] pub async fn execute<T, P>(&self, query: &T, params: P) -> Result<u64, Error> {}
        #[io(db)] pub async fn batch_execute(&self, query: &str) -> Result<(), Error> {}
        #[io(db)] pub async fn prepare(&self, query: &str) -> Result<Statement, Error> {}
        #[io(db)] pub async fn transaction(&mut self) -> Result<Transaction, Error> {}
    }
    pub struct Transaction;
    impl Transaction {
        #[io(db)] pub async fn query<T, P>(&self, query: &T, params: P) -> Result<Vec<Row>, Error> {}
        #[io(db)] pub async fn execute<T, P>(&self, query: &T, params: P) -> Result<u64, Error> {}
        #[io(db)] pub async fn commit(self) -> Result<(), Error> {}
        #[io(db)] pub async fn rollback(self) -> Result<(), Error> {}
    }
    pub struct Row;
    pub struct Statement;
    pub struct Error;
}

mod rusqlite {
    pub type Result<T> = std::result::Result<T, Error>;
    pub struct Error;
    pub struct Connection;
    impl Connection {
        #[io(db)] pub fn open<P>(path: P) -> Result<Connection> {}
        pub fn open_in_memory() -> Result<Connection> {}
        #[io(db)] pub fn execute<P>(&self, sql: &str, params: P) -> Result<usize> {}
        #[io(db)] pub fn execute_batch(&self, sql: &str) -> Result<()> {}
        #[io(db)] pub fn query_row<P, F, T>(&self, sql: &str, params: P, f: F) -> Result<T> {}
        #[io(db)] pub fn prepare(&self, sql: &str) -> Result<Statement> {}
        #[io(db)] pub fn prepare_cached(&self, sql: &str) -> Result<Statement> {}
        #[io(db)] pub fn transaction(&mut self) -> Result<Transaction> {}
        pub fn last_insert_rowid(&self) -> i64 {}
    }
    pub struct Statement;
    impl Statement {
        #[io(db)] pub fn execute<P>(&mut self, params: P) -> Result<usize> {}
        #[io(db)] pub fn query<P>(&mut self, params: P) -> Result<Rows> {}
        #[io(db)] pub fn query_map<P, F, T>(&mut self, params: P, f: F) -> Result<MappedRows> {}
        #[io(db)] pub fn query_row<P, F, T>(&mut self, params: P, f: F) -> Result<T> {}
    }
    pub struct Rows;
    pub struct MappedRows;
    pub struct Transaction;
    impl Transaction {
        #[io(db)] pub fn commit(self) -> Result<()> {}
        #[io(db)] pub fn rollback(self) -> Result<()> {}
    }
    impl std::ops::Deref for Transaction { type Target = Connection; }
}

mod redis {
    pub type RedisResult<T> = Result<T, RedisError>;
    pub struct RedisError;
    pub struct Client;
    impl Client {
        pub fn open<T>(params: T) -> RedisResult<Client> {}
        #[io(net)] pub fn get_connection(&self) -> RedisResult<Connection> {}
        #[io(net)] pub async fn get_multiplexed_async_connection(&self) -> RedisResult<aio::MultiplexedConnection> {}
        #[io(net)] pub async fn get_multiplexed_tokio_connection(&self) -> RedisResult<aio::MultiplexedConnection> {}
    }
    pub struct Connection;
    #[io(db)] impl Commands for Connection {}
    #[io(db)] impl ConnectionLike for Connection {}
    pub trait ConnectionLike {}
    pub trait Commands {
        fn get<K, RV>(&mut self, key: K) -> RedisResult<RV>;
        fn set<K, V, RV>(&mut self, key: K, value: V) -> RedisResult<RV>;
        fn set_ex<K, V, RV>(&mut self, key: K, value: V, seconds: u64) -> RedisResult<RV>;
        fn del<K, RV>(&mut self, key: K) -> RedisResult<RV>;
        fn exists<K, RV>(&mut self, key: K) -> RedisResult<RV>;
        fn expire<K, RV>(&mut self, key: K, seconds: i64) -> RedisResult<RV>;
        fn incr<K, V, RV>(&mut self, key: K, delta: V) -> RedisResult<RV>;
        fn hget<K, F, RV>(&mut self, key: K, field: F) -> RedisResult<RV>;
        fn hset<K, F, V, RV>(&mut self, key: K, field: F, value: V) -> RedisResult<RV>;
        fn lpush<K, V, RV>(&mut self, key: K, value: V) -> RedisResult<RV>;
        fn rpush<K, V, RV>(&mut self, key: K, value: V) -> RedisResult<RV>;
        fn lpop<K, RV>(&mut self, key: K, count: Option<usize>) -> RedisResult<RV>;
        fn publish<K, E, RV>(&mut self, channel: K, message: E) -> RedisResult<RV>;
    }
    pub trait AsyncCommands {
        async fn get<K, RV>(&mut self, key: K) -> RedisResult<RV>;
        async fn set<K, V, RV>(&mut self, key: K, value: V) -> RedisResult<RV>;
        async fn set_ex<K, V, RV>(&mut self, key: K, value: V, seconds: u64) -> RedisResult<RV>;
        async fn del<K, RV>(&mut self, key: K) -> RedisResult<RV>;
        async fn exists<K, RV>(&mut self, key: K) -> RedisResult<RV>;
        async fn expire<K, RV>(&mut self, key: K, seconds: i64) -> RedisResult<RV>;
        async fn incr<K, V, RV>(&mut self, key: K, delta: V) -> RedisResult<RV>;
        async fn hget<K, F, RV>(&mut self, key: K, field: F) -> RedisResult<RV>;
        async fn hset<K, F, V, RV>(&mut self, key: K, field: F, value: V) -> RedisResult<RV>;
        async fn publish<K, E, RV>(&mut self, channel: K, message: E) -> RedisResult<RV>;
    }
    pub fn cmd(name: &str) -> Cmd {}
    pub struct Cmd;
    impl Cmd {
        pub fn arg<T>(&mut self, arg: T) -> &mut Cmd {}
        #[io(db)] pub fn query<T, C>(&self, con: &mut C) -> RedisResult<T> {}
        #[io(db)] pub async fn query_async<C, T>(&self, con: &mut C) -> RedisResult<T> {}
    }
    pub mod aio {
        pub struct MultiplexedConnection;
        #[io(db)] impl crate::AsyncCommands for MultiplexedConnection {}
        pub struct ConnectionManager;
        #[io(db)] impl crate::AsyncCommands for ConnectionManager {}
    }
}

mod mysql {
    pub struct Pool;
    impl Pool {
        #[io(db)] pub fn get_conn(&self) -> Result<PooledConn, Error> {}
    }
    pub struct PooledConn;
    #[io(db)] impl prelude::Queryable for PooledConn {}
    pub struct Conn;
    #[io(db)] impl prelude::Queryable for Conn {}
    pub struct Error;
    pub mod prelude {
        pub trait Queryable {
            fn query<T, Q>(&mut self, query: Q) -> Result<Vec<T>, crate::Error>;
            fn query_first<T, Q>(&mut self, query: Q) -> Result<Option<T>, crate::Error>;
            fn query_drop<Q>(&mut self, query: Q) -> Result<(), crate::Error>;
            fn exec<T, S, P>(&mut self, stmt: S, params: P) -> Result<Vec<T>, crate::Error>;
            fn exec_first<T, S, P>(&mut self, stmt: S, params: P) -> Result<Option<T>, crate::Error>;
            fn exec_drop<S, P>(&mut self, stmt: S, params: P) -> Result<(), crate::Error>;
        }
    }
}

mod sqlx {
    pub fn query(sql: &str) -> query::Query {}
    pub fn query_as<O>(sql: &str) -> query::QueryAs<O> {}
    pub fn query_scalar<O>(sql: &str) -> query::QueryScalar<O> {}
    pub type Result<T> = std::result::Result<T, Error>;
    pub struct Error;
    pub mod query {
        pub struct Query;
        impl Query {
            pub fn bind<T>(self, value: T) -> Query {}
            #[io(db)] pub async fn execute<E>(self, executor: E) -> crate::Result<QueryResult> {}
            #[io(db)] pub async fn fetch_one<E>(self, executor: E) -> crate::Result<Row> {}
            #[io(db)] pub async fn fetch_optional<E>(self, executor: E) -> crate::Result<Option<Row>> {}
            #[io(db)] pub async fn fetch_all<E>(self, executor: E) -> crate::Result<Vec<Row>> {}
        }
        pub struct QueryAs<O>;
        impl<O> QueryAs<O> {
            pub fn bind<T>(self, value: T) -> QueryAs<O> {}
            #[io(db)] pub async fn fetch_one<E>(self, executor: E) -> crate::Result<O> {}
            #[io(db)] pub async fn fetch_optional<E>(self, executor: E) -> crate::Result<Option<O>> {}
            #[io(db)] pub async fn fetch_all<E>(self, executor: E) -> crate::Result<Vec<O>> {}
        }
        pub struct QueryScalar<O>;
        impl<O> QueryScalar<O> {
            pub fn bind<T>(self, value: T) -> QueryScalar<O> {}
            #[io(db)] pub async fn fetch_one<E>(self, executor: E) -> crate::Result<O> {}
            #[io(db)] pub async fn fetch_optional<E>(self, executor: E) -> crate::Result<Option<O>> {}
        }
        pub struct QueryResult;
        pub struct Row;
    }
    pub struct Pool<D>;
    impl<D> Pool<D> {
        #[io(db)] pub async fn acquire(&self) -> Result<PoolConnection<D>> {}
        #[io(db)] pub async fn begin(&self) -> Result<Transaction<D>> {}
    }
    pub struct PoolConnection<D>;
    pub struct Transaction<D>;
    impl<D> Transaction<D> {
        #[io(db)] pub async fn commit(self) -> Result<()> {}
        #[io(db)] pub async fn rollback(self) -> Result<()> {}
    }
    pub type PgPool = Pool<Postgres>;
    pub type SqlitePool = Pool<Sqlite>;
    pub type MySqlPool = Pool<MySql>;
    pub struct Postgres;
    pub struct Sqlite;
    pub struct MySql;
}

mod hyper {
    pub struct Client<C>;
    impl<C> Client<C> {
        #[io(net)] pub async fn request<B>(&self, request: B) -> Result<Response, Error> {}
        #[io(net)] pub async fn get<U>(&self, uri: U) -> Result<Response, Error> {}
    }
    pub struct Response;
    pub struct Error;
    pub mod body {
        #[io(net)] pub async fn to_bytes<B>(body: B) -> Result<Vec<u8>, crate::Error> {}
    }
}
