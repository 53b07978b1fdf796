//! The build, stage by stage: load → model → bodies → render → write. Reads like a table of contents.

use std::path::PathBuf;
use std::time::Instant;

use crate::config::{Config, ConfigOverrides};
use crate::content::load_content;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::markdown::Highlighter;
use crate::model::{AssembleOptions, assemble_site};
use crate::output::{Staging, check_output_folder};
use crate::render::{RenderOptions, Theme, check_links, render_bodies, render_site};

/// What `kennis build` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    pub include_drafts: bool,
    pub base_url: Option<String>,
}

/// What a successful build did, for the closing line and the warnings.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub seconds: f64,
}

/// Builds the site; on any error the previous output is left untouched.
pub fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let overrides = ConfigOverrides { base_url: options.base_url.clone() };
    let config = Config::load(&options.root, &overrides)?;
    let output = options.output.clone().unwrap_or_else(|| options.root.join("public"));
    let output = check_output_folder(&options.root, &config.content_dir, &output)?;

    let (highlighter, loaded) = rayon::join(Highlighter::new, || load_content(&config));
    let (sources, mut diagnostics) = loaded?;
    config.warnings().into_iter().for_each(|w| diagnostics.push(w));
    log_stage("load", started);
    let mut theme = Theme::load(config.language, &sources.template_files)?;
    let (site, problems) = assemble_site(
        sources,
        AssembleOptions { include_drafts: options.include_drafts, content_prefix: &config.content_prefix },
    );
    diagnostics.extend(problems);
    log_stage("model", started);
    if diagnostics.has_errors() {
        return Err(Error::Content(diagnostics));
    }
    let bodies = render_bodies(&site, &config, &highlighter, &theme.alert_titles());
    log_stage("markdown", started);
    diagnostics.extend(check_links(&site, &bodies, &config));
    if diagnostics.has_errors() {
        return Err(Error::Content(diagnostics));
    }

    let staging = Staging::create(&output)?;
    let render_options = RenderOptions { drafts_shown: options.include_drafts };
    let rendered = render_site(&site, &bodies, &mut theme, &config, &highlighter, render_options, &staging);
    if let Err(error) = rendered {
        staging.discard();
        return Err(error);
    }
    staging.commit()?;
    log_stage("write", started);
    let warnings: Vec<Diagnostic> =
        diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Warning).collect();
    Ok(BuildReport {
        output,
        pages: site.pages.iter().filter(|p| p.kind.has_own_page()).count(),
        warnings,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn log_stage(stage: &str, started: Instant) {
    log::debug!("{stage} done after {:.3}s", started.elapsed().as_secs_f64());
}
