//! The console's pages, each with its path, title and the document that serves it: the router,
//! the navigation, every link and the nginx routes read them here.

#[cfg(test)]
mod tests;

/// The console is built twice, as two documents of the same app (trunk builds one per HTML file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Document {
    /// `index.html`: Groups and Charts.
    FirstLoad,
    /// `all-views.html`: every view, so that moving on from one of its views needs no new load.
    AllViews,
}

impl Document {
    /// Its file in the build's output (trunk's `--html-output`).
    pub fn file(self) -> &'static str {
        match self {
            Document::FirstLoad => "index.html",
            Document::AllViews => "all-views.html",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Groups,
    Charts,
    Explore,
    Targets,
    Windmill,
    /// One job's runs and schedule, reached from its group (not in the navigation).
    Job,
}

impl Page {
    /// In the order the navigation lists them.
    pub const ALL: [Page; 5] = [
        Page::Groups,
        Page::Charts,
        Page::Explore,
        Page::Targets,
        Page::Windmill,
    ];
    /// Every page: the navigation's and the Job page.
    pub const EVERY: [Page; 6] = [
        Page::Groups,
        Page::Charts,
        Page::Explore,
        Page::Targets,
        Page::Windmill,
        Page::Job,
    ];
    /// The page `/` leads to.
    pub const HOME: Page = Page::Groups;

    /// The document nginx serves for the page's path. The views sessions start on and spend
    /// their time in load first, within the size budget; every other view is in the document
    /// with all of them (bench/NOTES.md §1).
    pub const fn document(self) -> Document {
        match self {
            Page::Groups | Page::Charts => Document::FirstLoad,
            Page::Explore | Page::Targets | Page::Windmill | Page::Job => Document::AllViews,
        }
    }

    /// The path's one segment, e.g. `charts`.
    pub fn segment(self) -> &'static str {
        match self {
            Page::Groups => "groups",
            Page::Charts => "charts",
            Page::Explore => "explore",
            Page::Targets => "targets",
            Page::Windmill => "windmill",
            Page::Job => "job",
        }
    }

    /// The path, e.g. `/charts`: the link to the page in its default state.
    pub fn path(self) -> &'static str {
        match self {
            Page::Groups => "/groups",
            Page::Charts => "/charts",
            Page::Explore => "/explore",
            Page::Targets => "/targets",
            Page::Windmill => "/windmill",
            Page::Job => "/job",
        }
    }

    /// The link to the page with `query` (already encoded, without '?'); the bare path when empty.
    pub fn href(self, query: &str) -> String {
        if query.is_empty() {
            self.path().to_string()
        } else {
            format!("{}?{query}", self.path())
        }
    }

    /// What the navigation calls it.
    pub fn title(self) -> &'static str {
        match self {
            Page::Groups => "Groups",
            Page::Charts => "Charts",
            Page::Explore => "Explore",
            Page::Targets => "Targets",
            Page::Windmill => "Windmill",
            Page::Job => "Job",
        }
    }
}
