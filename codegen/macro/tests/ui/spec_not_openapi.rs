mod swagger {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/swagger2.json",
        roots = ["address"],
    }
}

// A schema the roots reach that is not a valid OpenAPI schema.
mod broken_schema {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address", "broken"],
    }
}

fn main() {}
