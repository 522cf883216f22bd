mod no_equals {
    stripe_codegen_macro::generate! { spec "spec3.json", roots = ["address"] }
}

mod roots_not_a_list {
    stripe_codegen_macro::generate! { spec = "spec3.json", roots = "address" }
}

mod not_a_string {
    stripe_codegen_macro::generate! { spec = "spec3.json", roots = [address] }
}

mod given_twice {
    stripe_codegen_macro::generate! { spec = "a.json", spec = "b.json", roots = ["address"] }
}

mod no_spec {
    stripe_codegen_macro::generate! { roots = ["address"] }
}

mod derive_not_a_path {
    stripe_codegen_macro::generate! { spec = "spec3.json", roots = ["address"], derives = ["Eq", "Eq +"] }
}

mod redaction_without_property {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        redact = ["postal_code"],
    }
}

mod nullable_neither_exact_nor_option {
    stripe_codegen_macro::generate! { spec = "spec3.json", roots = ["address"], nullable = "maybe" }
}

mod nullable_not_a_string {
    stripe_codegen_macro::generate! { spec = "spec3.json", roots = ["address"], nullable = option }
}

mod unknown_fields_neither_keep_nor_drop {
    stripe_codegen_macro::generate! { spec = "spec3.json", roots = ["address"], unknown_fields = "skip" }
}

fn main() {}
