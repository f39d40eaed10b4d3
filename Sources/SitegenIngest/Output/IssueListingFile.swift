import SitegenKit

/// Merges what an input shows about its issue into `YYYY/MM/DD/issue.yml`, adding and never
/// dropping: pages and names an editor wrote stay as written; new pages go in by 版次; a page's
/// title list is filled when empty or extended when the old list is its beginning.
enum IssueListingFile {
    /// Whether an input shows enough of its issue to be worth recording (a page list or titles).
    static func isWorthRecording(_ scraped: ScrapedListing) -> Bool {
        scraped.pages.count >= 2 || !scraped.titles.isEmpty
    }

    static func merge(_ scraped: ScrapedListing, into existing: IssueListing) -> IssueListing {
        var merged = existing
        var additions = scraped.pages
        if let current = scraped.currentPage, !additions.contains(where: { $0.page == current }) {
            additions.append(.init(page: current, name: scraped.currentPageName))
        }
        for page in additions {
            if let index = merged.pages.firstIndex(where: { $0.page == page.page }) {
                if merged.pages[index].name == nil { merged.pages[index].name = page.name }
            } else {
                let position = merged.pages.firstIndex { page.page < $0.page } ?? merged.pages.count
                merged.pages.insert(.init(page: page.page, name: page.name), at: position)
            }
        }
        if let current = scraped.currentPage, !scraped.titles.isEmpty,
            let index = merged.pages.firstIndex(where: { $0.page == current })
        {
            let old = merged.pages[index].titles
            if old.count < scraped.titles.count, Array(scraped.titles.prefix(old.count)) == old {
                merged.pages[index].titles = scraped.titles
            }
            if merged.pages[index].name == nil { merged.pages[index].name = scraped.currentPageName }
        }
        // Zones an editor drew stay; a page without any takes the page view's.
        if let current = scraped.currentPage, !scraped.zones.isEmpty,
            let index = merged.pages.firstIndex(where: { $0.page == current }), merged.pages[index].zones.isEmpty
        {
            merged.pages[index].zones = scraped.zones
        }
        return merged
    }

    static func text(_ listing: IssueListing) -> String {
        var lines = ["date: " + listing.date.iso, "pages:"]
        for page in listing.pages {
            lines.append("  - page: " + page.page.description)
            if let name = page.name { lines.append("    name: " + YAMLText.scalar(name)) }
            if !page.titles.isEmpty {
                lines.append("    titles:")
                lines += page.titles.map { "      - " + YAMLText.scalar($0) }
            }
            if !page.zones.isEmpty {
                lines.append("    zones:")
                for zone in page.zones {
                    lines.append("      - article: \(zone.article)")
                    lines.append(
                        "        polygon: [" + zone.points.map { "\($0.x),\($0.y)" }.joined(separator: ", ") + "]")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
