/// The machine-readable files: Atom feed, sitemap (an index past 50,000 URLs) and robots.txt.
enum SyndicationFiles {
    static let sitemapLimit = 50_000
    static let feedSize = 50

    /// Atom feed of the newest articles. Each entry's `updated` is its issue date (the archive has
    /// no clock time), which keeps the output deterministic.
    static func atomFeed(_ archive: Archive) -> String {
        let base = archive.site.baseURL
        let newest = archive.issues.reversed().lazy.flatMap { issue in
            issue.articleRange.lazy.map { archive.articles[$0] }
        }.prefix(feedSize)
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
            let summary = Markdown.lead(article.body, limit: 200)
            if !summary.isEmpty {
                xml += "    <summary>\(summary.escapedForMarkup)</summary>\n"
            }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    /// Every page's URL with the day it was published. Returns (path, xml) pairs: one
    /// `sitemap.xml`, or an index `sitemap.xml` plus `sitemap-N.xml` parts of at most 50,000 URLs.
    static func sitemaps(urls: [(path: String, date: IssueDate?)], base: String) -> [(String, String)] {
        func urlset(_ slice: ArraySlice<(path: String, date: IssueDate?)>) -> String {
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for entry in slice {
                xml += "  <url><loc>\(Paths.url(entry.path, base: base).escapedForMarkup)</loc>"
                if let date = entry.date { xml += "<lastmod>\(date.iso)</lastmod>" }
                xml += "</url>\n"
            }
            return xml + "</urlset>\n"
        }
        if urls.count <= sitemapLimit {
            return [(Paths.sitemap, urlset(urls[...]))]
        }
        var files: [(String, String)] = []
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: urls.count, by: sitemapLimit).enumerated() {
            let part = Paths.sitemapPart(number + 1)
            files.append((part, urlset(urls[start..<min(start + sitemapLimit, urls.count)])))
            index += "  <sitemap><loc>\((base + part).escapedForMarkup)</loc></sitemap>\n"
        }
        index += "</sitemapindex>\n"
        return [(Paths.sitemap, index)] + files
    }

    static func robots(base: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(base)\(Paths.sitemap)\n"
    }
}
