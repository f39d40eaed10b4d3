import Foundation

/// Reads `YYYY/MM/DD/issue.yml`: the issue's pages, their 版名 and their printed title lists.
package enum IssueListingReader {
    package static func read(text: String, path: String, date: IssueDate) throws(SitegenError) -> IssueListing {
        let fields = try YAMLFields(yaml: text, path: path)
        if let written = try fields.string("date"), IssueDate(iso: written) != date {
            throw SitegenError(
                path: path, line: fields.lineOf("date"),
                "says `date: \(written)` but lies in the folder of \(date.iso)",
                fix: "move the file to the folder of its date, or correct the date")
        }
        var pages: [IssueListing.ListedPage] = []
        var seen: Set<PageLabel> = []
        for item in try fields.mappings("pages") {
            let text = try item.requiredString("page", what: "the 版次, such as 3 or A10")
            guard let label = PageLabel(text) else {
                throw SitegenError(
                    path: path, line: item.lineOf("page"), "`page: \(text)` is not a 版次",
                    fix: "write the page number (`page: 3`) or a label of letters and digits (`page: A10`)")
            }
            guard seen.insert(label).inserted else {
                throw SitegenError(
                    path: path, line: item.lineOf("page"), "lists \(label.chineseName) twice",
                    fix: "keep one entry per page")
            }
            let titles = try item.strings("titles")
            guard titles.count <= IssueListing.maximumPosition else {
                throw SitegenError(
                    path: path, line: item.lineOf("titles"),
                    "lists \(titles.count) titles on \(label.chineseName); a page holds at most \(IssueListing.maximumPosition)",
                    fix: "check that the list belongs to this one page")
            }
            pages.append(
                .init(
                    page: label, name: try item.string("name"), titles: titles,
                    line: item.lineOf("page"), zones: try zones(of: item, path: path)))
        }
        return IssueListing(date: date, pages: pages, sourcePath: path)
    }

    /// A page's `zones:`, each `article: N` with `polygon: [x1, y1, x2, y2, …]` or `rect: [x, y, width, height]`.
    static func zones(of page: YAMLFields, path: String) throws(SitegenError) -> [IssueListing.Zone] {
        var zones: [IssueListing.Zone] = []
        for item in try page.mappings("zones") {
            let text = try item.requiredString("article", what: "the article's position on the page, such as 3")
            guard let article = Int(text), (1...IssueListing.maximumPosition).contains(article) else {
                throw SitegenError(
                    path: path, line: item.lineOf("article"), "`article: \(text)` is not a position on the page",
                    fix: "write the article's position (its NN.md), such as `article: 3`")
            }
            let key = item.has("polygon") ? "polygon" : "rect"
            let numbers = try item.strings(key).joined(separator: ",")
                .split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
            let usable = numbers.allSatisfy { $0 != nil && $0! >= 0 && $0! <= ImageProcessor.maximumSide }
            let values = numbers.compactMap { $0 }
            let line = item.lineOf(key)
            if key == "rect", usable, values.count == 4, values[2] > 0, values[3] > 0 {
                let (x, y, w, h) = (values[0], values[1], values[2], values[3])
                zones.append(
                    .init(
                        article: article,
                        points: [
                            .init(x: x, y: y), .init(x: x + w, y: y), .init(x: x + w, y: y + h),
                            .init(x: x, y: y + h),
                        ], line: line))
            } else if key == "polygon", usable, values.count >= 6, values.count % 2 == 0 {
                zones.append(
                    .init(
                        article: article,
                        points: stride(from: 0, to: values.count, by: 2).map {
                            .init(x: values[$0], y: values[$0 + 1])
                        },
                        line: line))
            } else {
                throw SitegenError(
                    path: path, line: line,
                    "the zone of article \(article) needs `polygon: [x1, y1, x2, y2, x3, y3, …]` (three corners or more) or `rect: [x, y, width, height]`, in the scan's pixels",
                    fix: "give whole numbers of pixels from the scan's top left corner")
            }
        }
        return zones
    }
}

/// Reads `Content/site.yml`.
package enum SiteConfigReader {
    package static func read(text: String, path: String) throws(SitegenError) -> SiteConfig {
        let fields = try YAMLFields(yaml: text, path: path)
        var config = SiteConfig()
        if let title = try fields.string("title") { config.title = title }
        if let url = try fields.string("base_url") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw SitegenError(
                    path: path, line: fields.lineOf("base_url"), "`base_url: \(url)` is not an http(s) address",
                    fix: "write the address the site is published at, such as `base_url: https://example.org/`")
            }
            config.baseURL = SiteConfig.normalizedBaseURL(url)
        }
        if let language = try fields.string("language") { config.language = language }
        config.description = try fields.string("description")
        config.footer = try fields.string("footer")
        if let unsafe = try fields.bool("unsafe_html") { config.unsafeHTML = unsafe }
        return config
    }
}
