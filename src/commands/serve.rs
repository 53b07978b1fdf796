//! `kennis serve`: the preview server, from its command-line arguments to [`crate::serve::serve`].

use crate::cli::ServeArgs;
use crate::error::Result;
use crate::serve::{ServeOptions, serve};

pub fn run(args: ServeArgs) -> Result<()> {
    serve(&ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: !args.no_drafts,
        allow_hosts: args.allow_hosts,
        open: args.open,
        poll: args.poll,
    })
}
