#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    stripe_model_tests_fuzz::check::<stripe_shared::FileLinks>(data);
});
