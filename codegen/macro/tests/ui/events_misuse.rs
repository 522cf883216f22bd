mod no_such_envelope {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        events = "evnt",
    }
}

mod types_without_an_envelope {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        event_types = ["identity.verification_session.verified"],
    }
}

mod a_type_twice {
    stripe_codegen_macro::generate! {
        spec = "tests/ui/small_spec.json",
        roots = ["address"],
        events = "event",
        event_types = ["a.b", "a.b"],
    }
}

fn main() {}
