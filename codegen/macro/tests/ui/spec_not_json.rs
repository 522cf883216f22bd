stripe_codegen_macro::generate! {
    spec = "../../../../codegen/macro/tests/ui/not_json.json",
    roots = ["address"],
}

fn main() {}
