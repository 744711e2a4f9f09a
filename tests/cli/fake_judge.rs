//! A fake OpenAI-compatible chat-completions server on 127.0.0.1, for the judge's tests:
//! it records every request and answers as each test tells it to.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: serde_json::Value,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How to answer a request.
pub enum Reply {
    /// A chat completion whose message content is this text.
    Content(String),
    /// An HTTP error with this body.
    Status(u16, String),
    /// Wait this long, then answer with the content.
    Slow(Duration, String),
    /// Send the headers at once, then the body a byte at a time, this long apart.
    Dribble(Duration, String),
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

/// The server, running until the test ends.
pub struct FakeJudge {
    /// The API base to pass as `--judge`.
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl FakeJudge {
    /// Starts a server answering each request (with its index) as `handler` says.
    pub fn start(handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/v1", listener.local_addr().unwrap());
        let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (recorded, handler) = (Arc::clone(&recorded), Arc::clone(&handler));
                std::thread::spawn(move || serve(stream, &recorded, &*handler));
            }
        });
        FakeJudge { url, requests }
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, recorded: &Mutex<Vec<Recorded>>, handler: &Handler) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line.split(' ').nth(1).unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.trim_end().split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let request = Recorded {
        path,
        headers,
        body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    };
    let index = {
        let mut all = recorded.lock().unwrap();
        all.push(request.clone());
        all.len() - 1
    };
    let mut stream = stream;
    let completion = |content: &str| {
        serde_json::json!({
            "id": "fake", "object": "chat.completion", "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}]
        })
        .to_string()
    };
    let (status, text, pause, dribble) = match handler(&request, index) {
        Reply::Content(content) => (200, completion(&content), None, None),
        Reply::Status(status, body) => (status, body, None, None),
        Reply::Slow(wait, content) => (200, completion(&content), Some(wait), None),
        Reply::Dribble(gap, content) => (200, completion(&content), None, Some(gap)),
    };
    if let Some(wait) = pause {
        std::thread::sleep(wait);
    }
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        text.len()
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    match dribble {
        Some(gap) => {
            for byte in text.as_bytes() {
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
                let _ = stream.flush();
                std::thread::sleep(gap);
            }
        }
        None => {
            let _ = stream.write_all(text.as_bytes());
        }
    }
}
