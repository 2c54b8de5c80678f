//! Which inputs a run reads and where each one's output goes: walks `-r` directories, maps
//! them under `--output-dir`, and refuses plans that would overwrite an input or write two
//! inputs to one place.

use crate::{exit, Failure};
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

/// Where outputs go.
pub(crate) enum Target<'a> {
    /// Concatenated on standard output, in input order.
    Stdout,
    /// Nowhere (`--check`).
    Nothing,
    /// Mirrored under a directory.
    Dir(&'a Path),
    /// Over each input, keeping the original under this suffix (none when empty).
    InPlace(&'a str),
}

/// One input and its destination.
pub(crate) struct Job {
    /// `None`: standard input.
    pub(crate) input: Option<PathBuf>,
    /// The input as messages name it.
    pub(crate) name: String,
    /// Input size when known (for the progress bar and largest-first scheduling).
    pub(crate) size: u64,
    pub(crate) dest: Dest,
}

/// Where one job's output goes.
pub(crate) enum Dest {
    Stdout,
    Nothing,
    /// A file, written to a temporary file beside it and renamed; with `backup`, the previous
    /// file at `path` is kept there first.
    File {
        path: PathBuf,
        backup: Option<PathBuf>,
    },
}

/// The jobs of a run, and what went wrong finding them.
#[derive(Default)]
pub(crate) struct Plan {
    pub(crate) jobs: Vec<Job>,
    /// Inputs that could not be read (a missing file, an unreadable directory), by name.
    pub(crate) problems: Vec<(String, Failure)>,
    /// Entries left out on purpose (symbolic links, special files, leftovers), for warnings.
    pub(crate) skipped: Vec<String>,
    /// Backups of earlier in-place runs left out.
    pub(crate) skipped_backups: usize,
}

/// The name of our temporary files; walks leave them out.
pub(crate) const TEMP_PREFIX: &str = ".redactor-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

fn is_temp(name: &OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX)
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Plans a run over `inputs` (empty: standard input).
///
/// # Errors
/// Usage errors (a directory without `-r`, standard input with an output directory, an output
/// directory inside an input directory, two inputs with the same output). Unreadable inputs are
/// not errors here: they are collected in [`Plan::problems`].
pub(crate) fn plan(inputs: &[PathBuf], recursive: bool, target: &Target) -> Result<Plan, Failure> {
    let mut plan = Plan::default();
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    let out_dir = match target {
        Target::Dir(d) => {
            fs::create_dir_all(d).map_err(|e| Failure::io(&d.display().to_string(), &e))?;
            Some(fs::canonicalize(d).map_err(|e| Failure::io(&d.display().to_string(), &e))?)
        }
        _ => None,
    };
    for input in inputs {
        let name = input.display().to_string();
        if input == Path::new("-") {
            if matches!(target, Target::Dir(_) | Target::InPlace(_)) {
                return Err(Failure::usage(
                    "standard input can only be redacted to standard output or checked",
                ));
            }
            plan.jobs.push(Job {
                input: None,
                name: "<stdin>".to_string(),
                size: 0,
                dest: simple_dest(target),
            });
            continue;
        }
        let meta = match fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                plan.problems.push((name.clone(), Failure::io(&name, &e)));
                continue;
            }
        };
        if meta.is_dir() {
            if !recursive {
                return Err(Failure::usage(format!(
                    "{name} is a directory (add -r to redact the files in it)"
                )));
            }
            if let Some(out) = &out_dir {
                let root = fs::canonicalize(input).map_err(|e| Failure::io(&name, &e))?;
                if out.starts_with(&root) {
                    return Err(Failure::usage(format!(
                        "--output-dir {} is inside the input directory {name}; choose one outside it",
                        out.display()
                    )));
                }
                if root.starts_with(out) {
                    return Err(Failure::usage(format!(
                        "the input directory {name} is inside --output-dir {}; outputs could overwrite inputs",
                        out.display()
                    )));
                }
            }
            walk(input, target, out_dir.as_deref(), &mut plan);
        } else {
            let dest = match (target, &out_dir) {
                (Target::Dir(_), Some(out)) => {
                    let file_name = input.file_name().unwrap_or(input.as_os_str());
                    let dest = out.join(file_name);
                    if fs::canonicalize(input).is_ok_and(|c| c.starts_with(out)) {
                        return Err(Failure::usage(format!(
                            "{name} is inside --output-dir {}; outputs could overwrite inputs",
                            out.display()
                        )));
                    }
                    Dest::File {
                        path: dest,
                        backup: None,
                    }
                }
                (Target::InPlace(suffix), _) => {
                    // Redact what a symbolic link points to, and keep the link.
                    let path = fs::canonicalize(input).map_err(|e| Failure::io(&name, &e))?;
                    Dest::File {
                        backup: (!suffix.is_empty()).then(|| with_suffix(&path, suffix)),
                        path,
                    }
                }
                _ => simple_dest(target),
            };
            plan.jobs.push(Job {
                input: Some(input.clone()),
                name,
                size: meta.len(),
                dest,
            });
        }
    }
    check_collisions(&plan.jobs)?;
    Ok(plan)
}

fn simple_dest(target: &Target) -> Dest {
    match target {
        Target::Nothing => Dest::Nothing,
        _ => Dest::Stdout,
    }
}

/// Adds a job for every regular file under `root`.
fn walk(root: &Path, target: &Target, out_dir: Option<&Path>, plan: &mut Plan) {
    // In place, destinations are canonical so overlapping roots (`dir dir/sub`) are caught as
    // collisions instead of two workers rewriting one file.
    let canonical_root = match target {
        Target::InPlace(_) => match fs::canonicalize(root) {
            Ok(c) => c,
            Err(e) => {
                let name = root.display().to_string();
                plan.problems.push((name.clone(), Failure::io(&name, &e)));
                return;
            }
        },
        _ => root.to_path_buf(),
    };
    let backup_suffix = match target {
        Target::InPlace(s) if !s.is_empty() => Some(*s),
        _ => None,
    };
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                let name = dir.display().to_string();
                plan.problems.push((name.clone(), Failure::io(&name, &e)));
                continue;
            }
        };
        let mut entries: Vec<_> = entries
            .filter_map(|e| match e {
                Ok(e) => Some(e),
                Err(e) => {
                    let name = dir.display().to_string();
                    plan.problems.push((name.clone(), Failure::io(&name, &e)));
                    None
                }
            })
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let shown = path.display().to_string();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    plan.problems.push((shown.clone(), Failure::io(&shown, &e)));
                    continue;
                }
            };
            let file_name = entry.file_name();
            if file_type.is_symlink() {
                plan.skipped
                    .push(format!("{shown}: symbolic link, not followed"));
            } else if file_type.is_dir() {
                dirs.push(path);
            } else if !file_type.is_file() {
                plan.skipped.push(format!("{shown}: not a regular file"));
            } else if is_temp(&file_name) {
                plan.skipped.push(format!(
                    "{shown}: an unfinished output of an interrupted run (safe to delete)"
                ));
            } else if backup_suffix.is_some_and(|s| file_name.to_string_lossy().ends_with(s)) {
                plan.skipped_backups += 1;
            } else {
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                // `path` came from joining names onto `root`.
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let dest = match target {
                    Target::Dir(_) => Dest::File {
                        path: out_dir.unwrap_or(Path::new(".")).join(rel),
                        backup: None,
                    },
                    Target::InPlace(suffix) => {
                        let path = canonical_root.join(rel);
                        Dest::File {
                            backup: (!suffix.is_empty()).then(|| with_suffix(&path, suffix)),
                            path,
                        }
                    }
                    Target::Nothing => Dest::Nothing,
                    Target::Stdout => Dest::Stdout,
                };
                plan.jobs.push(Job {
                    input: Some(path),
                    name: shown,
                    size,
                    dest,
                });
            }
        }
    }
}

/// Two inputs must never be written to the same file.
fn check_collisions(jobs: &[Job]) -> Result<(), Failure> {
    let mut seen: HashMap<&Path, &str> = HashMap::new();
    for job in jobs {
        if let Dest::File { path, .. } = &job.dest {
            if let Some(other) = seen.insert(path, &job.name) {
                return Err(Failure::new(
                    format!(
                        "{other} and {} would both be written to {}",
                        job.name,
                        path.display()
                    ),
                    exit::USAGE,
                ));
            }
        }
    }
    Ok(())
}
