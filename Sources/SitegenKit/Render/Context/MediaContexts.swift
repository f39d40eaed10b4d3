// What templates see of the scans, zones, PDFs and photos (`Archive.media`).

/// A page's scan (`page.scan`): the display copy, its thumbnail, and the zones drawn over it in
/// the scan's own pixels (`view_box`), so the overlay scales with the image.
struct ScanContext: ScopedContext {
    let scope: RenderScope
    let issue: Int
    let page: Int
    let scan: SiteMedia.Scan

    static let fields = TemplateFields<ScanContext>([
        .link("src") { $0.scan.display.path },
        .number("width") { $0.scan.display.width },
        .number("height") { $0.scan.display.height },
        .link("thumb_src") { $0.scan.thumbnail.path },
        .number("thumb_width") { $0.scan.thumbnail.width },
        .number("thumb_height") { $0.scan.thumbnail.height },
        .text("view_box") { "0 0 \($0.scan.width) \($0.scan.height)" },
        .bool("has_zones") { $0.zones != nil },
        .list("zones", of: ZoneContext.self) { $0.zones },
    ])

    /// A zone opens an archived article; one whose article is missing is left out (`sitegen check` names it).
    var zones: [ZoneContext]? {
        let page = scope.model[issue: issue].pages[page]
        let entries = Dictionary(page.entries.map { ($0.position, $0) }, uniquingKeysWith: { first, _ in first })
        let zones = page.zones.compactMap { zone -> ZoneContext? in
            guard let entry = entries[zone.article], let index = entry.article else { return nil }
            return ZoneContext(scope: scope, zone: zone, title: entry.title, path: scope.model.path(ofArticle: index))
        }
        return zones.isEmpty ? nil : zones
    }

    init?(scope: RenderScope, issue: Int, page: Int) {
        let model = scope.model
        guard let scan = model.media.page(model.date(ofIssue: issue), model.label(ofIssue: issue, page: page))?.scan
        else { return nil }
        self.scope = scope
        self.issue = issue
        self.page = page
        self.scan = scan
    }
}

/// One clickable region of a scan: an SVG polygon inside a link to its article.
struct ZoneContext: ScopedContext {
    let scope: RenderScope
    let zone: IssueListing.Zone
    let title: String
    let path: String

    static let fields = TemplateFields<ZoneContext>([
        .text("points") { $0.zone.svgPoints },
        .number("position") { $0.zone.article },
        .text("title") { $0.title },
        .link("href") { $0.path },
    ])
}

/// One photo of an article, with the caption of the same number (`captions[K-1]`).
struct PhotoContext: ScopedContext {
    let scope: RenderScope
    let image: SiteMedia.Image
    let number: Int
    let caption: String?

    static let fields = TemplateFields<PhotoContext>([
        .link("src") { $0.image.path },
        .number("width") { $0.image.width },
        .number("height") { $0.image.height },
        .number("number") { $0.number },
        .text("caption") { $0.caption },
    ])

    static func list(_ scope: RenderScope, article: Article) -> [PhotoContext]? {
        // An archive of text only has no photos to look up.
        guard !scope.model.media.photos.isEmpty, let images = scope.model.media.photos[article.slot] else {
            return nil
        }
        let captions = article.captions
        return images.enumerated().map { offset, image in
            PhotoContext(
                scope: scope, image: image, number: offset + 1,
                caption: offset < captions.count ? captions[offset] : nil)
        }
    }

    /// The captions no photo shows (all of them for an article without photos).
    static func unpictured(_ scope: RenderScope, article: Article) -> [String] {
        guard !scope.model.media.photos.isEmpty else { return article.captions }
        return Array(article.captions.dropFirst(scope.model.media.photos[article.slot]?.count ?? 0))
    }
}
