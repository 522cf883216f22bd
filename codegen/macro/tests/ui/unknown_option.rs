stripe_codegen_macro::generate! {
    spec = "tests/ui/small_spec.json",
    root = ["address"],
}

fn main() {}
