//! Rebuilds the crate when the compiled-in theme or starter site changes (include_dir does not track files).

fn main() {
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=starter");
}
