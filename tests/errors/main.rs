//! Errors against the real binary, one test binary: the messages and exit codes of bad
//! input (`messages`, `bad_input`), a broken `indicators/` folder (`load_integrity`) and
//! faults of the surroundings such as a closed pipe or a full disk (`faults`). One binary,
//! because they share their setup (running the binary, `common::fails_with`).

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod faults;
mod load_integrity;
mod messages;
