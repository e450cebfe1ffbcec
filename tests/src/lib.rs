//! Integration tests of `unmixed` live in `tests/`; the ui cases are in `../ui`.
