//! End to end in headless Chromium: load the page from a loopback server, type a query, press
//! Enter, and see highlighted results with speakers and Jalali dates; open an article; look at the
//! phone layout. Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! NUL-terminated JSON on fds 3 and 4), so the test needs no WebSocket client, Node or driver.
//!
//! Without Chromium the test is skipped with a message, except under `CI=true`, where it fails.
//! `GOFTAR_CHROMIUM=/path/to/chrome` picks another browser binary.
//! Screenshots land in `target/tmp/server_e2e/` (`$CARGO_TARGET_TMPDIR`).

mod server_support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use goftar::index::Searcher;
use goftar::server::{ServerConfig, router};
use serde_json::{Value, json};

const STEP_TIMEOUT: Duration = Duration::from_secs(30);

fn chromium_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GOFTAR_CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// One headless browser, spoken to over the DevTools pipe.
struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        // The shell hands our stdin/stdout pipes to Chromium as fds 3 and 4, the pipe transport.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .arg(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let input = child.stdin.take().expect("stdin");
        let output = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                if message.last() == Some(&0) {
                    message.pop();
                }
                if let Ok(value) = serde_json::from_slice::<Value>(&message)
                    && sender.send(value).is_err()
                {
                    break;
                }
                message.clear();
            }
        });
        Browser {
            child,
            input,
            messages,
            next_id: 1,
            _profile: profile,
        }
    }

    /// Sends one command and waits for its answer (events in between are dropped).
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut command = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&command).unwrap();
        bytes.push(0);
        self.input.write_all(&bytes).expect("write to chromium");
        self.input.flush().expect("flush");
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if message["id"] == json!(id) => {
                    assert!(
                        message.get("error").is_none(),
                        "{method} failed: {}",
                        message["error"]
                    );
                    return message["result"].clone();
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => panic!("{method}: no answer from chromium"),
                Err(RecvTimeoutError::Disconnected) => panic!("{method}: chromium exited"),
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab.
struct Page<'a> {
    browser: &'a mut Browser,
    session: String,
}

impl<'a> Page<'a> {
    fn open(browser: &'a mut Browser, width: u32, height: u32, mobile: bool) -> Page<'a> {
        let target = browser.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let session = attached["sessionId"].as_str().expect("session").to_string();
        let mut page = Page { browser, session };
        page.call("Page.enable", json!({}));
        page.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        page
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.browser.call(Some(&session), method, params)
    }

    /// Evaluates `expression` in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression} threw: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Polls `condition` (a JS expression) until it is true.
    fn wait_for(&mut self, condition: &str) {
        let deadline = Instant::now() + STEP_TIMEOUT;
        while self.eval(&format!("Boolean({condition})")) != json!(true) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {condition}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for("document.readyState === 'complete' && document.getElementById('q')");
    }

    fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({"text": text}));
    }

    fn press_enter(&mut self) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": "Enter", "code": "Enter",
                       "windowsVirtualKeyCode": 13, "text": "\r"}),
            );
        }
    }

    fn screenshot(&mut self, path: &Path) {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": false}),
        );
        let png = decode_base64(shot["data"].as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
        std::fs::write(path, png).expect("write screenshot");
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | (u32::from(*d) << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((bits >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// Serves a fresh fixture index on a loopback port from a background runtime.
fn start_server() -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    server_support::build_index(dir.path());
    let searcher = Searcher::open(dir.path()).expect("open index");
    let app = router(Arc::new(searcher), &ServerConfig::default()).expect("router");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.set_nonblocking(true).expect("nonblocking");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    (base, dir)
}

#[test]
fn a_journalist_searches_and_reads_an_article() {
    let Some(binary) = chromium_binary() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium is required in CI (install Debian's `chromium` package)"
        );
        eprintln!("SKIPPED server_e2e: chromium not found (install Debian's `chromium`)");
        return;
    };
    let (base, _index) = start_server();
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("server_e2e");
    std::fs::create_dir_all(&shots).expect("screenshot dir");

    let mut browser = Browser::launch(&binary);
    let mut page = Page::open(&mut browser, 1200, 900, false);
    page.navigate(&format!("{base}/"));
    assert_eq!(page.eval("document.documentElement.dir"), json!("rtl"));
    assert_eq!(page.eval("document.documentElement.lang"), json!("fa"));

    // Type the query the way a person does, and press Enter.
    page.eval("document.getElementById('q').focus()");
    page.type_text("تورم");
    page.press_enter();
    page.wait_for("document.querySelectorAll('#hits li.hit').length >= 2");

    assert!(
        page.eval("location.search")
            .as_str()
            .unwrap()
            .contains("q="),
        "the search is not in the URL"
    );
    let speakers =
        page.eval("[...document.querySelectorAll('#hits .speaker')].map(e => e.textContent)");
    assert!(
        speakers
            .as_array()
            .unwrap()
            .contains(&json!("محمدرضا فرزین")),
        "{speakers}"
    );
    let roles = page.eval("[...document.querySelectorAll('#hits .role')].map(e => e.textContent)");
    assert!(
        roles.as_array().unwrap().contains(&json!("سخنگوی دولت")),
        "{roles}"
    );
    let highlighted = page.eval("document.querySelector('#hits .snippet b')?.textContent ?? ''");
    assert!(
        highlighted.as_str().unwrap().contains("تورم"),
        "{highlighted}"
    );
    // 2024-05-01 is 12 Ordibehesht 1403; the Gregorian date stands beside it.
    let dates = page
        .eval("[...document.querySelectorAll('#hits time')].map(e => e.textContent).join(' | ')");
    let dates = dates.as_str().unwrap();
    assert!(dates.contains("اردیبهشت"), "{dates}");
    assert!(dates.contains("۱۴۰۳"), "{dates}");
    assert!(dates.contains("۲۰۲۴"), "{dates}");
    assert!(
        page.eval("document.querySelectorAll('#facets .facet').length")
            .as_u64()
            .unwrap()
            >= 1
    );
    page.screenshot(&shots.join("search.png"));

    // Narrow by a speaker facet.
    page.eval("[...document.querySelectorAll('#facets a')].find(a => a.textContent.includes('محمدرضا فرزین')).click()");
    page.wait_for(
        "document.querySelectorAll('#hits li.hit').length === 1 && document.querySelector('.chip')",
    );

    // Open the article of the first hit.
    page.eval("document.querySelector('#hits a.full').click()");
    page.wait_for(
        "!document.getElementById('article-view').hidden && document.querySelector('.statement')",
    );
    let title = page.eval("document.querySelector('.article-title').textContent");
    assert_eq!(title, json!("رئیس کل بانک مرکزی: بازار ارز آرام است"));

    // The back button returns to the results.
    page.eval("history.back()");
    page.wait_for(
        "!document.getElementById('results-view').hidden && document.querySelectorAll('#hits li.hit').length === 1",
    );

    // The article with removed paragraphs, on a phone.
    drop(page);
    let mut phone = Page::open(&mut browser, 390, 844, true);
    phone.navigate(&format!(
        "{base}/?q=%D8%AA%D9%88%D8%B1%D9%85&article=irna-1#s-irna-1%3A0%3A0"
    ));
    phone.wait_for("document.querySelectorAll('.statement').length === 2 && document.querySelector('.removed')");
    let overflow = phone.eval("document.documentElement.scrollWidth > window.innerWidth");
    assert_eq!(
        overflow,
        json!(false),
        "the page scrolls sideways on a phone"
    );
    phone.screenshot(&shots.join("article-phone.png"));
    phone.navigate(&format!("{base}/?q=%D8%AA%D9%88%D8%B1%D9%85"));
    phone.wait_for("document.querySelectorAll('#hits li.hit').length >= 2");
    phone.screenshot(&shots.join("search-phone.png"));
    eprintln!("screenshots in {}", shots.display());
}
