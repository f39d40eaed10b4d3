import Foundation
import SitegenKit

/// Where the page views of a run put the articles they link to: a page view's title list links
/// each title to its article (`content_48233.html`), so an article whose own page prints no 版次
/// (迪庆日报's current system) is placed by the page view that links to it, at its place in that list.
struct LinkedPlaces {
    struct Place: Equatable {
        var date: IssueDate
        var page: PageLabel
        var order: Int
    }

    private var places: [String: Place] = [:]

    /// Records the links of a page view saved from `source` (an address) or found at `file`.
    mutating func register(_ listing: ScrapedListing, date: IssueDate, source: String?, file: URL?) {
        guard let page = listing.currentPage, listing.titleLinks.count == listing.titles.count else { return }
        for (index, link) in listing.titleLinks.enumerated() {
            let place = Place(date: date, page: page, order: index + 1)
            for key in Self.keys(link: link, source: source, file: file) where places[key] == nil {
                places[key] = place
            }
        }
    }

    /// The place of the article saved from `source` or found at `file`, if a page view linked to it.
    func place(source: String?, file: URL?) -> Place? {
        let keys = [source.map(Placer.address), file.map { $0.standardizedFileURL.path }].compactMap { $0 }
        return keys.lazy.compactMap { places[$0] }.first
    }

    /// The link resolved against the page view's address and against its file (a mirrored site
    /// keeps the site's folders, so `content_48233.html` is beside `node_01.html` in both).
    static func keys(link: String, source: String?, file: URL?) -> [String] {
        var keys: [String] = []
        if let source, let base = URL(string: source),
            let resolved = URL(string: link, relativeTo: base)?.absoluteString
        {
            keys.append(Placer.address(resolved))
        }
        if let file, !link.contains("://") {
            let path = String(link.split(separator: "?").first ?? "")
            keys.append(
                URL(fileURLWithPath: path, relativeTo: file.deletingLastPathComponent()).standardizedFileURL.path)
        }
        return keys
    }
}
