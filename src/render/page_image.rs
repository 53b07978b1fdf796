//! A page's picture from front matter (`image:`…) as templates show it: resolved like a
//! Markdown image in the page's body, and as the absolute URL `og:image` wants.

use crate::config::Config;
use crate::markdown::{LinkKind, unsafe_image_scheme};
use crate::model::{Page, Site, urls};
use crate::render::bodies::{SiteLinks, Target, percent_decode};
use crate::render::views::ImageView;

/// The page's picture, or `None` when it has none, when its URL runs code, or when it
/// names a file that does not exist (the link check reports both at the front matter).
pub fn image_view(site: &Site, config: &Config, page: &Page) -> Option<ImageView> {
    let image = page.image.as_ref()?;
    if unsafe_image_scheme(&image.src).is_some() {
        return None;
    }
    let links = SiteLinks { site, config, from: &page.source };
    let src = image.src.as_str();
    // The URL on the site, before the base path: a bundle file's, a page's, or one
    // written from the site's root (`/assets/img/x.png`, a `static/` or `static_dirs` file).
    let site_url = match links.target(src, LinkKind::Image) {
        Target::Asset(asset, fragment) => Some(format!("{}{fragment}", site.assets[asset].url.as_str())),
        Target::Page(page, fragment) => Some(format!("{}{fragment}", site.link_target(page))),
        Target::AsWritten if src.starts_with('/') && !src.starts_with("//") => Some(src.to_owned()),
        // `https://…` (never fetched), `//cdn…`, an inline raster `data:` image.
        Target::AsWritten => None,
        // Jekyll (`image: assets/x.png`) and Zola's themes count a path from the site's
        // root, Hugo after the page's own files: so does kennis, when nothing is beside the page.
        Target::Missing => Some(site_root_file(site, src)?),
    };
    let alt = image.alt.clone().unwrap_or_default();
    Some(match site_url {
        Some(url) => ImageView { url: config.href(&url), absolute_url: config.absolute(&url), alt },
        None => ImageView { url: src.to_owned(), absolute_url: src.to_owned(), alt },
    })
}

/// The URL a relative picture path names when read from the site's root (`/images/x.png`
/// for `static/images/x.png`, a `static_dirs` file or a content file), if the build
/// writes that file: looked up in the site's indexes, as written otherwise.
fn site_root_file(site: &Site, src: &str) -> Option<String> {
    let path = site_root_path(src).filter(|path| !path.starts_with('/'))?;
    let url = urls::site_file(&path);
    let written = site.static_urls.contains(&url) || site.assets_by_url.contains_key(&url);
    written.then(|| urls::site_file(src.trim_start_matches("./")).as_str().to_owned())
}

/// A relative picture path read from the site's root, decoded as a file path
/// (`images/my%20cat.png` gives `images/my cat.png`); `None` for paths that climb (`../`).
pub(crate) fn site_root_path(src: &str) -> Option<String> {
    let path = src.split(['#', '?']).next().unwrap_or(src).trim_start_matches("./");
    let path = percent_decode(path);
    (!path.is_empty() && !path.split('/').any(|part| part == "..")).then_some(path)
}
