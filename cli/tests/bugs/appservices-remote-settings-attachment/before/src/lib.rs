//! A settings client: records and attachments are fetched over HTTP with a
//! blocking client, and the client remembers where attachments live.

use parking_lot::Mutex;
use serde::Deserialize;

#[derive(Debug)]
pub enum Error {
    Http(Box<ureq::Error>),
    Io(std::io::Error),
    Json(serde_json::Error),
    AttachmentsUnsupported,
}

impl From<ureq::Error> for Error {
    fn from(e: ureq::Error) -> Self {
        Error::Http(Box::new(e))
    }
}

#[derive(Default)]
pub struct RemoteState {
    attachments_base_url: Option<String>,
}

#[derive(Deserialize)]
struct ServerInfo {
    attachments_base_url: Option<String>,
}

pub struct Client {
    base_url: String,
    remote_state: Mutex<RemoteState>,
}

impl Client {
    pub fn new(base_url: String) -> Self {
        Client {
            base_url,
            remote_state: Mutex::new(RemoteState::default()),
        }
    }

    pub fn get_attachment(&self, location: &str) -> Result<String, Error> {
        let mut current_remote_state = self.remote_state.lock();
        let attachments_base_url = match &current_remote_state.attachments_base_url {
            Some(url) => url.clone(),
            None => {
                let body = ureq::get(&self.base_url)
                    .call()?
                    .into_string()
                    .map_err(Error::Io)?;
                let server_info: ServerInfo = serde_json::from_str(&body).map_err(Error::Json)?;
                server_info
                    .attachments_base_url
                    .ok_or(Error::AttachmentsUnsupported)?
            }
        };
        current_remote_state.attachments_base_url = Some(attachments_base_url.clone());
        drop(current_remote_state);

        self.make_request(&format!("{attachments_base_url}{location}"))
    }

    fn make_request(&self, url: &str) -> Result<String, Error> {
        ureq::get(url).call()?.into_string().map_err(Error::Io)
    }
}
