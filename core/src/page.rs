//! The console's pages, each with its path and title: the router, the navigation and every link
//! read them here.

#[cfg(test)]
mod tests;

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
    /// The page `/` leads to.
    pub const HOME: Page = Page::Groups;

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
