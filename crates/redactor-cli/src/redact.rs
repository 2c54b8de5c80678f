//! Running one job to its destination: standard output, nowhere (`--check`), or a file written
//! to a temporary file in the destination directory and renamed into place only when complete,
//! so a file with its final name is never partial. In place, the original is kept as a backup
//! (a hard link, or a copy where links are not supported) before the rename replaces it.

use crate::plan::{Dest, Job, TEMP_PREFIX, TEMP_SUFFIX};
use crate::process::{process, FileStats, Settings, Stop, Worker};
use crate::{open, Failure};
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// The default read buffer size.
pub(crate) const DEFAULT_BUFFER: usize = 64 * 1024;

/// Runs `job` whose destination is not standard output.
pub(crate) fn run_job(w: &mut Worker, s: &Settings, job: &Job) -> Result<FileStats, Stop> {
    if s.should_stop() {
        return Err(Stop::Cancelled);
    }
    match &job.dest {
        Dest::File { path, backup } => {
            let Some(input) = &job.input else {
                return Err(Failure::usage("standard input cannot be written to a file").into());
            };
            let mut file = File::open(input).map_err(|e| Failure::io(&job.name, &e))?;
            let perms = file
                .metadata()
                .map_err(|e| Failure::io(&job.name, &e))?
                .permissions();
            write_atomic(w, s, job, &mut file, perms, path, backup.as_deref())
        }
        Dest::Nothing | Dest::Stdout => {
            let mut input = open(job.input.as_deref())?;
            process(w, s, &job.name, &mut input, &mut io::sink(), "nowhere")
        }
    }
}

/// Creates the directories of all output files up front, once each (instead of one `mkdir`
/// per file from the workers). Failures are left for the job that needs the directory to report.
pub(crate) fn make_dirs(jobs: &[Job]) {
    let dirs: std::collections::BTreeSet<&Path> = jobs
        .iter()
        .filter_map(|j| match &j.dest {
            Dest::File { path, .. } => path.parent(),
            _ => None,
        })
        .collect();
    for dir in dirs {
        let _ = fs::create_dir_all(dir);
    }
}

/// Runs `job` into `out` (standard output).
pub(crate) fn run_to(
    w: &mut Worker,
    s: &Settings,
    job: &Job,
    out: &mut dyn Write,
) -> Result<FileStats, Stop> {
    let mut input = open(job.input.as_deref())?;
    process(w, s, &job.name, &mut input, out, "standard output")
}

fn write_atomic(
    w: &mut Worker,
    s: &Settings,
    job: &Job,
    input: &mut dyn Read,
    perms: fs::Permissions,
    path: &Path,
    backup: Option<&Path>,
) -> Result<FileStats, Stop> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir_err = |e: io::Error| Failure::io(&dir.display().to_string(), &e);
    // Removed when dropped: on any error, on Ctrl-C (the job returns early) and on panic.
    let temp = || {
        tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
    };
    // Directories usually exist already (see `make_dirs`): try first, create on demand.
    let tmp = match temp() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(dir_err)?;
            temp().map_err(dir_err)?
        }
        other => other.map_err(dir_err)?,
    };
    let stats = {
        let mut out = BufWriter::with_capacity(DEFAULT_BUFFER, tmp.as_file());
        let stats = process(w, s, &job.name, input, &mut out, &shown)?;
        out.flush().map_err(|e| Failure::io(&shown, &e))?;
        stats
    };
    tmp.as_file()
        .set_permissions(perms)
        .map_err(|e| Failure::io(&shown, &e))?;
    if s.fsync {
        tmp.as_file()
            .sync_all()
            .map_err(|e| Failure::io(&shown, &e))?;
    }
    if let Some(backup) = backup {
        keep_backup(path, backup)?;
    }
    tmp.persist(path)
        .map_err(|e| Failure::io(&shown, &e.error))?;
    Ok(stats)
}

/// Makes `backup` a copy of `path` (a hard link when possible). An existing backup is kept: it
/// holds the oldest original, which a second in-place run must not replace with text that was
/// already redacted.
fn keep_backup(path: &Path, backup: &Path) -> Result<(), Failure> {
    let shown = backup.display().to_string();
    match fs::symlink_metadata(backup) {
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(Failure::io(&shown, &e)),
    }
    if fs::hard_link(path, backup).is_err() {
        // No hard links here: copy, through a temporary file so a failed copy never looks
        // like a backup.
        let dir = match backup.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Failure::io(&shown, &e))?;
        fs::copy(path, tmp.path()).map_err(|e| Failure::io(&shown, &e))?;
        tmp.persist_noclobber(backup)
            .map_err(|e| Failure::io(&shown, &e.error))?;
    }
    Ok(())
}
