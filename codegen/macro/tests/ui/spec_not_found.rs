stripe_codegen_macro::generate! {
    spec = "/nonexistent/spec3.json",
    roots = ["address"],
}

fn main() {}
