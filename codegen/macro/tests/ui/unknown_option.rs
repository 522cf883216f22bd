stripe_codegen_macro::generate! {
    spec = "../../../../codegen/macro/tests/ui/small_spec.json",
    root = ["address"],
}

fn main() {}
