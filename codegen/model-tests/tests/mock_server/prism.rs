//! The spec Prism serves (a copy relaxed where Prism judges wrongly) and
//! Prism itself, started on a free port of 127.0.0.1 and stopped on drop.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The installed spec whose API version the identity crate names.
pub fn current_spec() -> (PathBuf, Value) {
    let lib = std::fs::read_to_string(workspace().join("generated/stripe-identity/src/lib.rs"))
        .expect("generated/stripe-identity");
    let version = lib
        .split("(API version ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("the API version in the header")
        .to_string();
    let cache = workspace().join("spec/cache");
    for entry in std::fs::read_dir(&cache).expect("spec/cache: run `cargo xtask fetch-spec`") {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(spec) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if spec["info"]["version"] == version.as_str() {
            return (path, spec);
        }
    }
    panic!("no spec of API version {version} in {}", cache.display());
}

/// The copy Prism serves: dangling refs opened, required lists of nested
/// form objects removed (each one's pointer returned).
pub fn mock_copy(spec: &Value) -> (Value, Vec<String>) {
    fn open_dangling(value: &mut Value, names: &Map<String, Value>) {
        match value {
            Value::Object(map) => {
                let dangling = map
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .is_some_and(|name| !names.contains_key(name));
                if dangling {
                    map.clear();
                } else {
                    map.values_mut().for_each(|v| open_dangling(v, names));
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| open_dangling(v, names)),
            _ => {}
        }
    }
    let mut copy = spec.clone();
    let names = spec["components"]["schemas"].as_object().unwrap().clone();
    open_dangling(&mut copy, &names);
    let mut relaxed = Vec::new();
    for (path, item) in copy["paths"].as_object_mut().unwrap() {
        for (method, op) in item.as_object_mut().unwrap() {
            let form =
                &mut op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
            let Some(props) = form.get_mut("properties").and_then(Value::as_object_mut) else {
                continue;
            };
            for (name, prop) in props {
                if prop
                    .as_object_mut()
                    .and_then(|p| p.remove("required"))
                    .is_some()
                {
                    relaxed.push(format!("{method} {path} {name}"));
                }
            }
        }
    }
    (copy, relaxed)
}

pub struct Prism {
    child: Child,
    pub base: String,
    log: PathBuf,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Prism {
    pub fn start(spec: &Path) -> Prism {
        let bin = workspace().join("xtask/mock-server/node_modules/.bin/prism");
        assert!(
            bin.exists(),
            "Prism is not installed: run `npm ci --prefix xtask/mock-server` (the README's test \
             command does) and test again"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let log = spec.with_extension("log");
        let child = Command::new(&bin)
            .args([
                "mock",
                "--errors",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .arg(spec)
            .stdout(std::fs::File::create(&log).expect("the log file"))
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let prism = Prism {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "Prism did not listen within 90 s:\n{}",
                prism.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        prism
    }

    pub fn log(&self) -> String {
        let mut text = String::new();
        let _ = std::fs::File::open(&self.log).and_then(|mut f| f.read_to_string(&mut text));
        text
    }
}
