stripe_codegen_macro::generate! {
    spec = "tests/ui/not_json.json",
    roots = ["address"],
}

fn main() {}
