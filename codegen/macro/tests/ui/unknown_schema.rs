mod misspelt_root {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["account", "adress"],
    }
}

mod pattern_matching_nothing {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["account", "gelato_*"],
    }
}

mod misspelt_redaction {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["account"],
        redact = ["address.postal_cod"],
    }
}

fn main() {}
