//! The clean path allocates nothing: redacting text without PII costs no heap allocation.

use redactor::Redactor;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: defers to the system allocator; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn clean_messages_do_not_allocate() {
    let r = Redactor::default();
    let messages = [
        "Hi, thanks for reaching out! How can I help you today? I'm happy to look into it.",
        "I was charged twice for order #4481923 on 03/05/2024 at 10:30, total $1,299.99.",
        "Ticket CS0012345 opened; build 22631.2861 on iOS 17.4.1, server 192.168.1.20:8080.",
        "Привет! Как дела? 你好，我想查询一下订单。 Ça va très bien, merci beaucoup.",
    ];
    let mut findings = Vec::with_capacity(16);
    // Warm up: lazily built tables allocate once.
    for m in messages {
        let _ = r.redact(m);
        r.find_into(m.as_bytes(), &mut findings);
        findings.clear();
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..100 {
        for m in messages {
            let out = r.redact(m);
            assert!(
                matches!(out, std::borrow::Cow::Borrowed(_)),
                "no PII expected"
            );
            r.find_into(m.as_bytes(), &mut findings);
            assert!(findings.is_empty());
        }
    }
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(after - before, 0, "the clean path allocated");
}
