/// A machine-readable file of the site. Its fingerprint is a digest of what its text is made
/// from, so a build learns whether it changed without making it; `make` is called only when it did.
struct DataFile: Sendable {
    let path: String
    let fingerprint: UInt64
    let make: @Sendable () -> String
}

/// The machine-readable files: Atom feed, sitemap (an index past 50,000 URLs) and robots.txt.
enum SyndicationFiles {
    static let sitemapLimit = 50_000
    static let feedSize = 50

    static func feed(_ archive: Archive) -> DataFile {
        let fingerprint = StableHash.of { hash in
            hash.combine("feed")
            hash.combine(archive.site.language)
            hash.combine(archive.site.title)
            hash.combine(archive.site.baseURL)
            hash.combine(archive.latestIssue?.date)
            for article in newest(archive) {  // what an entry shows; the summary comes from the body
                hash.combine(article.slot)
                hash.combine(article.title)
                hash.combine(article.date)
                hash.combine(article.authors)
                hash.combine(article.bodyDigest)
            }
        }
        return DataFile(path: Paths.feed, fingerprint: fingerprint, make: { atomFeed(archive) })
    }

    private static func newest(_ archive: Archive) -> some Sequence<Article> {
        archive.issues.reversed().lazy.flatMap { issue in
            issue.articleRange.lazy.map { archive.articles[$0] }
        }.prefix(feedSize)
    }

    /// Atom feed of the newest articles. Each entry's `updated` is its issue date (the archive has
    /// no clock time), which keeps the output deterministic.
    static func atomFeed(_ archive: Archive) -> String {
        let base = archive.site.baseURL
        let newest = newest(archive)
        let updated = archive.latestIssue.map { "\($0.date.iso)T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(archive.site.language.escapedForMarkup)">
              <title>\(archive.site.title.escapedForMarkup)</title>
              <id>\(base.escapedForMarkup)</id>
              <link rel="alternate" type="text/html" href="\(base.escapedForMarkup)"/>
              <link rel="self" type="application/atom+xml" href="\((base + Paths.feed).escapedForMarkup)"/>
              <updated>\(updated)</updated>

            """
        for article in newest {
            let url = Paths.url(Paths.article(article.slot), base: base).escapedForMarkup
            xml += "  <entry>\n"
            xml += "    <title>\(article.title.escapedForMarkup)</title>\n"
            xml += "    <id>\(url)</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            xml += "    <updated>\(article.date.iso)T00:00:00Z</updated>\n"
            let authors = article.authors.isEmpty ? [archive.site.title] : article.authors
            for author in authors {
                xml += "    <author><name>\(author.escapedForMarkup)</name></author>\n"
            }
            let summary = article.withBody { Markdown.lead(of: $0, limit: 200) }
            if !summary.isEmpty {
                xml += "    <summary>\(summary.escapedForMarkup)</summary>\n"
            }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    /// Every page's URL with the day it was published: one `sitemap.xml`, or an index
    /// `sitemap.xml` plus `sitemap-N.xml` parts of at most 50,000 URLs.
    static func sitemaps(urls: [(path: String, date: IssueDate?)], base: String) -> [DataFile] {
        let parts = stride(from: 0, to: max(urls.count, 1), by: sitemapLimit).map {
            urls[$0..<min($0 + sitemapLimit, urls.count)]
        }
        let urlsets = parts.enumerated().map { number, part in
            DataFile(
                path: parts.count == 1 ? Paths.sitemap : Paths.sitemapPart(number + 1),
                // Every address of the site, on every build: a word at a time, not byte by byte.
                fingerprint: StableHash.of { hash in
                    hash.combine("urlset")
                    hash.combine(base)
                    for entry in part {
                        hash.combineWords(entry.path)
                        hash.mix(IssueDate.word(entry.date))
                    }
                },
                make: { urlset(part, base: base) })
        }
        guard parts.count > 1 else { return urlsets }
        let index = DataFile(
            path: Paths.sitemap,
            fingerprint: StableHash.of {
                $0.combine("index")
                $0.combine(base)
                $0.combine(parts.count)
            },
            make: { sitemapIndex(parts: parts.count, base: base) })
        return [index] + urlsets
    }

    private static func urlset(_ slice: ArraySlice<(path: String, date: IssueDate?)>, base: String) -> String {
        // Made again whenever a page comes or goes (12,000 addresses for 10,000 articles): bytes
        // appended in place, the base escaped once (escaping goes character by character, so
        // base and path escape apart as they would together).
        let escapedBase = Array(base.escapedForMarkup.utf8)
        var xml: [UInt8] = []
        xml.reserveCapacity(slice.count * (escapedBase.count + 80) + 160)
        xml +=
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            .utf8
        for entry in slice {
            xml += "  <url><loc>".utf8
            xml += escapedBase
            xml += Paths.servedPath(entry.path).escapedForMarkup.utf8
            xml += "</loc>".utf8
            if let date = entry.date {
                xml += "<lastmod>".utf8
                xml += date.iso.utf8
                xml += "</lastmod>".utf8
            }
            xml += "</url>\n".utf8
        }
        xml += "</urlset>\n".utf8
        return String(decoding: xml, as: UTF8.self)
    }

    private static func sitemapIndex(parts: Int, base: String) -> String {
        var index =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for number in 1...parts {
            index += "  <sitemap><loc>\((base + Paths.sitemapPart(number)).escapedForMarkup)</loc></sitemap>\n"
        }
        return index + "</sitemapindex>\n"
    }

    static func robots(base: String) -> DataFile {
        DataFile(
            path: Paths.robots,
            fingerprint: StableHash.of {
                $0.combine("robots")
                $0.combine(base)
            },
            make: { "User-agent: *\nAllow: /\n\nSitemap: \(base)\(Paths.sitemap)\n" })
    }
}
