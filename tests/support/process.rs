//! A child fmlint run to its end, or killed after a bound that only a hang reaches (never a
//! speed: the bound is minutes where the run takes a second).

use std::process::{Child, Output};
use std::time::{Duration, Instant};

/// The child's output when it ends within `seconds`; the test fails, and the child is killed,
/// when it does not. The output is read while the child runs, so that a full pipe never stops
/// it.
pub fn finish_within(mut child: Child, seconds: u64) -> Output {
    use std::io::Read;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("fmlint did not finish in {seconds} s: it blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}
