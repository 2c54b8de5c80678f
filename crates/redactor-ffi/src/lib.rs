//! C ABI for redactor (being written).
