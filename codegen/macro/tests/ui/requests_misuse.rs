mod path_matching_nothing {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        requests = ["/v1/identity/*"],
    }
}

mod not_a_path {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        requests = ["/v1/*", "v1/identity"],
    }
}

mod bad_missing_refs {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        missing_refs = "skip",
    }
}

fn main() {}
