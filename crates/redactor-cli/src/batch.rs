//! `redactor redact`: plans the jobs, runs them (in input order to standard output, or one
//! file per core otherwise), reports and decides the exit status.

use crate::config::{self, Loaded};
use crate::plan::{self, Job, Target};
use crate::process::{Format, Settings, Stop, Worker};
use crate::report::{self, RunInfo, Totals};
use crate::ui::Ui;
use crate::{csvfile, exit, interrupt, jsonl, redact, Failure, OnError, RedactArgs};
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Instant, SystemTime};

/// What the jobs hand back, gathered under one lock.
struct Outcome {
    totals: Totals,
    /// The error that stopped the run (`--on-error fail`).
    fatal: Option<Failure>,
    broken_pipe: bool,
}

pub(crate) fn run(args: RedactArgs) -> Result<u8, Failure> {
    let started = SystemTime::now();
    let clock = Instant::now();
    if args.buffer_size == 0 {
        return Err(Failure::usage("--buffer-size must be at least 1"));
    }
    if args.threads == Some(0) {
        return Err(Failure::usage("--threads must be at least 1"));
    }
    let format = if args.jsonl {
        Format::Jsonl(
            args.field
                .iter()
                .map(|f| jsonl::FieldPath::parse(f))
                .collect::<Result<_, _>>()?,
        )
    } else if args.csv {
        Format::Csv {
            fields: args.field.clone(),
            delimiter: csvfile::delimiter(&args.delimiter)?,
        }
    } else {
        if !args.field.is_empty() {
            return Err(Failure::usage("--field needs --jsonl or --csv"));
        }
        Format::Text
    };
    let target = if let Some(dir) = &args.output_dir {
        Target::Dir(dir)
    } else if args.in_place {
        Target::InPlace(&args.backup_suffix)
    } else if args.check {
        Target::Nothing
    } else {
        Target::Stdout
    };
    if args.recursive && matches!(target, Target::Stdout) {
        return Err(Failure::usage(
            "-r needs --output-dir DIR, --in-place or --check",
        ));
    }
    let loaded = config::load(args.config.as_deref())?;
    let plan = plan::plan(&args.files, args.recursive, &target)?;

    let total_bytes = plan.jobs.iter().map(|j| j.size).sum();
    // A bar and summary for batch runs on a terminal; when redacting to standard output, only
    // if that output is not the terminal too.
    let to_stdout = matches!(target, Target::Stdout);
    let show =
        !args.quiet && io::stderr().is_terminal() && !(to_stdout && io::stdout().is_terminal());
    let ui = Ui::new(total_bytes, plan.jobs.len(), show, !to_stdout && show);
    for s in &plan.skipped {
        ui.warn(&format!("skipped {s}"));
    }
    if plan.skipped_backups > 0 {
        ui.warn(&format!(
            "skipped {} file(s) ending in {:?} (backups of an earlier run)",
            plan.skipped_backups, args.backup_suffix
        ));
    }
    let mut outcome = Outcome {
        totals: Totals {
            files_planned: plan.jobs.len() + plan.problems.len(),
            entries_skipped: plan.skipped.len() + plan.skipped_backups,
            ..Totals::default()
        },
        fatal: None,
        broken_pipe: false,
    };
    for (name, problem) in plan.problems {
        outcome.totals.fail(&name, &problem.message);
        if args.on_error == OnError::Fail && outcome.fatal.is_none() {
            outcome.fatal = Some(problem);
        } else {
            ui.error(&problem.message);
        }
    }

    let cancel = AtomicBool::new(false);
    let settings = Settings {
        redactor: &loaded.redactor,
        format: &format,
        on_error: args.on_error,
        locate: args.check,
        buffer_size: args.buffer_size,
        cancel: &cancel,
        ui: &ui,
        fsync: args.fsync,
    };
    if outcome.fatal.is_none() {
        if matches!(target, Target::Stdout) {
            outcome = in_order(&settings, &plan.jobs, &ui, outcome);
        } else {
            interrupt::install();
            redact::make_dirs(&plan.jobs);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(args.threads.unwrap_or(0))
                .build()
                .map_err(|e| Failure::new(format!("cannot start worker threads: {e}"), exit::IO))?;
            outcome = in_parallel(&pool, &settings, &plan.jobs, &ui, outcome);
        }
    }
    ui.finish();
    if outcome.broken_pipe {
        // `redactor redact big | head` is fine. With --check, stdout only carries findings, so
        // a closed pipe means PII was found: never report it as clean.
        return Ok(if args.check { exit::FOUND } else { 0 });
    }
    finish(&args, &loaded, &format, &ui, outcome, started, clock)
}

/// Standard output: one job after the other, in the order given.
fn in_order(s: &Settings, jobs: &[Job], ui: &Ui, mut outcome: Outcome) -> Outcome {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(redact::DEFAULT_BUFFER, stdout.lock());
    let mut w = Worker::new(s);
    for job in jobs {
        let result = redact::run_to(&mut w, s, job, &mut out);
        ui.file_done();
        gather(s, ui, job, result, &mut outcome);
        if outcome.fatal.is_some() || outcome.broken_pipe {
            break;
        }
    }
    if let Err(e) = out.flush() {
        let f = Failure::io("standard output", &e);
        outcome.broken_pipe |= f.broken_pipe;
        if !f.broken_pipe && outcome.fatal.is_none() {
            outcome.fatal = Some(f);
        }
    }
    outcome
}

/// Files to files (or to nothing): every worker thread takes the next job, largest first, and
/// keeps one stream and buffer for all its jobs.
fn in_parallel(
    pool: &rayon::ThreadPool,
    s: &Settings,
    jobs: &[Job],
    ui: &Ui,
    outcome: Outcome,
) -> Outcome {
    let mut order: Vec<&Job> = jobs.iter().collect();
    order.sort_by_key(|j| std::cmp::Reverse(j.size));
    let next = AtomicUsize::new(0);
    let shared = Mutex::new(outcome);
    pool.broadcast(|_| {
        let mut w = Worker::new(s);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = order.get(i) else { break };
            if s.should_stop() {
                break;
            }
            let result = redact::run_job(&mut w, s, job);
            ui.file_done();
            // A poisoned lock means another worker panicked; its data is still counts.
            let mut o = shared.lock().unwrap_or_else(|p| p.into_inner());
            gather(s, ui, job, result, &mut o);
        }
    });
    shared.into_inner().unwrap_or_else(|p| p.into_inner())
}

/// Adds one job's result to the outcome and tells the user what went wrong.
fn gather(
    s: &Settings,
    ui: &Ui,
    job: &Job,
    result: Result<crate::process::FileStats, Stop>,
    o: &mut Outcome,
) {
    match result {
        Ok(stats) => {
            for e in &stats.skipped {
                ui.error(&format!(
                    "{}:{}: {}; record left out",
                    job.name, e.line, e.message
                ));
            }
            if let Err(e) = ui.print_lines(&stats.locations) {
                o.broken_pipe |= e.kind() == io::ErrorKind::BrokenPipe;
                s.cancel.store(true, Ordering::Relaxed);
            }
            o.totals.add(&job.name, &stats);
        }
        Err(Stop::Cancelled) => {}
        Err(Stop::Failed(f)) => {
            if f.broken_pipe {
                o.broken_pipe = true;
                s.cancel.store(true, Ordering::Relaxed);
                return;
            }
            o.totals.fail(&job.name, &f.message);
            if s.on_error == OnError::Fail && o.fatal.is_none() {
                s.cancel.store(true, Ordering::Relaxed);
                o.fatal = Some(f);
            } else {
                ui.error(&f.message);
            }
        }
    }
}

/// Prints the fatal error and summary, writes the report and picks the exit status.
fn finish(
    args: &RedactArgs,
    loaded: &Loaded,
    format: &Format,
    ui: &Ui,
    outcome: Outcome,
    started: SystemTime,
    clock: Instant,
) -> Result<u8, Failure> {
    let elapsed = clock.elapsed();
    let t = &outcome.totals;
    let interrupted = interrupt::interrupted();
    let mut status = if interrupted {
        exit::INTERRUPTED
    } else if let Some(f) = &outcome.fatal {
        f.code
    } else if args.check && t.total_findings() > 0 {
        exit::FOUND
    } else if t.files_failed > 0 || t.records_skipped > 0 {
        exit::PARTIAL
    } else {
        0
    };
    if let Some(f) = &outcome.fatal {
        ui.error(&f.message);
    }
    let unfinished = t
        .files_planned
        .saturating_sub(t.files_done + t.files_failed);
    if interrupted {
        ui.error(&format!(
            "interrupted: {} of {} files finished; unfinished outputs were removed",
            t.files_done, t.files_planned
        ));
    } else if outcome.fatal.is_some() && unfinished > 0 {
        ui.error(&format!(
            "stopped: {} of {} files finished, {unfinished} not processed (--on-error skip carries on)",
            t.files_done, t.files_planned
        ));
    }
    if t.files_done > 0 {
        for (i, field) in format.field_names().iter().enumerate() {
            if t.field_hits.get(i).copied().unwrap_or(0) == 0 {
                ui.warn(&format!("--field {field} matched no value in any input"));
            }
        }
    }
    if args.check && !args.quiet && !interrupted && outcome.fatal.is_none() {
        if t.total_findings() > 0 {
            ui.error(&format!(
                "PII found: {} finding(s) in {} of {} file(s)",
                t.total_findings(),
                t.files_with_findings,
                t.files_done
            ));
        } else {
            ui.error(&format!("no PII found in {} file(s)", t.files_done));
        }
    } else if ui.summary && !args.check {
        eprintln!("{}", t.summary(loaded, "redacted", elapsed));
    }
    if let Some(path) = &args.report {
        let output = match (&args.output_dir, args.in_place, args.check) {
            (Some(_), _, _) => "output_dir",
            (None, true, _) => "in_place",
            (None, false, true) => "none",
            _ => "stdout",
        };
        let info = RunInfo {
            loaded,
            check: args.check,
            format: format.name(),
            fields: format.field_names(),
            output,
            started,
            elapsed,
            interrupted,
            exit_status: status,
        };
        if let Err(e) = report::write(path, &report::to_json(t, &info)) {
            ui.error(&Failure::io(&path.display().to_string(), &e).message);
            if !interrupted {
                status = exit::IO;
            }
        }
    }
    Ok(status)
}
