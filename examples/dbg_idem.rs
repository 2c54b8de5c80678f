use redactor::{Kind, Policy, Redactor};
fn main() {
    let data = std::fs::read(std::env::args().nth(1).unwrap()).unwrap();
    let r = Redactor::builder()
        .default_policy(Policy::Mask)
        .policy(Kind::CreditCard, Policy::KeepLast(4))
        .build()
        .unwrap();
    let m1 = r.redact_bytes(&data).into_owned();
    let show = |d: &[u8], s: std::ops::Range<usize>| {
        String::from_utf8_lossy(&d[s.start.saturating_sub(30)..(s.end + 20).min(d.len())])
            .into_owned()
    };
    for f in r.find_bytes(&data) {
        println!(
            "1 {:?} {:?} {:?}",
            f.kind,
            f.span.clone(),
            show(&data, f.span.clone())
        );
    }
    for f in r.find_bytes(&m1) {
        println!(
            "2 {:?} {:?} {:?}",
            f.kind,
            f.span.clone(),
            show(&m1, f.span.clone())
        );
    }
}
