stripe_codegen_macro::generate! {
    spec = "../../../../codegen/macro/tests/ui/no_such_spec.json",
    roots = ["address"],
}

fn main() {}
