//! `kennis insights`: the community figures of a site, as aligned tables, CSV or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{InsightsArgs, InsightsFormat};
use crate::error::{Error, Result, Severity};
use crate::insights::{AccessFigures, Insights, Table};
use crate::model::CommunityId;
use crate::pipeline::model_site;

pub fn run(args: InsightsArgs) -> Result<()> {
    if args.output.is_some() && args.format != InsightsFormat::Csv {
        return Err(Error::Usage("`--output` writes CSV files: add `--format csv`".to_owned()));
    }
    if args.table.is_some() && args.format == InsightsFormat::Json {
        return Err(Error::Usage(
            "`--table` picks one table of `--format table` or `csv`; the JSON holds every figure".to_owned(),
        ));
    }
    let model = model_site(&args.root)?;
    let community = match &args.community {
        Some(id) => Some(known_community(&model.site, id)?),
        None => None,
    };
    // Logs named on the command line must be read; those site.yaml names are read as a
    // build reads them: one that cannot be is a warning (exit code 0, figures without it).
    let access = if args.access_logs.is_empty() {
        let (access, note) = crate::pipeline::read_access_logs(&model.config);
        if let Some(note) = note {
            eprintln!("{note}");
        }
        access
    } else {
        Some(read_logs(&args.access_logs, &model.config)?)
    };
    let started = std::time::Instant::now();
    let insights = crate::insights::compute(
        &model.site,
        model.history.as_ref(),
        &model.config,
        access.as_ref(),
        args.as_of,
    );
    log::debug!("insights computed in {:.3}s", started.elapsed().as_secs_f64());
    show(&insights, community.as_ref(), &args)?;
    // Notes on the site as a whole say where the figures come from (no git history…);
    // warnings about single pages are for `kennis check`.
    for note in model.diagnostics.iter().filter(|d| d.severity == Severity::Info) {
        eprintln!("{note}");
    }
    Ok(())
}

/// Prints or writes the figures as the arguments ask.
fn show(insights: &Insights, community: Option<&CommunityId>, args: &InsightsArgs) -> Result<()> {
    match args.format {
        InsightsFormat::Json => {
            let value = crate::insights::json(insights, community);
            print(&(serde_json::to_string_pretty(&value).expect("figures serialise to JSON") + "\n"))
        }
        InsightsFormat::Table => {
            let tables = crate::insights::tables(insights, community);
            let text = match &args.table {
                Some(name) => chosen(&tables, name)?.aligned(),
                None => tables.iter().map(|t| format!("{}\n{}\n", t.name, t.aligned())).collect(),
            };
            print(&text)
        }
        InsightsFormat::Csv => {
            let tables = crate::insights::tables(insights, community);
            match (&args.output, &args.table) {
                (Some(folder), _) => write_tables(&tables, folder),
                (None, Some(name)) => print(&chosen(&tables, name)?.csv()),
                (None, None) => {
                    let names: String = tables.iter().map(|t| format!("{}\n", t.name)).collect();
                    print(&names)
                }
            }
        }
    }
}

/// The community `--community` names, or a usage error listing the known ones.
fn known_community(site: &crate::model::Site, id: &str) -> Result<CommunityId> {
    let wanted = CommunityId(id.to_owned());
    if site.communities.contains_key(&wanted) {
        return Ok(wanted);
    }
    let known: Vec<&str> = site.communities.keys().map(|c| c.0.as_str()).collect();
    let list = if known.is_empty() {
        "the site has no communities (folders under `content/communities/`)".to_owned()
    } else {
        format!("known communities: {}", known.join(", "))
    };
    Err(Error::Usage(format!("no community `{id}`; {list}")))
}

fn chosen<'a>(tables: &'a [Table], name: &str) -> Result<&'a Table> {
    tables.iter().find(|t| t.name == name).ok_or_else(|| {
        let known: Vec<&str> = tables.iter().map(|t| t.name).collect();
        Error::Usage(format!("no table `{name}`; tables: {}", known.join(", ")))
    })
}

/// Every table as `NAME.csv` in `folder`, created if needed; nothing else is written.
fn write_tables(tables: &[Table], folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Write { path: folder.to_path_buf(), source })?;
    for table in tables {
        let path = folder.join(format!("{}.csv", table.name));
        std::fs::write(&path, table.csv()).map_err(|source| Error::Write { path, source })?;
    }
    Ok(())
}

/// The access logs `--access-log` names, read: one that cannot be is an error. How reading
/// went is said on standard error in one line.
fn read_logs(logs: &[PathBuf], config: &crate::config::Config) -> Result<AccessFigures> {
    let zone = config.months_zone();
    let access = crate::insights::read_access_logs(logs, &config.base_path, &zone)?;
    eprintln!("{}", access.report);
    Ok(access)
}

fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|source| Error::Write { path: "standard output".into(), source })
}
